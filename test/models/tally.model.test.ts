import assert from 'node:assert/strict';
import { Tally } from '../../models/tally.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

describe('models/tally', () => {
  setupTestDB('models-tally');

  it('stores a metric no source stated as null, never 0', async () => {
    await Tally.create({
      region: 'kherson',
      date: '2025-04-19',
      window: 'past_24h',
      metrics: { attacks: { value: 52, qualifier: 'exact', term: 'обстрілів' } },
    });
    const raw = await Tally.collection.findOne({ region: 'kherson' });
    const metrics = raw?.metrics as Record<string, unknown>;
    assert.deepEqual(metrics.attacks, { value: 52, qualifier: 'exact', term: 'обстрілів' });
    assert.equal(metrics.explosions, null);
    assert.equal(metrics.killed, null);
  });

  it('keeps an explicit 0 ("no casualties") apart from null', async () => {
    await Tally.create({
      region: 'kherson',
      date: '2025-04-19',
      window: 'day',
      metrics: { killed: { value: 0, qualifier: 'exact', term: 'загиблих немає' } },
    });
    const tally = await Tally.findOne({ region: 'kherson', window: 'day' }).lean();
    assert.equal(tally?.metrics?.killed?.value, 0);
    assert.equal(tally?.metrics?.injured, null);
  });

  it('rejects a qualifier outside the known list and a malformed date', async () => {
    await assert.rejects(
      Tally.create({
        region: 'sumy',
        date: '19.04.2025',
        window: 'past_24h',
        // Deliberately invalid; the cast only gets it past the compiler, which rejects it too.
        metrics: { attacks: { value: 5, qualifier: 'roughly' as 'exact' } },
      }),
      (error: Error) => {
        assert.equal(error.name, 'ValidationError');
        assert.match(error.message, /date/);
        assert.match(error.message, /qualifier/);
        return true;
      },
    );
  });
});
