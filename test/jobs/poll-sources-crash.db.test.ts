/**
 * A poll killed with SIGKILL in the middle, then run again, ends in exactly the state of a poll that was
 * never interrupted: nothing lost, nothing doubled. The child process runs the real CLI (`npm run job --
 * poll-sources`) against the same database as this test.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { pollSources } from '../../jobs/poll-sources.job.js';
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';
import { allModels } from '../../models/index.js';
import { serveFixture, startFeedServer } from '../setup/feed-server.js';
import type { FeedServer } from '../setup/feed-server.js';
import { snapshotReports, snapshotSource, snapshotTallies } from '../setup/ingest-snapshots.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { getTestMongoUri } from '../setup/test-db.js';

const DB_NAME = 'jobs-poll-sources-crash';
const logger = createLogger({ level: 'silent' });
const env = { ALLOW_PRIVATE_SOURCES: '1', POLL_CONCURRENCY: '1', FETCH_TIMEOUT_MS: '10000' };

describe('jobs/poll-sources killed mid-poll', () => {
  setupTestDB(DB_NAME);
  let server: FeedServer;

  before(async () => {
    server = await startFeedServer();
  });
  after(async () => {
    await server.close();
  });

  async function addSources() {
    // Polled in key order, one at a time (POLL_CONCURRENCY=1).
    const sources = [
      { key: 'a-sumy', path: '/sumy.rss', region: 'sumy', official: true },
      { key: 'b-zaporizhzhia', path: '/zp.rss', region: 'zaporizhzhia', official: true },
      { key: 'c-relay', path: '/relay.rss', region: null, official: false },
    ];
    await Source.insertMany(
      sources.map((s) => ({
        ...s,
        name: s.key,
        url: `${server.base}${s.path}`,
        kind: 'rss',
        language: 'uk',
      })),
    );
  }

  function serveAll() {
    server.routes.set('/sumy.rss', serveFixture('sumy-oda.rss'));
    server.routes.set('/zp.rss', serveFixture('zaporizhzhia-oda.rss'));
    server.routes.set('/relay.rss', serveFixture('relay-en.rss'));
  }

  async function snapshotAll() {
    const sources = [];
    for (const key of ['a-sumy', 'b-zaporizhzhia', 'c-relay']) {
      const { lastFetchedAt, lastSuccessAt, nextAttemptAt, ...rest } = (await snapshotSource(key)) ?? {};
      sources.push({
        key,
        ...rest,
        fetched: lastFetchedAt !== null,
        succeeded: lastSuccessAt !== null,
        due: nextAttemptAt,
      });
    }
    return {
      reports: await snapshotReports(),
      tallies: await snapshotTallies(),
      sources: sources.map(({ due: _due, ...source }) => source),
    };
  }

  it('after a rerun, has the state of an uninterrupted poll', async () => {
    await addSources();
    serveAll();
    let child: ChildProcess | null = null;
    // The third source's request is the middle of the poll: two sources are stored, no tally is written.
    server.routes.set('/relay.rss', (_request, response) => {
      child?.kill('SIGKILL');
      response.destroy();
    });
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-job.ts', 'poll-sources'], {
      env: { ...process.env, ...env, MONGODB_URI: await getTestMongoUri(DB_NAME), LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    assert.equal(signal, 'SIGKILL');

    assert.equal(await Report.countDocuments({}), 3, 'the reports of the first two sources were stored');
    assert.equal(
      await Report.countDocuments({ pendingTally: true }),
      3,
      'their tallies are still to be computed',
    );
    assert.equal(await Tally.countDocuments({}), 0);

    serveAll();
    const rerun = await pollSources({
      config: parseConfig(env),
      logger,
      now: () => new Date(),
      signal: new AbortController().signal,
    });
    assert.deepEqual(rerun.errors, []);
    const recovered = await snapshotAll();

    await Promise.all(allModels.map((model) => model.collection.deleteMany({})));
    await addSources();
    await pollSources({
      config: parseConfig(env),
      logger,
      now: () => new Date(),
      signal: new AbortController().signal,
    });
    const uninterrupted = await snapshotAll();

    assert.deepEqual(recovered, uninterrupted);
    assert.equal(uninterrupted.reports.length, 4);
    assert.ok(uninterrupted.tallies.length > 0);
  });
});
