/**
 * Two app instances (two schedulers with their own lease owners) on one database: on every tick the poll
 * runs once. Whichever instance comes second on a tick either finds the lease held or, when the first has
 * already finished, finds no source due (POLL_MIN_INTERVAL_MS), so each source is fetched once per tick.
 */
import assert from 'node:assert/strict';
import { pollSourcesJob } from '../../jobs/poll-sources.job.js';
import { createLockOwner } from '../../jobs/job-lock.js';
import { runJobWithLease } from '../../jobs/job-runner.js';
import type { JobOutcome } from '../../jobs/job-runner.js';
import { createScheduler } from '../../jobs/scheduler.js';
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { serveFixture, startFeedServer } from '../setup/feed-server.js';
import type { FeedServer } from '../setup/feed-server.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

const logger = createLogger({ level: 'silent' });
const TICKS = 3;

describe('jobs/poll-sources under two schedulers', () => {
  setupTestDB('jobs-poll-sources-schedulers');
  let server: FeedServer;

  before(async () => {
    server = await startFeedServer();
  });
  after(async () => {
    await server.close();
  });

  it('runs the poll exactly once per tick', async () => {
    const config = parseConfig({
      ALLOW_PRIVATE_SOURCES: '1',
      POLL_MIN_INTERVAL_MS: '500',
      FETCH_TIMEOUT_MS: '10000',
    });
    const fetchTicks: number[] = [];
    let reachedTicks: () => void = () => undefined;
    const enoughTicks = new Promise<void>((resolve) => (reachedTicks = resolve));
    const feed = serveFixture('sumy-oda.rss', { etag: '"changes-every-time"' });
    server.routes.set('/sumy.rss', (request, response) => {
      fetchTicks.push(Math.floor(Date.now() / 1000));
      // Every tick downloads again (no 304) so each tick's fetch is visible.
      delete request.headers['if-none-match'];
      feed(request, response);
      if (new Set(fetchTicks).size >= TICKS) reachedTicks();
    });
    await Source.create({
      key: 'sumy-oda',
      name: 'Sumy',
      region: 'sumy',
      url: `${server.base}/sumy.rss`,
      kind: 'rss',
      language: 'uk',
      official: true,
    });

    const outcomes: Array<{ tick: number; outcome: JobOutcome }> = [];
    const schedulers = [createLockOwner(), createLockOwner()].map((owner) =>
      createScheduler({
        timezone: 'Europe/Kyiv',
        logger,
        jobs: [
          {
            name: 'poll-sources',
            schedule: '* * * * * *',
            run: async (signal) => {
              const tick = Math.floor(Date.now() / 1000);
              const outcome = await runJobWithLease(pollSourcesJob, { config, logger, owner, signal });
              outcomes.push({ tick, outcome });
            },
          },
        ],
      }),
    );
    for (const scheduler of schedulers) scheduler.start();
    await enoughTicks;
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));

    const perTick = new Map<number, number>();
    for (const tick of fetchTicks) perTick.set(tick, (perTick.get(tick) ?? 0) + 1);
    assert.deepEqual(
      [...perTick.values()],
      [...perTick.keys()].map(() => 1),
      'one fetch of the source per tick',
    );

    const working = new Map<number, number>();
    for (const { tick, outcome } of outcomes) {
      if (outcome.status === 'finished' && Number(outcome.summary.sourcesPolled) > 0) {
        working.set(tick, (working.get(tick) ?? 0) + 1);
      }
    }
    assert.ok(working.size >= TICKS);
    assert.deepEqual(
      [...working.values()],
      [...working.keys()].map(() => 1),
      'one working run per tick',
    );
    assert.ok(outcomes.every(({ outcome }) => outcome.status !== 'failed'));
    assert.equal(await Report.countDocuments({}), 2, 'the reports are stored once');
  });
});
