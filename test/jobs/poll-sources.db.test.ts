import assert from 'node:assert/strict';
import { pollSources } from '../../jobs/poll-sources.job.js';
import type { PollSourcesDeps } from '../../jobs/poll-sources.job.js';
import { parseConfig } from '../../lib/config.js';
import { loadDemoData } from '../../lib/demo-data.js';
import { metricsRegistry } from '../../lib/metrics.js';
import { createLogger } from '../../lib/logger.js';
import { readDataVersion } from '../../models/data-version.model.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';
import { startFeedServer, serveFixture } from '../setup/feed-server.js';
import type { FeedServer } from '../setup/feed-server.js';
import { snapshotReports, snapshotSource, snapshotTallies } from '../setup/ingest-snapshots.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2025-11-04T07:00:00Z');
const BACKOFF_BASE_MS = 60_000;

interface SourceSpec {
  key: string;
  path: string;
  kind?: 'rss' | 'telegram';
  region?: string | null;
  official?: boolean;
  language?: 'uk' | 'en';
}

describe('jobs/poll-sources against a local feed server', () => {
  setupTestDB('jobs-poll-sources');
  let server: FeedServer;

  before(async () => {
    server = await startFeedServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.routes.clear();
    server.requests.length = 0;
  });

  async function addSources(...specs: SourceSpec[]) {
    await Source.insertMany(
      specs.map((spec) => ({
        key: spec.key,
        name: spec.key,
        region: spec.region ?? null,
        url: spec.path.startsWith('http') ? spec.path : `${server.base}${spec.path}`,
        kind: spec.kind ?? 'rss',
        language: spec.language ?? 'uk',
        official: spec.official ?? false,
      })),
    );
  }

  function poll(env: NodeJS.ProcessEnv = {}, now = NOW, extra: Partial<PollSourcesDeps> = {}) {
    return pollSources({
      config: parseConfig({
        ALLOW_PRIVATE_SOURCES: '1',
        // Ten times more than any local answer needs, even on a loaded machine; the hang test sets its own.
        FETCH_TIMEOUT_MS: '10000',
        POLL_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS),
        POLL_BACKOFF_MAX_MS: String(8 * BACKOFF_BASE_MS),
        ...env,
      }),
      logger,
      now: () => now,
      signal: new AbortController().signal,
      random: () => 0,
      ...extra,
    });
  }

  const sumyReports = [
    {
      id: 'sumy-oda/https://t.me/sumy_oda_test/500',
      url: 'https://t.me/sumy_oda_test/500',
      title: 'Ніч та ранок',
      text: 'Вночі та зранку 3 листопада ворог 21 раз обстріляв прикордоння Сумщини. Зафіксовано 64 вибухи.',
      publishedAt: '2025-11-03T06:30:00.000Z',
      relayOf: null,
      extractions: [
        {
          extractorVersion: '',
          ofCurrentText: true,
          error: null,
          reports: ['sumy 2025-11-03 night_and_morning'],
        },
      ],
      revisions: [],
      slots: ['sumy 2025-11-03 night_and_morning'],
      pendingTally: false,
      staleSlots: 0,
    },
    {
      id: 'sumy-oda/https://t.me/sumy_oda_test/501',
      url: 'https://t.me/sumy_oda_test/501',
      title: 'Обстріли за день',
      text: 'Протягом дня росіяни здійснили 47 обстрілів прикордонних територій Сумської області.\nЗафіксовано 183 вибухи.',
      publishedAt: '2025-11-03T19:10:00.000Z',
      relayOf: null,
      extractions: [
        { extractorVersion: '', ofCurrentText: true, error: null, reports: ['sumy 2025-11-03 day'] },
      ],
      revisions: [],
      slots: ['sumy 2025-11-03 day'],
      pendingTally: false,
      staleSlots: 0,
    },
  ];

  /** The extractor version is the extractor's own; the tests fill it in rather than pin it. */
  async function reportsWithVersion() {
    const reports = await snapshotReports();
    return reports.map((report) => ({
      ...report,
      extractions: report.extractions.map((extraction) => ({ ...extraction, extractorVersion: '' })),
    }));
  }

  const sumyTallies = [
    {
      slot: 'sumy 2025-11-03 day',
      metrics: { attacks: 'exact:47', explosions: 'exact:183' },
      perCommunity: [],
      contributions: [
        {
          report: 'sumy-oda/https://t.me/sumy_oda_test/501',
          window: 'day',
          evidence: ['attacks: 47', 'explosions: 183'],
        },
      ],
      disagreements: [],
      revisions: [],
      demo: false,
    },
    {
      slot: 'sumy 2025-11-03 night_and_morning',
      metrics: { attacks: 'exact:21', explosions: 'exact:64' },
      perCommunity: [],
      contributions: [
        {
          report: 'sumy-oda/https://t.me/sumy_oda_test/500',
          window: 'night_and_morning',
          evidence: ['attacks: 21', 'explosions: 64'],
        },
      ],
      disagreements: [],
      revisions: [],
      demo: false,
    },
    {
      slot: 'sumy 2025-11-03 total',
      metrics: { attacks: 'exact:68', explosions: 'exact:247' },
      perCommunity: [],
      contributions: [
        {
          report: 'sumy-oda/https://t.me/sumy_oda_test/501',
          window: 'day',
          evidence: ['attacks: 47', 'explosions: 183'],
        },
        {
          report: 'sumy-oda/https://t.me/sumy_oda_test/500',
          window: 'night_and_morning',
          evidence: ['attacks: 21', 'explosions: 64'],
        },
      ],
      disagreements: [],
      revisions: [],
      demo: false,
    },
  ];

  /** A source's state after a successful fetch at `at`: not due again for POLL_MIN_INTERVAL_MS (60 s). */
  const healthyAt = (at: Date, etag = '"sumy-oda.rss"') => ({
    etag,
    lastModified: 'Tue, 04 Nov 2025 06:00:00 GMT',
    lastFetchedAt: at.toISOString(),
    lastSuccessAt: at.toISOString(),
    consecutiveFailures: 0,
    lastError: null,
    nextAttemptAt: new Date(at.getTime() + 60_000).toISOString(),
  });
  const healthy = healthyAt(NOW);

  describe('a normal poll', () => {
    it('stores each item as a report and writes the window tallies and their total', async () => {
      server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss'));
      await addSources({ key: 'sumy-oda', path: '/sumy.rss', region: 'sumy', official: true });
      const { alerts, ...summary } = await poll();
      assert.ok(alerts, 'detection ran after the ingest and reported into the summary');
      assert.deepEqual(summary, {
        sourcesPolled: 1,
        notModified: 0,
        itemsNew: 2,
        itemsChanged: 0,
        itemsUnchanged: 0,
        duplicateGuids: 0,
        talliesWritten: 3,
        talliesDeleted: 0,
        demoTalliesRemoved: 0,
        errors: [],
        tallySlotsChanged: 3,
      });
      assert.deepEqual(await reportsWithVersion(), sumyReports);
      assert.deepEqual(await snapshotTallies(), sumyTallies);
      assert.deepEqual(await snapshotSource('sumy-oda'), healthy);
      assert.equal(await readDataVersion(), 1);
      const [request] = server.requests;
      assert.match(String(request?.headers['user-agent']), /^strike-report-tracker\//);
      assert.equal(request?.headers['if-none-match'], undefined);
    });

    it('gives the same state when run twice', async () => {
      server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss', { etag: '"changes-every-time"' }));
      await addSources({ key: 'sumy-oda', path: '/sumy.rss', region: 'sumy', official: true });
      await poll();
      // Forget the validators so the second poll downloads and processes the same items again.
      await Source.updateOne({ key: 'sumy-oda' }, { $set: { etag: null, lastModified: null } });
      const second = await poll({}, new Date(NOW.getTime() + 60_000));
      assert.equal(second.itemsNew, 0);
      assert.equal(second.itemsUnchanged, 2);
      assert.equal(second.talliesWritten, 0);
      assert.deepEqual(await reportsWithVersion(), sumyReports);
      assert.deepEqual(await snapshotTallies(), sumyTallies);
      assert.equal(await readDataVersion(), 1, 'nothing changed, so the data version stays');
    });
  });

  describe('conditional GET', () => {
    it('sends the validators back and skips parsing on a 304', async () => {
      server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss'));
      await addSources({ key: 'sumy-oda', path: '/sumy.rss', region: 'sumy', official: true });
      await poll();
      const later = new Date(NOW.getTime() + 300_000);
      const summary = await poll({}, later);
      assert.equal(summary.notModified, 1);
      assert.equal(summary.itemsNew + summary.itemsUnchanged, 0);
      const second = server.requests[1];
      assert.equal(second?.headers['if-none-match'], '"sumy-oda.rss"');
      assert.equal(second?.headers['if-modified-since'], 'Tue, 04 Nov 2025 06:00:00 GMT');
      assert.deepEqual(await reportsWithVersion(), sumyReports);
      assert.deepEqual(await snapshotTallies(), sumyTallies);
      assert.deepEqual(await snapshotSource('sumy-oda'), healthyAt(later));
      assert.equal(await readDataVersion(), 1);
    });

    it('on an ETag change, downloads again and stores the new validator', async () => {
      server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss', { etag: '"v1"' }));
      await addSources({ key: 'sumy-oda', path: '/sumy.rss', region: 'sumy', official: true });
      await poll();
      server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss', { etag: '"v2"' }));
      const summary = await poll({}, new Date(NOW.getTime() + 60_000));
      assert.equal(summary.notModified, 0);
      assert.equal(summary.itemsUnchanged, 2);
      assert.equal(server.requests[1]?.headers['if-none-match'], '"v1"');
      assert.equal((await snapshotSource('sumy-oda'))?.etag, '"v2"');
      assert.deepEqual(await snapshotTallies(), sumyTallies);
    });
  });

  describe('failures', () => {
    const failed = (error: string, failures: number, waitMs: number, at = NOW) => ({
      etag: null,
      lastModified: null,
      lastFetchedAt: at.toISOString(),
      lastSuccessAt: null,
      consecutiveFailures: failures,
      lastError: error,
      nextAttemptAt: new Date(at.getTime() + waitMs).toISOString(),
    });

    it('records a 500, backs off exponentially, and resets on success', async () => {
      server.routes.set('/flaky.rss', (_request, response) => response.writeHead(500).end('oops'));
      await addSources({ key: 'flaky', path: '/flaky.rss', region: 'sumy', official: true });
      const first = await poll();
      const error = `The server answered 500 for ${server.base}/flaky.rss.`;
      assert.deepEqual(first.errors, [{ source: 'flaky', code: 'FETCH_HTTP_STATUS', error }]);
      // random() = 0 takes the lower end of the jitter: half the exponential ceiling.
      assert.deepEqual(await snapshotSource('flaky'), failed(error, 1, BACKOFF_BASE_MS / 2));

      const notDue = await poll({}, new Date(NOW.getTime() + 1_000));
      assert.equal(notDue.sourcesPolled, 0, 'a source backing off is not polled before its time');

      const second = new Date(NOW.getTime() + BACKOFF_BASE_MS);
      await poll({}, second);
      assert.deepEqual(await snapshotSource('flaky'), failed(error, 2, BACKOFF_BASE_MS, second));
      let at = second;
      for (let failures = 3; failures <= 6; failures++) {
        at = new Date(at.getTime() + 10 * BACKOFF_BASE_MS);
        await poll({}, at);
      }
      assert.deepEqual(
        await snapshotSource('flaky'),
        failed(error, 6, (8 * BACKOFF_BASE_MS) / 2, at),
        'the wait stops growing at POLL_BACKOFF_MAX_MS',
      );

      server.routes.set('/flaky.rss', serveFixture('sumy-oda.rss'));
      const recovered = new Date(at.getTime() + 10 * BACKOFF_BASE_MS);
      await poll({}, recovered);
      assert.deepEqual(await snapshotSource('flaky'), healthyAt(recovered));
      assert.equal(await Report.countDocuments({ source: 'flaky' }), 2);
    });

    it('times out a server that never answers and one that hangs after the headers, without holding up the others', async () => {
      server.routes.set('/silent.rss', () => undefined);
      server.routes.set('/stalls.rss', (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>');
      });
      server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss'));
      await addSources(
        { key: 'silent', path: '/silent.rss' },
        { key: 'stalls', path: '/stalls.rss' },
        { key: 'sumy-oda', path: '/sumy.rss', region: 'sumy', official: true },
      );
      // The hanging sources are given up after 1 s; the healthy one answers in milliseconds.
      const summary = await poll({ POLL_CONCURRENCY: '3', FETCH_TIMEOUT_MS: '1000' });
      assert.deepEqual(
        summary.errors,
        ['silent', 'stalls'].map((source) => ({
          source,
          code: 'FETCH_TIMEOUT',
          error: 'No complete response within 1000 ms.',
        })),
      );
      assert.equal(summary.itemsNew, 2);
      assert.deepEqual(await snapshotTallies(), sumyTallies);
      const fetches = await metricsRegistry.getSingleMetric('source_fetches_total')?.get();
      const count = (source: string, outcome: string) =>
        fetches?.values.find((v) => v.labels.source === source && v.labels.outcome === outcome)?.value ?? 0;
      assert.ok(count('silent', 'timeout') >= 1, 'the timeout is counted in the fetch metric');
      assert.ok(count('sumy-oda', 'ok') >= 1);
      for (const key of ['silent', 'stalls']) {
        assert.deepEqual(
          await snapshotSource(key),
          failed('No complete response within 1000 ms.', 1, BACKOFF_BASE_MS / 2),
        );
      }
    });

    it('records malformed XML, a 20 MB body and a redirect loop as failures and stores nothing', async () => {
      server.routes.set('/malformed.rss', serveFixture('malformed.rss'));
      server.routes.set('/huge.rss', (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(64 * 1024, ' ');
        let sent = 0;
        const pump = (): void => {
          while (sent < 20 * 1024 * 1024 && !response.destroyed) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        pump();
      });
      server.routes.set('/loop.rss', (_request, response) =>
        response.writeHead(302, { location: '/loop.rss' }).end(),
      );
      await addSources(
        { key: 'malformed', path: '/malformed.rss' },
        { key: 'huge', path: '/huge.rss' },
        { key: 'loop', path: '/loop.rss' },
      );
      const summary = await poll();
      const byKey = new Map(
        (summary.errors as Array<{ source: string; code: string; error: string }>).map((e) => [e.source, e]),
      );
      assert.equal(byKey.get('malformed')?.code, 'FEED_MALFORMED');
      assert.match(byKey.get('malformed')?.error ?? '', /^Malformed feed: /);
      assert.deepEqual(byKey.get('huge'), {
        source: 'huge',
        code: 'FETCH_TOO_LARGE',
        error: 'The response is larger than 5242880 bytes.',
      });
      assert.deepEqual(byKey.get('loop'), {
        source: 'loop',
        code: 'FETCH_TOO_MANY_REDIRECTS',
        error: `More than 5 redirects, the last to /loop.rss.`,
      });
      assert.equal(server.requests.filter((r) => r.path === '/loop.rss').length, 6);
      assert.deepEqual(await snapshotReports(), []);
      assert.deepEqual(await snapshotTallies(), []);
      for (const key of ['malformed', 'huge', 'loop']) {
        assert.equal((await snapshotSource(key))?.consecutiveFailures, 1);
      }
    });
  });

  describe('feed contents', () => {
    it('decodes a windows-1251 feed from its XML prolog', async () => {
      server.routes.set(
        '/cn.rss',
        serveFixture('chernihiv-cp1251.rss', { contentType: 'application/rss+xml' }),
      );
      await addSources({ key: 'chernihiv-oda', path: '/cn.rss', region: 'chernihiv', official: true });
      await poll();
      const [report] = await snapshotReports();
      assert.equal(report?.title, 'Обстріли Чернігівщини');
      assert.equal(
        report?.text,
        'Протягом дня ворог 16 разів обстріляв прикордоння Чернігівської області. Зафіксовано 58 вибухів.',
      );
      assert.deepEqual(
        (await snapshotTallies()).map((t) => [t.slot, t.metrics]),
        [
          ['chernihiv 2025-11-03 day', { attacks: 'exact:16', explosions: 'exact:58' }],
          ['chernihiv 2025-11-03 total', { attacks: 'exact:16', explosions: 'exact:58' }],
        ],
      );
    });

    it('takes an empty feed as a success with nothing to store', async () => {
      server.routes.set('/empty.rss', serveFixture('empty.rss'));
      await addSources({ key: 'empty', path: '/empty.rss' });
      const summary = await poll();
      assert.deepEqual(summary.errors, []);
      assert.equal(summary.itemsNew, 0);
      assert.deepEqual(await snapshotReports(), []);
      assert.deepEqual(await snapshotTallies(), []);
      assert.deepEqual(await snapshotSource('empty'), { ...healthy, etag: '"empty.rss"' });
      assert.equal(await readDataVersion(), 0);
    });

    it('stores a guid repeated within one feed once', async () => {
      server.routes.set('/dup.rss', serveFixture('duplicate-guids.rss'));
      await addSources({ key: 'dup', path: '/dup.rss', region: 'chernihiv', official: true });
      const summary = await poll();
      assert.equal(summary.itemsNew, 1);
      assert.equal(summary.duplicateGuids, 1);
      assert.deepEqual(
        (await snapshotReports()).map((r) => r.id),
        ['dup/dup-1'],
      );
      assert.deepEqual(
        (await snapshotTallies()).map((t) => [t.slot, t.metrics, t.contributions.length]),
        [
          ['chernihiv 2025-11-03 day', { attacks: 'exact:9', explosions: 'exact:31' }, 1],
          ['chernihiv 2025-11-03 total', { attacks: 'exact:9', explosions: 'exact:31' }, 1],
        ],
      );
    });

    it('records an edited item as a revision of the same report and revises its tallies', async () => {
      server.routes.set('/mk.rss', serveFixture('edited-v1.rss', { etag: '"v1"' }));
      await addSources({ key: 'mykolaiv-oda', path: '/mk.rss', region: 'mykolaiv', official: true });
      await poll();
      server.routes.set('/mk.rss', serveFixture('edited-v2.rss', { etag: '"v2"' }));
      const later = new Date(NOW.getTime() + 300_000);
      const summary = await poll({}, later);
      assert.equal(summary.itemsChanged, 1);
      assert.equal(summary.itemsNew, 0);
      const reports = await reportsWithVersion();
      assert.deepEqual(reports, [
        {
          id: 'mykolaiv-oda/mk-9',
          url: null,
          title: null,
          text: 'Протягом дня ворог 6 разів обстріляв Миколаївську область. Поранено 2 людей.',
          publishedAt: '2025-11-03T18:00:00.000Z',
          relayOf: null,
          extractions: [
            { extractorVersion: '', ofCurrentText: true, error: null, reports: ['mykolaiv 2025-11-03 day'] },
          ],
          revisions: ['Протягом дня ворог 4 рази обстріляв Миколаївську область. Поранено 1 людину.'],
          slots: ['mykolaiv 2025-11-03 day'],
          pendingTally: false,
          staleSlots: 0,
        },
      ]);
      const tallies = await snapshotTallies();
      assert.deepEqual(
        tallies.map((t) => [t.slot, t.metrics, t.revisions]),
        ['day', 'total'].map((window) => [
          `mykolaiv 2025-11-03 ${window}`,
          { attacks: 'exact:6', injured: 'exact:2' },
          [{ previous: { attacks: 'exact:4', injured: 'exact:1' }, reason: 'new or edited reports' }],
        ]),
      );
    });
  });

  describe('several sources about the same day', () => {
    it('keeps the official figure over a relay and records the disagreement with both reports', async () => {
      server.routes.set('/zp.rss', serveFixture('zaporizhzhia-oda.rss'));
      server.routes.set('/relay.rss', serveFixture('relay-en.rss'));
      await addSources(
        { key: 'zaporizhzhia-oda', path: '/zp.rss', region: 'zaporizhzhia', official: true },
        { key: 'relay', path: '/relay.rss', language: 'en' },
      );
      await poll();
      const official = 'zaporizhzhia-oda/zp-7001';
      const relay = 'relay/https://relay.example.org/news/zaporizhzhia-283';
      const disagreement = {
        metric: 'attacks',
        values: [`${official} exact:290`, `${relay} at_least:283`],
        resolution: 'kept zaporizhzhia-oda: the official source outranks a relay',
      };
      const contributions = (window: string) => [
        { report: official, window, evidence: ['settlements: 30', 'attacks: 290', 'injured: 3'] },
        { report: relay, window, evidence: ['settlements: 30', 'attacks: 283'] },
      ];
      assert.deepEqual(await snapshotTallies(), [
        {
          slot: 'zaporizhzhia 2025-11-03 past_24h',
          metrics: { settlements: 'exact:30', attacks: 'exact:290', injured: 'exact:3' },
          perCommunity: [],
          contributions: contributions('past_24h'),
          disagreements: [disagreement],
          revisions: [],
          demo: false,
        },
        {
          slot: 'zaporizhzhia 2025-11-03 total',
          metrics: { settlements: 'exact:30', attacks: 'exact:290', injured: 'exact:3' },
          perCommunity: [],
          contributions: contributions('past_24h'),
          disagreements: [disagreement],
          revisions: [],
          demo: false,
        },
      ]);
    });

    it('links the same text relayed by a second source to the first by its content hash', async () => {
      server.routes.set('/zp.rss', serveFixture('zaporizhzhia-oda.rss'));
      server.routes.set('/copy.rss', (_request, response) => {
        response
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>Copy</title><item><guid>copy-1</guid>` +
              `<description>Упродовж минулої доби росіяни здійснили 290 обстрілів 30 населених пунктів Запорізької області.  Поранено 3 людей.</description>` +
              `<pubDate>Tue, 04 Nov 2025 09:00:00 +0200</pubDate></item></channel></rss>`,
          );
      });
      await addSources({ key: 'zaporizhzhia-oda', path: '/zp.rss', region: 'zaporizhzhia', official: true });
      await poll();
      await addSources({ key: 'copycat', path: '/copy.rss' });
      await poll();
      const reports = await snapshotReports();
      assert.deepEqual(
        reports.map((r) => [r.id, r.relayOf]),
        [
          ['copycat/copy-1', 'zaporizhzhia-oda/zp-7001'],
          ['zaporizhzhia-oda/zp-7001', null],
        ],
      );
      const [window] = await snapshotTallies();
      assert.deepEqual(window?.disagreements, [], 'a word-for-word copy never disagrees with its original');
      assert.equal(window?.contributions.length, 2);
    });

    it('splits a multi-region round-up into one tally per region', async () => {
      server.routes.set('/roundup.rss', serveFixture('roundup.rss'));
      await addSources({ key: 'roundup', path: '/roundup.rss' });
      const summary = await poll();
      assert.deepEqual(summary.errors, []);
      const [report] = await snapshotReports();
      assert.deepEqual(report?.slots, ['kharkiv 2025-11-03 past_24h', 'kherson 2025-11-03 past_24h']);
      assert.deepEqual(
        (await snapshotTallies()).map((t) => [t.slot, t.metrics, t.contributions.map((c) => c.report)]),
        [
          [
            'kharkiv 2025-11-03 past_24h',
            { settlements: 'exact:9', attacks: 'exact:12', injured: 'exact:2' },
            ['roundup/roundup-2025-11-04'],
          ],
          [
            'kharkiv 2025-11-03 total',
            { settlements: 'exact:9', attacks: 'exact:12', injured: 'exact:2' },
            ['roundup/roundup-2025-11-04'],
          ],
          [
            'kherson 2025-11-03 past_24h',
            { attacks: 'exact:74', injured: 'exact:5' },
            ['roundup/roundup-2025-11-04'],
          ],
          [
            'kherson 2025-11-03 total',
            { attacks: 'exact:74', injured: 'exact:5' },
            ['roundup/roundup-2025-11-04'],
          ],
        ],
      );
    });
  });

  describe('a public Telegram page', () => {
    it('stores each post with its own id as guid and its timestamp, skipping posts without text', async () => {
      server.routes.set(
        '/s/kharkiv_test',
        serveFixture('telegram-page-1.html', { contentType: 'text/html; charset=utf-8' }),
      );
      await addSources({
        key: 'kharkiv-oda',
        path: '/s/kharkiv_test',
        kind: 'telegram',
        region: 'kharkiv',
        official: true,
      });
      await poll();
      const reports = await snapshotReports();
      assert.deepEqual(
        reports.map((r) => [r.id, r.url, r.publishedAt, r.text, r.slots]),
        [
          [
            'kharkiv-oda/kharkiv_test/1202',
            'https://t.me/kharkiv_test/1202',
            '2025-11-03T18:05:00.000Z',
            'Протягом дня ворог 14 разів обстріляв 8 населених пунктів Харківщини.\nПоранено 3 людей.',
            ['kharkiv 2025-11-03 day'],
          ],
        ],
      );
      assert.deepEqual(
        (await snapshotTallies()).map((t) => [t.slot, t.metrics]),
        [
          ['kharkiv 2025-11-03 day', { settlements: 'exact:8', attacks: 'exact:14', injured: 'exact:3' }],
          ['kharkiv 2025-11-03 total', { settlements: 'exact:8', attacks: 'exact:14', injured: 'exact:3' }],
        ],
      );
    });
  });

  describe('the outbound guard', () => {
    it('refuses a private address, and one reached through a redirect from a trusted origin', async () => {
      server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss'));
      const port = new URL(server.base).port;
      server.routes.set('/bridge/redirect', (_request, response) =>
        response.writeHead(302, { location: `http://localhost:${port}/sumy.rss` }).end(),
      );
      await addSources(
        { key: 'literal', path: `http://[::1]:${port}/sumy.rss`, region: 'sumy' },
        { key: 'named', path: `http://localhost:${port}/sumy.rss`, region: 'sumy' },
        { key: 'via-bridge', path: '/bridge/redirect', region: 'sumy' },
      );
      const summary = await poll({ ALLOW_PRIVATE_SOURCES: '0', RSS_BRIDGE_URL: server.base });
      const errors = summary.errors;
      assert.deepEqual(
        errors.map((e) => [e.source, e.code]),
        [
          ['literal', 'OUTBOUND_REFUSED'],
          ['named', 'OUTBOUND_REFUSED'],
          ['via-bridge', 'OUTBOUND_REFUSED'],
        ],
      );
      assert.match(errors[1]?.error ?? '', /localhost \((127\.0\.0\.1|::1)\)/);
      assert.match(errors[2]?.error ?? '', /localhost \((127\.0\.0\.1|::1)\)/);
      assert.deepEqual(
        server.requests.map((r) => r.path),
        ['/bridge/redirect'],
        'nothing connected to the refused addresses',
      );
      assert.deepEqual(await snapshotReports(), []);
      assert.equal((await snapshotSource('literal'))?.consecutiveFailures, 1);
    });
  });

  describe('demo data', () => {
    it('removes the synthetic demo set when the first real report is stored', async () => {
      await loadDemoData({ from: '2025-10-01', to: '2025-11-03' });
      assert.ok((await Tally.countDocuments({ demo: true })) > 0);
      server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss'));
      await addSources({ key: 'sumy-oda', path: '/sumy.rss', region: 'sumy', official: true });
      const summary = await poll();
      assert.ok(Number(summary.demoTalliesRemoved) > 0);
      assert.equal(await Tally.countDocuments({ demo: true }), 0);
      assert.deepEqual(await snapshotTallies(), sumyTallies);
    });
  });
});
