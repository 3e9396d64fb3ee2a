import assert from 'node:assert/strict';
import request from 'supertest';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { NULL_METRICS, buildTestApp, writeTallies } from './api-test-app.js';

const BURYN = 'UA59020030000072865';
const BOCHECHKY = 'UA59020010000024157';

async function writeDay() {
  await Source.create({
    key: 'sumy-oda',
    name: 'Сумська ОВА',
    region: 'sumy',
    url: 'https://example.org/sumy.rss',
    kind: 'rss',
    language: 'uk',
    official: true,
  });
  const text =
    'Протягом доби ворог здійснив 12 обстрілів, зафіксовано 40 вибухів. Буринська громада: 3 вибухи (FPV-дрони).';
  const report = await Report.create({
    source: 'sumy-oda',
    guid: 'post-1',
    url: 'https://example.org/sumy/post-1',
    text,
    publishedAt: new Date('2026-03-02T07:15:00Z'),
    fetchedAt: new Date('2026-03-02T07:20:00Z'),
    contentHash: 'hash-1',
  });
  const evidence = (metric: string, phrase: string) => {
    const start = text.indexOf(phrase);
    return { metric, text: phrase, start, end: start + phrase.length };
  };
  const contribution = {
    report: report._id,
    source: 'sumy-oda',
    extractorVersion: 'test-1',
    evidence: [evidence('attacks', '12 обстрілів'), evidence('explosions', '40 вибухів')],
  };
  await writeTallies([
    {
      region: 'sumy',
      date: '2026-03-01',
      metrics: {
        attacks: { value: 12, term: 'обстрілів' },
        explosions: { value: 40, term: 'вибухів' },
        killed: { value: 0 },
      },
      contributions: [contribution],
      perCommunity: [
        {
          community: BURYN,
          name: 'Буринська',
          explosions: { value: 3, qualifier: 'exact', term: 'вибухи' },
          weapons: ['drone'],
        },
        {
          community: BOCHECHKY,
          name: 'Бочечківська',
          attacks: { value: 2, qualifier: 'exact', term: 'обстріли' },
          weapons: ['drone', 'mortar'],
        },
      ],
      disagreements: [
        {
          metric: 'explosions',
          values: [
            { source: 'sumy-oda', value: 40, qualifier: 'exact' },
            { source: 'relay', value: 38, qualifier: 'exact' },
          ],
          resolution: 'official source preferred',
        },
      ],
    },
    {
      region: 'sumy',
      date: '2026-03-01',
      window: 'night',
      metrics: { attacks: { value: 5, term: 'обстрілів' } },
      contributions: [{ ...contribution, evidence: [evidence('attacks', '12 обстрілів')] }],
    },
  ]);
  return { reportId: String(report._id), evidence };
}

describe('GET /api/v1/regions/:region/days/:date', () => {
  setupTestDB('api-days');
  const app = buildTestApp();

  it('gives every window, the per-community breakdown with gazetteer names, weapons, disagreements and provenance', async () => {
    const { reportId, evidence } = await writeDay();
    const res = await request(app).get('/api/v1/regions/sumy/days/2026-03-01').expect(200);
    const body = res.body as Record<string, unknown> & {
      windows: Array<Record<string, unknown>>;
      total: Record<string, unknown>;
    };
    assert.equal(body['region'], 'sumy');
    assert.equal(body['date'], '2026-03-01');
    assert.deepEqual(
      body.windows.map((w) => w['window']),
      ['night', 'total'],
    );
    const total = body.total;
    assert.deepEqual(total['metrics'], {
      ...NULL_METRICS,
      attacks: { value: 12, qualifier: 'exact', term: 'обстрілів' },
      explosions: { value: 40, qualifier: 'exact', term: 'вибухів' },
      killed: { value: 0, qualifier: 'exact', term: 'killed' },
    });
    assert.deepEqual(total['perCommunity'], [
      {
        community: BURYN,
        nameUk: 'Буринська',
        nameEn: 'Buryn',
        name: 'Буринська',
        attacks: null,
        explosions: { value: 3, qualifier: 'exact' },
        weapons: ['drone'],
      },
      {
        community: BOCHECHKY,
        nameUk: 'Бочечківська',
        nameEn: 'Bochechky',
        name: 'Бочечківська',
        attacks: { value: 2, qualifier: 'exact' },
        explosions: null,
        weapons: ['drone', 'mortar'],
      },
    ]);
    assert.deepEqual(total['weapons'], [
      {
        weapon: 'drone',
        communities: 2,
        attacks: { value: 2, qualifier: 'exact' },
        explosions: { value: 3, qualifier: 'exact' },
      },
      { weapon: 'mortar', communities: 1, attacks: { value: 2, qualifier: 'exact' }, explosions: null },
    ]);
    assert.deepEqual(total['disagreements'], [
      {
        metric: 'explosions',
        values: [
          { source: 'sumy-oda', value: 40, qualifier: 'exact' },
          { source: 'relay', value: 38, qualifier: 'exact' },
        ],
        resolution: 'official source preferred',
      },
    ]);
    assert.deepEqual(total['contributions'], [
      {
        report: reportId,
        source: 'sumy-oda',
        extractorVersion: 'test-1',
        evidence: [evidence('attacks', '12 обстрілів'), evidence('explosions', '40 вибухів')],
      },
    ]);
    assert.deepEqual(body['reports'], [
      {
        id: reportId,
        source: 'sumy-oda',
        sourceName: 'Сумська ОВА',
        url: 'https://example.org/sumy/post-1',
        publishedAt: '2026-03-02T07:15:00.000Z',
        evidence: [
          { ...evidence('attacks', '12 обстрілів'), window: 'night' },
          { ...evidence('attacks', '12 обстрілів'), window: 'total' },
          { ...evidence('explosions', '40 вибухів'), window: 'total' },
        ],
      },
    ]);
  });

  it('answers a day without tallies with total null and no windows', async () => {
    const res = await request(app).get('/api/v1/regions/kharkiv/days/2026-03-01').expect(200);
    assert.deepEqual(res.body, {
      region: 'kharkiv',
      date: '2026-03-01',
      total: null,
      windows: [],
      reports: [],
    });
  });

  it('responds 400 naming the path parameter for an unknown region or an invalid date', async () => {
    for (const [path, expected] of [
      ['/api/v1/regions/atlantis/days/2026-03-01', 'region:unknown_region'],
      ['/api/v1/regions/sumy/days/2026-13-01', 'date:invalid_date'],
    ] as const) {
      const res = await request(app).get(path).expect(400);
      const body = res.body as {
        error: {
          code: string;
          details: { issues: Array<{ parameter: string; reason: string; in: string }> };
        };
      };
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        body.error.details.issues.map((i) => `${i.parameter}:${i.reason}`),
        [expected],
      );
      assert.equal(body.error.details.issues[0]?.in, 'path');
    }
  });
});
