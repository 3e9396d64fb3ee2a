import assert from 'node:assert/strict';
import request from 'supertest';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { buildTestApp, writeTallies } from './api-test-app.js';

const BURYN = 'UA59020030000072865';
const BOCHECHKY = 'UA59020010000024157';

function community(code: string, name: string, attacks: number | null, explosions: number | null) {
  return {
    community: code,
    name,
    attacks: attacks === null ? null : { value: attacks, qualifier: 'exact', term: 'обстріли' },
    explosions: explosions === null ? null : { value: explosions, qualifier: 'exact', term: 'вибухи' },
    weapons: [],
  };
}

describe('communities', () => {
  setupTestDB('api-communities');
  const app = buildTestApp();

  beforeEach(async () => {
    await writeTallies([
      {
        region: 'sumy',
        date: '2026-03-01',
        metrics: {},
        perCommunity: [community(BURYN, 'Буринська', 2, 10), community(BOCHECHKY, 'Бочечківська', 5, null)],
      },
      {
        region: 'sumy',
        date: '2026-03-03',
        metrics: {},
        perCommunity: [community(BURYN, 'Буринська', 0, 4)],
      },
      {
        region: 'sumy',
        date: '2026-04-01',
        metrics: {},
        perCommunity: [community(BOCHECHKY, 'Бочечківська', 9, 9)],
      },
    ]);
  });

  describe('GET /api/v1/communities', () => {
    it('ranks the communities of a period by summed attacks, with codes, names and days', async () => {
      const res = await request(app)
        .get('/api/v1/communities?region=sumy&from=2026-03-01&to=2026-03-31')
        .expect(200);
      assert.deepEqual(res.body, {
        communities: [
          {
            code: BOCHECHKY,
            nameUk: 'Бочечківська',
            nameEn: 'Bochechky',
            region: 'sumy',
            attacks: { value: 5, qualifier: 'exact' },
            explosions: null,
            days: 1,
          },
          {
            code: BURYN,
            nameUk: 'Буринська',
            nameEn: 'Buryn',
            region: 'sumy',
            attacks: { value: 2, qualifier: 'exact' },
            explosions: { value: 14, qualifier: 'exact' },
            days: 2,
          },
        ],
      });
    });

    it('sorts by explosions and honours the limit, a community with none stated last', async () => {
      const res = await request(app)
        .get('/api/v1/communities?from=2026-03-01&to=2026-03-31&sort=explosions&limit=1')
        .expect(200);
      const body = res.body as { communities: Array<{ code: string }> };
      assert.deepEqual(
        body.communities.map((c) => c.code),
        [BURYN],
      );
    });

    it('responds 400 for a limit out of range and an unknown sort', async () => {
      for (const query of ['limit=0', 'limit=9999', 'sort=killed']) {
        const res = await request(app)
          .get(`/api/v1/communities?from=2026-03-01&to=2026-03-31&${query}`)
          .expect(400);
        assert.equal((res.body as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
      }
    });
  });

  describe('GET /api/v1/communities/:code/tallies', () => {
    it('gives every day a point: figures where the community was named, nulls (not zeros) elsewhere', async () => {
      const res = await request(app)
        .get(`/api/v1/communities/${BURYN}/tallies?from=2026-03-01&to=2026-03-03`)
        .expect(200);
      assert.deepEqual(res.body, {
        community: { code: BURYN, nameUk: 'Буринська', nameEn: 'Buryn', region: 'sumy' },
        points: [
          {
            date: '2026-03-01',
            attacks: { value: 2, qualifier: 'exact' },
            explosions: { value: 10, qualifier: 'exact' },
            reported: true,
          },
          { date: '2026-03-02', attacks: null, explosions: null, reported: false },
          {
            date: '2026-03-03',
            attacks: { value: 0, qualifier: 'exact' },
            explosions: { value: 4, qualifier: 'exact' },
            reported: true,
          },
        ],
      });
    });

    it('responds 400 unknown_community for a code the gazetteer does not know', async () => {
      const res = await request(app)
        .get('/api/v1/communities/UA00000000000000000/tallies?from=2026-03-01&to=2026-03-03')
        .expect(400);
      const body = res.body as { error: { details: { issues: Array<{ reason: string }> } } };
      assert.equal(body.error.details.issues[0]?.reason, 'unknown_community');
    });
  });
});
