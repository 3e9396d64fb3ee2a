import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Alert } from '../../models/alert.model.js';
import { bumpDataVersion } from '../../models/data-version.model.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { BRIEFING_CSV_COLUMNS } from '../../server/render/briefing-csv.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { buildTestApp, writeTallies } from './api-test-app.js';

const run = promisify(execFile);
const BURYN = 'UA59020030000072865';

async function hasBinary(name: string): Promise<boolean> {
  try {
    await run(name, ['-v']);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Collects a binary response body (supertest buffers text types only). */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function writeBriefingData() {
  await Source.create({
    key: 'sumy-oda',
    name: 'Сумська ОВА',
    region: 'sumy',
    url: 'https://example.org/sumy.rss',
    kind: 'rss',
    language: 'uk',
    official: true,
  });
  const report = await Report.create({
    source: 'sumy-oda',
    guid: 'p-20',
    url: 'https://example.org/sumy/p-20',
    text: 'За добу 30 обстрілів, 95 вибухів.',
    publishedAt: new Date('2026-03-20T06:00:00Z'),
    fetchedAt: new Date('2026-03-20T06:01:00Z'),
    contentHash: 'h-20',
  });
  // The 7 days before 2026-03-20 average 10 attacks; two of the 28 earlier days reported 20 and 40.
  const history = [
    '2026-03-13',
    '2026-03-14',
    '2026-03-15',
    '2026-03-16',
    '2026-03-17',
    '2026-03-18',
    '2026-03-19',
  ].map((date) => ({ region: 'sumy', date, metrics: { attacks: { value: 10 } } }));
  await writeTallies([
    ...history,
    { region: 'sumy', date: '2026-02-25', metrics: { attacks: { value: 20 } } },
    { region: 'sumy', date: '2026-03-01', metrics: { attacks: { value: 40 } } },
    {
      region: 'sumy',
      date: '2026-03-20',
      metrics: {
        attacks: { value: 30 },
        explosions: { value: 95, qualifier: 'at_least' },
        killed: { value: 0 },
      },
      contributions: [
        {
          report: report._id,
          source: 'sumy-oda',
          extractorVersion: 'test-1',
          evidence: [
            { metric: 'attacks', text: '30 обстрілів', start: 7, end: 19 },
            { metric: 'explosions', text: '95 вибухів', start: 21, end: 31 },
            { metric: 'killed', text: 'без загиблих', start: 0, end: 0 },
          ],
        },
      ],
      perCommunity: [
        {
          community: BURYN,
          name: 'Буринська',
          attacks: { value: 6, qualifier: 'exact', term: 'обстрілів' },
          explosions: null,
          weapons: [],
        },
      ],
    },
    { region: 'kharkiv', date: '2026-03-19', metrics: { injured: { value: 2 } } },
  ]);
  await Alert.create({
    kind: 'spike',
    region: 'sumy',
    date: '2026-03-20',
    metric: 'attacks',
    value: 30,
    baseline: 10,
    threshold: 25,
    method: 'robust-z(28d) > 3.5',
    explanation: 'Attacks in Sumy Oblast were three times the 7-day average <script>',
  });
  await bumpDataVersion('test-alert');
  return { reportUrl: 'https://example.org/sumy/p-20' };
}

type BriefingJson = {
  date: string;
  regions: Array<{
    region: string;
    reported: boolean;
    metrics: Array<{
      metric: string;
      day: unknown;
      avg7: unknown;
      avg28: unknown;
      change: unknown;
      changePercent: unknown;
      sources: Array<{ url: string }>;
    }>;
    topCommunities: Array<{ code: string }>;
    alerts: Array<{ explanation: string }>;
  }>;
};

describe('GET /api/v1/briefings/:date', () => {
  setupTestDB('api-briefings');
  const app = buildTestApp();

  it('as JSON: a row per region with the day, the 7- and 28-day averages, the change, top communities, alerts and sources', async () => {
    const { reportUrl } = await writeBriefingData();
    const res = await request(app).get('/api/v1/briefings/2026-03-20').expect(200);
    const body = res.body as BriefingJson;
    assert.deepEqual(
      body.regions.map((r) => [r.region, r.reported]),
      [
        ['kharkiv', false],
        ['sumy', true],
      ],
    );
    const sumy = body.regions[1]!;
    const attacks = sumy.metrics.find((m) => m.metric === 'attacks')!;
    assert.deepEqual(
      {
        day: attacks.day,
        avg7: attacks.avg7,
        avg28: attacks.avg28,
        change: attacks.change,
        changePercent: attacks.changePercent,
      },
      {
        day: { value: 30, qualifier: 'exact' },
        avg7: { mean: 10, days: 7 },
        avg28: { mean: 14.4, days: 9 },
        change: 20,
        changePercent: 200,
      },
    );
    assert.deepEqual(
      attacks.sources.map((s) => s.url),
      [reportUrl],
    );
    const killed = sumy.metrics.find((m) => m.metric === 'killed')!;
    assert.deepEqual(killed.day, { value: 0, qualifier: 'exact' });
    assert.equal(killed.change, null, 'no baseline: no change, not a change from 0');
    const injured = sumy.metrics.find((m) => m.metric === 'injured')!;
    assert.equal(injured.day, null);
    assert.deepEqual(
      sumy.topCommunities.map((c) => c.code),
      [BURYN],
    );
    assert.equal(sumy.alerts.length, 1);
  });

  it('as CSV: RFC 4180 with one header row and stable columns, parsing back to the same numbers', async () => {
    await writeBriefingData();
    const json = (await request(app).get('/api/v1/briefings/2026-03-20').expect(200)).body as BriefingJson;
    const res = await request(app)
      .get('/api/v1/briefings/2026-03-20?format=csv')
      .expect(200)
      .expect('content-type', /^text\/csv; charset=utf-8/);
    assert.match(res.text, /\r\n$/);
    const rows = parse(res.text);
    assert.deepEqual(rows[0], [...BRIEFING_CSV_COLUMNS]);
    const records = parse<Record<string, string>>(res.text, { columns: true });
    assert.equal(records.length, json.regions.length);
    const sumy = records.find((r) => r['region'] === 'sumy')!;
    assert.equal(sumy['region_name_uk'], 'Сумська область');
    for (const metric of json.regions[1]!.metrics) {
      const day = metric.day as { value: number } | null;
      assert.equal(sumy[metric.metric], day === null ? '' : String(day.value), metric.metric);
      const avg7 = metric.avg7 as { mean: number | null };
      assert.equal(sumy[`${metric.metric}_avg_7d`], avg7.mean === null ? '' : String(avg7.mean));
    }
    assert.equal(sumy['killed'], '0');
    assert.equal(sumy['injured'], '');
    assert.equal(sumy['explosions_qualifier'], 'at_least');
    assert.equal(sumy['attacks_sources'], 'https://example.org/sumy/p-20');
    assert.match(sumy['alerts'] ?? '', /three times/);
  });

  it('as Markdown and HTML, with data escaped', async () => {
    await writeBriefingData();
    const md = await request(app)
      .get('/api/v1/briefings/2026-03-20?format=md')
      .expect(200)
      .expect('content-type', /text\/markdown/);
    assert.match(md.text, /^# Daily briefing 2026-03-20/);
    assert.match(
      md.text,
      /\| attacks \| 30 \| 10 \(7 d\) \| 14\.4 \(9 d\) \| \+20 \(\+200%\) \| \[1\]\(https:\/\/example\.org\/sumy\/p-20\) \|/,
    );
    const html = await request(app)
      .get('/api/v1/briefings/2026-03-20?format=html')
      .expect(200)
      .expect('content-type', /text\/html/);
    assert.ok(html.text.includes('average &lt;script&gt;'));
    assert.ok(!html.text.includes('<script>'));
    assert.ok(html.text.includes('<a href="https://example.org/sumy/p-20">'));
  });

  it('responds 400 for an unknown format and an invalid date', async () => {
    const format = await request(app).get('/api/v1/briefings/2026-03-20?format=docx').expect(400);
    assert.equal(
      (format.body as { error: { details: { issues: Array<{ parameter: string }> } } }).error.details
        .issues[0]?.parameter,
      'format',
    );
    await request(app).get('/api/v1/briefings/2026-02-31').expect(400);
  });

  describe('as PDF', () => {
    let workDir = '';
    before(async function () {
      const available = (await hasBinary('pdftotext')) && (await hasBinary('pdftoppm'));
      if (!available) {
        if (process.env['CI'] === 'true')
          throw new Error('pdftotext/pdftoppm missing on CI: .ci/run installs poppler-utils');
        console.log('    (skipped: install the poppler-utils package for pdftotext and pdftoppm)');
        this.skip();
      }
      workDir = await mkdtemp(path.join(tmpdir(), 'briefing-pdf-'));
    });
    after(async () => {
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    it('holds the day’s figures in Cyrillic text that pdftotext reads back, and renders pages with pdftoppm', async () => {
      await writeBriefingData();
      const res = await request(app)
        .get('/api/v1/briefings/2026-03-20?format=pdf')
        .buffer(true)
        .parse(binary)
        .expect(200)
        .expect('content-type', 'application/pdf');
      const pdf = res.body as Buffer;
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const file = path.join(workDir, 'briefing.pdf');
      await writeFile(file, pdf);
      const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
      assert.match(text, /Сумська область/);
      assert.match(text, /Буринська/);
      assert.match(
        text,
        /attacks: 30\s+7-day avg 10 \(7 d\)\s+28-day avg 14\.4 \(9 d\)\s+change \+20 \(\+200%\)/,
      );
      assert.match(text, /explosions: at least 95/);
      assert.match(text, /killed: 0/);
      assert.match(text, /injured: —/);
      await run('pdftoppm', ['-r', '40', '-png', file, path.join(workDir, 'page')]);
      const pages = (await readdir(workDir)).filter((name) => name.endsWith('.png'));
      assert.ok(pages.length >= 1, 'at least one page rendered');
    });
  });
});
