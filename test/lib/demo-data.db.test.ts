import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateDemoTallies, loadDemoData, removeDemoData } from '../../lib/demo-data.js';
import { Tally } from '../../models/tally.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { getTestMongoUri } from '../setup/test-db.js';

const run = promisify(execFile);
const range = { from: '2025-03-01', to: '2025-03-10' };

describe('lib/demo-data against the database', () => {
  setupTestDB('lib-demo-data');

  it('loads one demo tally per region and day, and loading again changes nothing', async () => {
    const first = await loadDemoData(range);
    assert.equal(first.written, 80);
    const snapshot = await Tally.find({}, { _id: 0, createdAt: 0, updatedAt: 0 })
      .sort({ region: 1, date: 1 })
      .lean();
    await loadDemoData(range);
    const again = await Tally.find({}, { _id: 0, createdAt: 0, updatedAt: 0 })
      .sort({ region: 1, date: 1 })
      .lean();
    assert.equal(again.length, 80);
    assert.deepEqual(again, snapshot);
  });

  it('stores the same documents with its bulk insert into an empty range as with its upserts', async () => {
    const stored = () =>
      Tally.find({ demo: true }, { _id: 0, createdAt: 0, updatedAt: 0 }).sort({ region: 1, date: 1 }).lean();
    await loadDemoData(range);
    const inserted = await stored();
    await removeDemoData();
    // A tally in the range (in another window) sends the load through the upserts instead.
    await Tally.create({ region: 'sumy', date: '2025-03-05', window: 'day' });
    assert.equal((await loadDemoData(range)).written, 80);
    const upserted = await stored();
    assert.equal(inserted.length, 80);
    assert.deepEqual(inserted, upserted);
    const [first] = await Tally.find({ demo: true }).lean();
    assert.ok(first?.createdAt instanceof Date && first.updatedAt instanceof Date);
  });

  it('never overwrites a real tally in the same slot', async () => {
    await Tally.create({
      region: 'sumy',
      date: '2025-03-05',
      window: 'total',
      metrics: { attacks: { value: 99, qualifier: 'exact', term: 'обстрілів' } },
    });
    const result = await loadDemoData(range);
    assert.equal(result.skipped, 1);
    const real = await Tally.findOne({ region: 'sumy', date: '2025-03-05' }).lean();
    assert.equal(real?.demo, false);
    assert.equal(real?.metrics?.attacks?.value, 99);
  });

  it('removeDemoData deletes demo tallies and keeps real ones', async () => {
    await loadDemoData(range);
    await Tally.create({ region: 'kherson', date: '2024-12-31', window: 'day' });
    assert.equal(await removeDemoData(), 80);
    assert.equal(await Tally.countDocuments({}), 1);
  });

  it('stores what the generator produced, demo flag and notice included', async () => {
    await loadDemoData(range);
    const [expected] = generateDemoTallies({ from: '2025-03-01', to: '2025-03-01' });
    assert.ok(expected);
    const stored = await Tally.findOne({ region: expected.region, date: expected.date }).lean();
    assert.equal(stored?.demo, true);
    assert.equal(stored?.notice, expected.notice);
    assert.deepEqual(stored?.metrics, expected.metrics);
  });

  describe('npm run seed:demo', () => {
    it('loads the requested range into MONGODB_URI', async () => {
      const uri = await getTestMongoUri('lib-demo-data');
      await run(
        process.execPath,
        ['--import', 'tsx', 'scripts/seed-demo.ts', '--from', '2025-01-01', '--to', '2025-01-02'],
        { env: { ...process.env, MONGODB_URI: uri, LOG_LEVEL: 'silent' }, timeout: 20_000 },
      );
      assert.equal(await Tally.countDocuments({ demo: true }), 16);
    });
  });
});
