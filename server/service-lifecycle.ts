/**
 * Starts and stops the whole service in-process: database, indexes, seed sources, optional demo data,
 * HTTP server, then the scheduler. It is given the HTTP app's module and the jobs rather than importing
 * them, so that main.ts can load them while the database starts (service.ts passes them in statically,
 * for tests and other in-process callers).
 *
 * Shutdown runs in the reverse order: stop the cron tasks and let running jobs finish, close the HTTP
 * server, disconnect from the database, then stop the embedded engine.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../lib/config.js';
import { startDatabase } from '../lib/db.js';
import type { Database } from '../lib/db.js';
import { defaultDemoRange, loadDemoData } from '../lib/demo-data.js';
import type { Logger } from '../lib/logger.js';
import { createLockOwner } from '../jobs/job-lock.js';
import { runJobWithLease } from '../jobs/job-runner.js';
import { createScheduler } from '../jobs/scheduler.js';
import type { Scheduler } from '../jobs/scheduler.js';
import { syncSourcesJob } from '../jobs/sync-sources.job.js';
import { ensureIndexes } from '../models/index.js';
import { Source } from '../models/source.model.js';
import { Tally } from '../models/tally.model.js';
import type { Job } from '../jobs/job.js';
import type { buildApp } from './app.js';
import { createAppServer } from './http-server.js';
import { createReadinessCheck } from './readiness.js';

export interface RunningService {
  /** Base URL the HTTP server listens on. */
  url: string;
  port: number;
  database: Database;
  scheduler: Scheduler | null;
  /** Graceful shutdown; safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  config: AppConfig;
  logger: Logger;
}

/** What the service runs that it does not import itself: awaited only once they are needed. */
export interface ServiceParts {
  app: Promise<{ buildApp: typeof buildApp }>;
  /** The scheduled jobs, asked for only when the scheduler is enabled. */
  loadJobs: () => Promise<readonly Job[]>;
}

async function isFreshStore(): Promise<boolean> {
  return !(await Source.exists({})) && !(await Tally.exists({}));
}

/**
 * Loads the demo set when asked (DEMO=1), or when the embedded store starts out empty so that a first
 * `npm start` has something to show. A real MongoDB never gets demo data unless DEMO=1.
 */
async function loadDemoDataIfWanted(config: AppConfig, database: Database, fresh: boolean, logger: Logger) {
  const reason = config.DEMO
    ? 'DEMO=1'
    : database.mode === 'embedded' && fresh
      ? 'empty embedded store'
      : null;
  if (!reason) return;
  const range = defaultDemoRange(new Date(), config.REPORT_TIMEZONE);
  const { written, skipped } = await loadDemoData(range, config.REPORT_TIMEZONE);
  logger.warn(
    { event: 'demo.loaded', reason, tallies: written, skippedRealSlots: skipped, ...range },
    `Loaded the SYNTHETIC DEMO data set (${written} tallies, ${range.from} to ${range.to}) because of: ${reason}. ` +
      'These figures are generated, not real reports; every demo document has demo: true. ' +
      'Remove them with `npm run seed:demo -- --remove`.',
  );
}

async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  server.listen(port, host);
  await once(server, 'listening');
  return server.address() as AddressInfo;
}

async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
  // Idle keep-alive sockets would hold close() open until they time out; requests in progress get a
  // grace period before their sockets are cut.
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(cut);
  }
}

export async function startServiceWith(
  options: StartServiceOptions,
  parts: ServiceParts,
): Promise<RunningService> {
  const { config, logger } = options;
  const database = await startDatabase({ config, logger });
  let server: Server | null = null;
  try {
    await ensureIndexes();
    const fresh = await isFreshStore();
    const owner = createLockOwner();
    // Upsert the seed sources before serving, so /readyz lists them from the first request.
    await runJobWithLease(syncSourcesJob, { config, logger, owner });
    await loadDemoDataIfWanted(config, database, fresh, logger);

    let scheduler: Scheduler | null = null;
    const { buildApp } = await parts.app;
    const app = buildApp({
      logger,
      jsonBodyLimit: config.JSON_BODY_LIMIT,
      config,
      checkReadiness: createReadinessCheck({ database, getScheduler: () => scheduler }),
    });
    server = createAppServer(app);
    const address = await listen(server, config.PORT, config.HOST);
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    logger.info({ event: 'http.listening', url, dbMode: database.mode }, `listening on ${url}`);

    if (config.SCHEDULER_ENABLED) {
      const jobs = await parts.loadJobs();
      scheduler = createScheduler({
        jobs: jobs.map((job) => ({
          name: job.name,
          schedule: job.schedule(config),
          run: (signal) => runJobWithLease(job, { config, logger, owner, signal }),
        })),
        timezone: config.REPORT_TIMEZONE,
        logger,
      });
      scheduler.start();
    }

    const httpServer = server;
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        logger.info({ event: 'service.stopping' }, 'shutting down');
        const graceMs = Math.floor(config.SHUTDOWN_TIMEOUT_MS / 3);
        await scheduler?.stop({ abortAfterMs: graceMs });
        await closeServer(httpServer, graceMs);
        logger.info({ event: 'http.closed' }, 'HTTP server closed');
        await database.stop();
        logger.info({ event: 'service.stopped' }, 'shut down cleanly');
      })();
      return stopping;
    };
    return { url, port: address.port, database, scheduler, stop };
  } catch (error) {
    if (server?.listening) await closeServer(server, 0);
    await database.stop();
    throw error;
  }
}
