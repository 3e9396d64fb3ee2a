import assert from 'node:assert/strict';
import { backfillSource } from '../../lib/feeds/backfill-source.js';
import type { BackfillOptions, BackfillProgress } from '../../lib/feeds/backfill-source.js';
import { createLogger } from '../../lib/logger.js';
import { createOutboundGuard } from '../../lib/outbound-guard.js';
import { BackfillCheckpoint } from '../../models/backfill-checkpoint.model.js';
import { Source } from '../../models/source.model.js';
import { readFeedFixture, serveFixture, startFeedServer } from '../setup/feed-server.js';
import type { FeedServer } from '../setup/feed-server.js';
import { snapshotReports, snapshotTallies } from '../setup/ingest-snapshots.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2025-11-04T07:00:00Z');

describe('lib/feeds/backfill-source', () => {
  setupTestDB('feeds-backfill');
  let server: FeedServer;

  before(async () => {
    server = await startFeedServer();
    const html = { contentType: 'text/html; charset=utf-8' };
    server.routes.set('/s/kharkiv_test', serveFixture('telegram-page-1.html', html));
    server.routes.set('/s/kharkiv_test?before=1202', serveFixture('telegram-page-2.html', html));
    server.routes.set('/s/kharkiv_test?before=1101', serveFixture('telegram-page-3.html', html));
  });
  after(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.requests.length = 0;
    await Source.create({
      key: 'kharkiv-oda',
      name: 'Kharkiv',
      region: 'kharkiv',
      url: `${server.base}/s/kharkiv_test`,
      kind: 'telegram',
      language: 'uk',
      official: true,
    });
  });

  function backfill(overrides: Partial<BackfillOptions> = {}) {
    return backfillSource({
      sourceKey: 'kharkiv-oda',
      since: '2025-10-01',
      guard: createOutboundGuard({ allowPrivate: true }),
      limits: { timeoutMs: 5_000, maxBytes: 1_000_000, maxRedirects: 5, userAgent: 'test' },
      logger,
      now: () => NOW,
      zone: 'Europe/Kyiv',
      ...overrides,
    });
  }

  const expectedTallies = [
    ['kharkiv 2025-11-02 day', { settlements: 'exact:7', attacks: 'exact:11' }],
    ['kharkiv 2025-11-02 total', { settlements: 'exact:7', attacks: 'exact:11' }],
    ['kharkiv 2025-11-03 day', { settlements: 'exact:8', attacks: 'exact:14', injured: 'exact:3' }],
    ['kharkiv 2025-11-03 total', { settlements: 'exact:8', attacks: 'exact:14', injured: 'exact:3' }],
  ];

  it('walks a t.me/s channel through two pages of history with ?before=<id>', async () => {
    const seen: BackfillProgress[] = [];
    const outcome = await backfill({ onProgress: (progress) => seen.push(progress) });
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ['/s/kharkiv_test', '/s/kharkiv_test?before=1202', '/s/kharkiv_test?before=1101'],
    );
    assert.equal(outcome.done, true);
    assert.equal(outcome.pages, 3);
    assert.equal(outcome.itemsNew, 2);
    assert.equal(outcome.tallies, 4);
    assert.deepEqual(
      seen.map((p) => [p.pages, p.items, p.daysCovered === p.daysTotal]),
      [
        [1, 1, false],
        [2, 2, false],
        [3, 2, true],
      ],
    );
    assert.deepEqual(
      (await snapshotReports()).map((r) => [r.id, r.publishedAt]),
      [
        ['kharkiv-oda/kharkiv_test/1101', '2025-11-02T17:45:00.000Z'],
        ['kharkiv-oda/kharkiv_test/1202', '2025-11-03T18:05:00.000Z'],
      ],
    );
    assert.deepEqual(
      (await snapshotTallies()).map((t) => [t.slot, t.metrics]),
      expectedTallies,
    );
  });

  it('continues from its checkpoint after a run that stopped', async () => {
    const first = await backfill({ maxPages: 1 });
    assert.equal(first.done, false);
    const checkpoint = await BackfillCheckpoint.findOne({ source: 'kharkiv-oda' }).lean();
    assert.equal(checkpoint?.nextUrl, `${server.base}/s/kharkiv_test?before=1202`);
    server.requests.length = 0;
    const second = await backfill();
    assert.equal(second.resumedFrom, `${server.base}/s/kharkiv_test?before=1202`);
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ['/s/kharkiv_test?before=1202', '/s/kharkiv_test?before=1101'],
      'the page already done is not fetched again',
    );
    assert.equal(second.done, true);
    assert.equal(second.pages, 3);
    assert.equal(second.itemsNew, 2, 'counts carry over from the checkpoint');
    assert.deepEqual(
      (await snapshotTallies()).map((t) => [t.slot, t.metrics]),
      expectedTallies,
    );
    server.requests.length = 0;
    const third = await backfill();
    assert.equal(third.done, true);
    assert.deepEqual(server.requests, [], 'a finished backfill fetches nothing');
  });

  it('stops at the start date and stores nothing older', async () => {
    const outcome = await backfill({ since: '2025-11-03' });
    assert.equal(outcome.done, true);
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ['/s/kharkiv_test', '/s/kharkiv_test?before=1202'],
    );
    assert.deepEqual(
      (await snapshotReports()).map((r) => r.id),
      ['kharkiv-oda/kharkiv_test/1202'],
    );
  });

  it('follows a feed archive link (RFC 5005 prev-archive)', async () => {
    const current = readFeedFixture('sumy-oda.rss')
      .toString()
      .replace(
        '<channel>',
        `<channel><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="prev-archive" href="/archive-1.rss"/>`,
      );
    server.routes.set('/current.rss', (_request, response) => response.writeHead(200).end(current));
    server.routes.set('/archive-1.rss', serveFixture('edited-v1.rss'));
    await Source.create({
      key: 'archived',
      name: 'a',
      region: 'sumy',
      url: `${server.base}/current.rss`,
      kind: 'rss',
      language: 'uk',
    });
    const outcome = await backfill({ sourceKey: 'archived' });
    assert.equal(outcome.pages, 2);
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ['/current.rss', '/archive-1.rss'],
    );
    assert.equal(outcome.itemsNew, 3);
  });

  it('refuses an unknown source and a malformed date', async () => {
    await assert.rejects(backfill({ sourceKey: 'nope' }), /No source has the key "nope"/);
    await assert.rejects(backfill({ since: '2025-13-45' }), /--since must be a date/);
  });
});
