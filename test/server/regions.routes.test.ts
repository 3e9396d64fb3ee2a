import assert from 'node:assert/strict';
import request from 'supertest';
import { Tally } from '../../models/tally.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { buildTestApp, writeTallies } from './api-test-app.js';

describe('GET /api/v1/regions', () => {
  setupTestDB('api-regions');
  const app = buildTestApp();

  it('lists only regions with tallies, with names, stated metrics, latest date and last update', async () => {
    await writeTallies([
      { region: 'sumy', date: '2026-03-01', metrics: { attacks: { value: 4 }, killed: { value: 0 } } },
      { region: 'sumy', date: '2026-03-02', metrics: { explosions: { value: 9 }, attacks: null } },
      { region: 'kharkiv', date: '2026-02-27', metrics: { injured: { value: 1 } } },
      // A night window alone does not make a region's metric list.
      { region: 'kharkiv', date: '2026-03-05', window: 'night', metrics: { attacks: { value: 1 } } },
    ]);
    const latest = await Tally.findOne({ region: 'sumy', date: '2026-03-02' }).lean();
    const res = await request(app).get('/api/v1/regions').expect(200);
    const body = res.body as { regions: Array<Record<string, unknown>> };
    assert.deepEqual(
      body.regions.map((region) => ({ ...region, lastUpdatedAt: typeof region['lastUpdatedAt'] })),
      [
        {
          key: 'kharkiv',
          nameUk: 'Харківська область',
          nameEn: 'Kharkiv Oblast',
          metrics: ['injured'],
          latestDate: '2026-02-27',
          lastUpdatedAt: 'string',
        },
        {
          key: 'sumy',
          nameUk: 'Сумська область',
          nameEn: 'Sumy Oblast',
          metrics: ['attacks', 'explosions', 'killed'],
          latestDate: '2026-03-02',
          lastUpdatedAt: 'string',
        },
      ],
    );
    assert.equal(body.regions[1]?.['lastUpdatedAt'], latest?.updatedAt.toISOString());
  });

  it('answers an empty list when there is no data', async () => {
    const res = await request(app).get('/api/v1/regions').expect(200);
    assert.deepEqual(res.body, { regions: [] });
  });

  it('refuses query parameters it does not take', async () => {
    const res = await request(app).get('/api/v1/regions?region=sumy').expect(400);
    assert.equal((res.body as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
  });
});
