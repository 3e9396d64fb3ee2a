/**
 * The ingestion path as a user drives it, through the real app: sources added with `POST /sources`, a poll
 * started with `POST /jobs/poll-sources/run` against a local feed server, and the reconciled day read back
 * from `GET /regions/:region/days/:date`, then a second poll that finds nothing new and a third against a
 * failing feed that must leave the day as it was.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { serveFixture, startFeedServer } from '../setup/feed-server.js';
import type { FeedServer } from '../setup/feed-server.js';
import { ADMIN_KEY, buildTestApp } from './api-test-app.js';

interface DayBody {
  total: {
    metrics: Record<string, unknown>;
    disagreements: unknown[];
    contributions: Array<{
      report: string;
      source: string;
      evidence: Array<{ metric: string; text: string }>;
    }>;
  } | null;
  windows: Array<{ window: string }>;
  reports: Array<{ id: string; source: string; url: string; publishedAt: string }>;
}

interface RunBody {
  status: string;
  summary: Record<string, unknown>;
}

describe('ingestion through the API: add sources, run a poll, read the day', () => {
  setupTestDB('api-ingest-end-to-end');
  const auth = `Bearer ${ADMIN_KEY}`;
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
  });
  after(() => server.close());

  // The fetch deadline is ten times more than a local answer needs, even on a loaded machine; the shortest
  // poll interval lets a source come due again within the test.
  const app = () =>
    buildTestApp({ ALLOW_PRIVATE_SOURCES: '1', FETCH_TIMEOUT_MS: '10000', POLL_MIN_INTERVAL_MS: '100' });

  type SourceHealth = {
    consecutiveFailures: number;
    lastError: string | null;
    lastSuccessAt: string | null;
    nextAttemptAt: string | null;
  };
  const readHealth = async (api: ReturnType<typeof app>): Promise<Map<string, SourceHealth>> => {
    const body = (await request(api).get('/api/v1/sources').expect(200)).body as {
      sources: Array<{ key: string; health: SourceHealth }>;
    };
    return new Map(body.sources.map((source) => [source.key, source.health]));
  };

  /** Waits until every source's next attempt is due, as the next scheduled poll would. */
  async function waitUntilDue(api: ReturnType<typeof app>): Promise<void> {
    const due = Math.max(
      ...[...(await readHealth(api)).values()].map((h) => Date.parse(h.nextAttemptAt ?? '') || 0),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()) + 5));
  }

  async function addSources(api: ReturnType<typeof app>): Promise<void> {
    const official = {
      key: 'zaporizhzhia-oda',
      name: 'Запорізька ОВА',
      region: 'zaporizhzhia',
      url: `${server.base}/zp.rss`,
      kind: 'rss',
      language: 'uk',
      official: true,
    };
    const relay = {
      key: 'relay',
      name: 'Relay',
      url: `${server.base}/relay.rss`,
      kind: 'rss',
      language: 'en',
    };
    for (const body of [official, relay]) {
      await request(api).post('/api/v1/sources').set('authorization', auth).send(body).expect(201);
    }
  }

  const runPoll = async (api: ReturnType<typeof app>): Promise<RunBody> =>
    (await request(api).post('/api/v1/jobs/poll-sources/run').set('authorization', auth).expect(200))
      .body as RunBody;

  const readDay = async (api: ReturnType<typeof app>): Promise<DayBody> =>
    (await request(api).get('/api/v1/regions/zaporizhzhia/days/2025-11-03').expect(200)).body as DayBody;

  it('turns an official post and a relay into one reconciled day with both reports and the disagreement', async () => {
    server.routes.set('/zp.rss', serveFixture('zaporizhzhia-oda.rss'));
    server.routes.set('/relay.rss', serveFixture('relay-en.rss'));
    const api = app();
    await addSources(api);

    const first = await runPoll(api);
    assert.equal(first.status, 'finished');
    assert.deepEqual(
      {
        sourcesPolled: first.summary.sourcesPolled,
        notModified: first.summary.notModified,
        itemsNew: first.summary.itemsNew,
        itemsChanged: first.summary.itemsChanged,
        itemsUnchanged: first.summary.itemsUnchanged,
        talliesWritten: first.summary.talliesWritten,
        errors: first.summary.errors,
      },
      // past_24h and the derived total.
      {
        sourcesPolled: 2,
        notModified: 0,
        itemsNew: 2,
        itemsChanged: 0,
        itemsUnchanged: 0,
        talliesWritten: 2,
        errors: [],
      },
    );

    const day = await readDay(api);
    assert.deepEqual(
      day.windows.map((window) => window.window),
      ['past_24h', 'total'],
    );
    assert.ok(day.total);
    assert.deepEqual(day.total.metrics, {
      communities: null,
      settlements: { value: 30, qualifier: 'exact', term: 'населених пунктів' },
      attacks: { value: 290, qualifier: 'exact', term: 'обстрілів' },
      explosions: null,
      projectiles: null,
      injured: { value: 3, qualifier: 'exact', term: 'поранено' },
      killed: null,
    });
    assert.deepEqual(day.total.disagreements, [
      {
        metric: 'attacks',
        values: [
          { source: 'zaporizhzhia-oda', value: 290, qualifier: 'exact' },
          { source: 'relay', value: 283, qualifier: 'at_least' },
        ],
        resolution: 'kept zaporizhzhia-oda: the official source outranks a relay',
      },
    ]);
    assert.deepEqual(
      day.total.contributions.map((c) => [c.source, c.evidence.map((e) => `${e.metric}: ${e.text}`)]),
      [
        ['zaporizhzhia-oda', ['settlements: 30 населених пунктів', 'attacks: 290 обстрілів', 'injured: 3']],
        ['relay', ['settlements: 30 settlements', 'attacks: at least 283 times']],
      ],
    );
    // Every contribution's report is listed with its source link and publication time.
    assert.deepEqual(day.reports.map((r) => [r.source, r.url, r.publishedAt]).sort(), [
      ['relay', 'https://relay.example.org/news/zaporizhzhia-283', '2025-11-04T05:50:00.000Z'],
      ['zaporizhzhia-oda', 'https://example.org/zp/7001', '2025-11-04T06:30:00.000Z'],
    ]);
    assert.deepEqual(
      day.reports.map((r) => r.id).sort(),
      day.total.contributions.map((c) => c.report).sort(),
    );

    // A second poll sends the ETags back, gets 304s and changes nothing.
    await waitUntilDue(api);
    const second = await runPoll(api);
    assert.equal(second.summary.notModified, 2);
    assert.equal(second.summary.itemsNew, 0);
    assert.equal(second.summary.talliesWritten, 0);
    const conditional = server.requests
      .slice(-2)
      .map((r) => r.headers['if-none-match'])
      .sort();
    assert.deepEqual(conditional, ['"relay-en.rss"', '"zaporizhzhia-oda.rss"']);
    assert.deepEqual(await readDay(api), day);

    // The official feed breaks: the run reports it, the source's health shows it, the day keeps its data.
    server.routes.set('/zp.rss', (_request, response) => void response.writeHead(500).end('down'));
    server.routes.set('/relay.rss', serveFixture('relay-en.rss', { etag: '"relay-v2"' }));
    await waitUntilDue(api);
    const third = await runPoll(api);
    assert.deepEqual(
      (third.summary.errors as Array<{ source: string }>).map((e) => e.source),
      ['zaporizhzhia-oda'],
    );
    assert.equal(third.summary.itemsUnchanged, 1);
    assert.deepEqual(await readDay(api), day);
    const health = await readHealth(api);
    assert.equal(health.get('zaporizhzhia-oda')?.consecutiveFailures, 1);
    assert.match(health.get('zaporizhzhia-oda')?.lastError ?? '', /500/);
    assert.ok(health.get('zaporizhzhia-oda')?.lastSuccessAt, 'the earlier success stays recorded');
    assert.equal(health.get('relay')?.consecutiveFailures, 0);
    assert.equal(health.get('relay')?.lastError, null);
  });
});
