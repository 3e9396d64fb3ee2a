import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useEngineTestDb } from './engine-test-db.js';

describe('engine: through mongoose', () => {
  const testDb = useEngineTestDb('mongoose', { withMongoose: true });

  const tallySchema = new mongoose.Schema({
    region: { type: String, required: true, index: true },
    day: { type: Date, required: true },
    count: { type: Number, default: 0 },
    sources: [String],
  });
  tallySchema.index({ region: 1, day: 1 }, { unique: true });

  /** A fresh model per test: mongoose runs init() once per model, and every test starts on an empty database. */
  function getTallyModel() {
    const connection = testDb().connection;
    if (connection.models.Tally) connection.deleteModel('Tally');
    return connection.model('Tally', tallySchema, 'tallies');
  }

  it('creates the collection and its indexes with Model.init()', async () => {
    const Tally = getTallyModel();
    await Tally.init();
    const names = (await Tally.collection.indexes()).map((index) => index.name).sort();
    assert.deepEqual(names, ['_id_', 'region_1', 'region_1_day_1']);
  });

  it('brings indexes in line with the schema with syncIndexes', async () => {
    const Tally = getTallyModel();
    await Tally.createCollection();
    await Tally.collection.createIndex({ stale: 1 });
    const dropped = await Tally.syncIndexes();
    assert.deepEqual(dropped, ['stale_1']);
    const names = (await Tally.collection.indexes()).map((index) => index.name).sort();
    assert.deepEqual(names, ['_id_', 'region_1', 'region_1_day_1']);
  });

  it('creates, finds, updates and deletes documents', async () => {
    const Tally = getTallyModel();
    await Tally.init();
    const day = new Date('2024-05-01T00:00:00Z');
    await Tally.create({ region: 'kyiv', day, count: 3 });
    const found = await Tally.findOne({ region: 'kyiv' }).lean();
    assert.equal(found?.count, 3);
    await Tally.updateOne({ region: 'kyiv', day }, { $set: { count: 4 } });
    assert.equal((await Tally.findOne({ region: 'kyiv' }).lean())?.count, 4);
    await Tally.deleteMany({ region: 'kyiv' });
    assert.equal(await Tally.countDocuments(), 0);
  });

  it('upserts with findOneAndUpdate and returns the new document', async () => {
    const Tally = getTallyModel();
    await Tally.init();
    const day = new Date('2024-05-02T00:00:00Z');
    const doc = await Tally.findOneAndUpdate(
      { region: 'lviv', day },
      { $set: { count: 7 }, $addToSet: { sources: 'tg' } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    assert.equal(doc?.region, 'lviv');
    assert.equal(doc?.count, 7);
    assert.deepEqual(doc?.sources, ['tg']);
  });

  it('counts with countDocuments and rolls up with aggregate', async () => {
    const Tally = getTallyModel();
    await Tally.init();
    await Tally.insertMany([
      { region: 'a', day: new Date('2024-01-01T00:00:00Z'), count: 1 },
      { region: 'a', day: new Date('2024-01-02T00:00:00Z'), count: 2 },
      { region: 'a', day: new Date('2024-02-01T00:00:00Z'), count: 5 },
      { region: 'b', day: new Date('2024-01-01T00:00:00Z'), count: 9 },
    ]);
    assert.equal(await Tally.countDocuments({ region: 'a' }), 3);
    const months = await Tally.aggregate<{ _id: string; total: number }>([
      { $match: { region: 'a', day: { $gte: new Date('2024-01-01T00:00:00Z') } } },
      {
        $group: {
          _id: { $dateToString: { date: '$day', format: '%Y-%m', timezone: 'Europe/Kyiv' } },
          total: { $sum: '$count' },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    assert.deepEqual(months, [
      { _id: '2024-01', total: 3 },
      { _id: '2024-02', total: 5 },
    ]);
  });

  it('raises the duplicate-key error for a unique compound index', async () => {
    const Tally = getTallyModel();
    await Tally.init();
    const day = new Date('2024-05-03T00:00:00Z');
    await Tally.create({ region: 'x', day });
    await assert.rejects(
      Tally.create({ region: 'x', day }),
      (error: { code?: number }) => error.code === 11000,
    );
  });

  it('finds by _id as a string that mongoose casts to an ObjectId', async () => {
    const Tally = getTallyModel();
    await Tally.init();
    const created = await Tally.create({ region: 'y', day: new Date('2024-05-04T00:00:00Z') });
    const found = await Tally.findById(String(created._id)).lean();
    assert.equal(found?.region, 'y');
  });
});
