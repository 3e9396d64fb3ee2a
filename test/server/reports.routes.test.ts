import assert from 'node:assert/strict';
import request from 'supertest';
import { Report } from '../../models/report.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { buildTestApp } from './api-test-app.js';

async function writeReport(guid: string, publishedAt: string, region = 'sumy', source = 'sumy-oda') {
  return Report.create({
    source,
    guid,
    url: `https://example.org/${guid}`,
    title: `Звіт ${guid}`,
    text: `Текст ${guid}`,
    publishedAt: new Date(publishedAt),
    fetchedAt: new Date(publishedAt),
    contentHash: `hash-${guid}`,
    extractions: [
      { extractorVersion: 'old', extractedAt: new Date('2026-01-01T00:00:00Z'), reports: [] },
      {
        extractorVersion: 'test-2',
        extractedAt: new Date('2026-03-10T00:00:00Z'),
        reports: [{ region, date: publishedAt.slice(0, 10), metrics: { attacks: { value: 3 } } }],
      },
    ],
  });
}

type Page = {
  reports: Array<{ id: string; guid: string; extraction: { extractorVersion: string } | null }>;
  nextCursor: string | null;
};

async function readAll(app: ReturnType<typeof buildTestApp>, query: string, between?: () => Promise<void>) {
  const guids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await request(app)
      .get(`/api/v1/reports?${query}${cursor ? `&cursor=${cursor}` : ''}`)
      .expect(200);
    const page = res.body as Page;
    guids.push(...page.reports.map((r) => r.guid));
    cursor = page.nextCursor;
    pages += 1;
    if (between && pages === 1) await between();
  } while (cursor !== null && pages < 50);
  return guids;
}

describe('GET /api/v1/reports', () => {
  setupTestDB('api-reports');
  const app = buildTestApp();

  it('lists reports newest first with their latest extraction, filtered by region, date and source', async () => {
    await writeReport('a', '2026-03-01T08:00:00Z');
    await writeReport('b', '2026-03-02T08:00:00Z', 'kharkiv', 'kharkiv-oda');
    await writeReport('c', '2026-03-02T09:00:00Z');
    const all = (await request(app).get('/api/v1/reports').expect(200)).body as Page;
    assert.deepEqual(
      all.reports.map((r) => r.guid),
      ['c', 'b', 'a'],
    );
    assert.equal(all.reports[0]?.extraction?.extractorVersion, 'test-2');
    assert.equal(all.nextCursor, null);
    const sumy = (await request(app).get('/api/v1/reports?region=sumy&date=2026-03-02').expect(200))
      .body as Page;
    assert.deepEqual(
      sumy.reports.map((r) => r.guid),
      ['c'],
    );
    const kharkiv = (await request(app).get('/api/v1/reports?source=kharkiv-oda').expect(200)).body as Page;
    assert.deepEqual(
      kharkiv.reports.map((r) => r.guid),
      ['b'],
    );
  });

  it('pages with an opaque cursor that stays stable when reports are inserted between pages', async () => {
    for (let i = 0; i < 7; i++) await writeReport(`r${i}`, `2026-03-0${i + 1}T08:00:00Z`);
    // Two reports with the same publication time: the id breaks the tie.
    await writeReport('r6-twin', '2026-03-07T08:00:00Z');
    const before = await readAll(app, 'limit=3');
    assert.equal(before.length, 8);
    const during = await readAll(app, 'limit=3', async () => {
      await writeReport('newer', '2026-03-09T08:00:00Z');
      await writeReport('newest', '2026-03-10T08:00:00Z');
    });
    assert.deepEqual(during, before, 'no report repeated or skipped');
    assert.equal(new Set(during).size, during.length);
  });

  it('responds 400 invalid_cursor for a cursor it did not issue', async () => {
    const res = await request(app).get('/api/v1/reports?cursor=bm90LWEtY3Vyc29y').expect(400);
    const body = res.body as {
      error: { code: string; details: { issues: Array<{ parameter: string; reason: string }> } };
    };
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      body.error.details.issues.map((i) => `${i.parameter}:${i.reason}`),
      ['cursor:invalid_cursor'],
    );
  });
});
