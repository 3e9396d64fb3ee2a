import assert from 'node:assert/strict';
import request from 'supertest';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { NULL_METRICS, buildTestApp, writeTallies } from './api-test-app.js';

describe('GET /api/v1/tallies', () => {
  setupTestDB('api-tallies');
  const app = buildTestApp({ API_MAX_RANGE_DAYS: '400' });

  describe('with granularity=day', () => {
    it('gives every day a point, null where nothing was reported and 0 where 0 was reported', async () => {
      await writeTallies([
        { region: 'sumy', date: '2026-03-01', metrics: { attacks: { value: 12 }, killed: { value: 0 } } },
        {
          region: 'sumy',
          date: '2026-03-03',
          metrics: { explosions: { value: 40, qualifier: 'at_least' } },
          contributions: [
            { report: null, source: 'sumy-oda', extractorVersion: 'test-1', evidence: [] },
            { report: null, source: 'suspilne-sumy', extractorVersion: 'test-1', evidence: [] },
          ],
        },
      ]);
      const res = await request(app)
        .get('/api/v1/tallies?region=sumy&from=2026-03-01&to=2026-03-03')
        .expect(200)
        .expect('content-type', /application\/json/);
      assert.deepEqual(res.body, {
        granularity: 'day',
        window: 'total',
        from: '2026-03-01',
        to: '2026-03-03',
        series: [
          {
            region: 'sumy',
            points: [
              {
                period: '2026-03-01',
                from: '2026-03-01',
                to: '2026-03-01',
                metrics: {
                  ...NULL_METRICS,
                  attacks: { value: 12, qualifier: 'exact' },
                  killed: { value: 0, qualifier: 'exact' },
                },
                reportCount: 1,
                daysReported: 1,
                daysMissing: 0,
              },
              {
                period: '2026-03-02',
                from: '2026-03-02',
                to: '2026-03-02',
                metrics: NULL_METRICS,
                reportCount: 0,
                daysReported: 0,
                daysMissing: 1,
              },
              {
                period: '2026-03-03',
                from: '2026-03-03',
                to: '2026-03-03',
                metrics: { ...NULL_METRICS, explosions: { value: 40, qualifier: 'at_least' } },
                reportCount: 2,
                daysReported: 1,
                daysMissing: 0,
              },
            ],
          },
        ],
      });
    });

    it('answers several regions in the order asked, a region without data with all-null points', async () => {
      await writeTallies([{ region: 'kharkiv', date: '2026-03-01', metrics: { attacks: { value: 3 } } }]);
      const res = await request(app)
        .get('/api/v1/tallies?region=kharkiv,mykolaiv&from=2026-03-01&to=2026-03-01')
        .expect(200);
      const body = res.body as { series: Array<{ region: string; points: Array<{ daysMissing: number }> }> };
      assert.deepEqual(
        body.series.map((s) => [s.region, s.points.map((p) => p.daysMissing)]),
        [
          ['kharkiv', [0]],
          ['mykolaiv', [1]],
        ],
      );
    });

    it('reads another window when asked', async () => {
      await writeTallies([
        {
          region: 'sumy',
          date: '2026-03-01',
          window: 'night_and_morning',
          metrics: { attacks: { value: 2 } },
        },
        { region: 'sumy', date: '2026-03-01', metrics: { attacks: { value: 9 } } },
      ]);
      const res = await request(app)
        .get('/api/v1/tallies?region=sumy&from=2026-03-01&to=2026-03-01&window=night_and_morning')
        .expect(200);
      const body = res.body as {
        window: string;
        series: Array<{ points: Array<{ metrics: { attacks: unknown } }> }>;
      };
      assert.equal(body.window, 'night_and_morning');
      assert.deepEqual(body.series[0]?.points[0]?.metrics.attacks, { value: 2, qualifier: 'exact' });
    });
  });

  describe('rollups', () => {
    it('sums a month across its boundary, counting missing days, with qualifiers combined', async () => {
      await writeTallies([
        { region: 'sumy', date: '2026-03-30', metrics: { attacks: { value: 5 }, killed: { value: 0 } } },
        { region: 'sumy', date: '2026-03-31', metrics: { attacks: { value: 7, qualifier: 'at_least' } } },
        { region: 'sumy', date: '2026-04-01', metrics: { attacks: { value: 11 } } },
      ]);
      const res = await request(app)
        .get('/api/v1/tallies?region=sumy&from=2026-03-29&to=2026-04-02&granularity=month')
        .expect(200);
      const body = res.body as { series: Array<{ points: unknown[] }> };
      assert.deepEqual(body.series[0]?.points, [
        {
          period: '2026-03',
          from: '2026-03-29',
          to: '2026-03-31',
          metrics: {
            ...NULL_METRICS,
            attacks: { value: 12, qualifier: 'at_least' },
            killed: { value: 0, qualifier: 'exact' },
          },
          reportCount: 2,
          daysReported: 2,
          daysMissing: 1,
        },
        {
          period: '2026-04',
          from: '2026-04-01',
          to: '2026-04-02',
          metrics: { ...NULL_METRICS, attacks: { value: 11, qualifier: 'exact' } },
          reportCount: 1,
          daysReported: 1,
          daysMissing: 1,
        },
      ]);
    });

    it('sums the ISO week of the autumn DST change over its seven calendar days', async () => {
      // 2026-10-25 is the 25-hour day on which Kyiv leaves summer time.
      await writeTallies(
        ['2026-10-19', '2026-10-24', '2026-10-25', '2026-10-26'].map((date) => ({
          region: 'kherson',
          date,
          metrics: { projectiles: { value: 100 } },
        })),
      );
      const res = await request(app)
        .get('/api/v1/tallies?region=kherson&from=2026-10-19&to=2026-10-26&granularity=week')
        .expect(200);
      const body = res.body as { series: Array<{ points: Array<Record<string, unknown>> }> };
      const points = body.series[0]?.points ?? [];
      assert.deepEqual(
        points.map((p) => [
          p['period'],
          p['from'],
          p['to'],
          (p['metrics'] as Record<string, { value: number }>)['projectiles']?.value,
          p['daysReported'],
          p['daysMissing'],
        ]),
        [
          ['2026-W43', '2026-10-19', '2026-10-25', 300, 3, 4],
          ['2026-W44', '2026-10-26', '2026-10-26', 100, 1, 0],
        ],
      );
    });
  });

  describe('validation', () => {
    const cases: Array<[string, string, string]> = [
      ['an invalid date', 'region=sumy&from=2026-02-30&to=2026-03-01', 'from:invalid_date'],
      ['a malformed date', 'region=sumy&from=yesterday&to=2026-03-01', 'from:invalid_date'],
      ['an unknown region', 'region=sumy,atlantis&from=2026-03-01&to=2026-03-02', 'region:unknown_region'],
      ['from after to', 'region=sumy&from=2026-03-05&to=2026-03-01', 'from:range_inverted'],
      ['a range over the maximum', 'region=sumy&from=2025-01-01&to=2026-03-01', 'to:range_too_long'],
      [
        'an unknown granularity',
        'region=sumy&from=2026-03-01&to=2026-03-02&granularity=year',
        'granularity:invalid_value',
      ],
      [
        'an operator-shaped parameter',
        'region[$ne]=x&from=2026-03-01&to=2026-03-02',
        'region[$ne]:operator_rejected',
      ],
      [
        'a repeated parameter',
        'region=sumy&region=kharkiv&from=2026-03-01&to=2026-03-02',
        'region:repeated_parameter',
      ],
      [
        'an unknown parameter',
        'region=sumy&from=2026-03-01&to=2026-03-02&colour=red',
        'colour:unknown_parameter',
      ],
      ['a missing region', 'from=2026-03-01&to=2026-03-02', 'region:required'],
    ];
    for (const [what, query, expected] of cases) {
      it(`responds 400 VALIDATION_FAILED naming the parameter for ${what}`, async () => {
        const res = await request(app).get(`/api/v1/tallies?${query}`).expect(400);
        const body = res.body as {
          error: {
            code: string;
            message: string;
            details: { issues: Array<{ parameter: string; reason: string }> };
          };
        };
        assert.equal(body.error.code, 'VALIDATION_FAILED');
        const [parameter] = expected.split(':');
        assert.ok(body.error.message.includes(`"${parameter}"`), body.error.message);
        assert.deepEqual(
          body.error.details.issues.map((issue) => `${issue.parameter}:${issue.reason}`),
          [expected],
        );
      });
    }
  });
});
