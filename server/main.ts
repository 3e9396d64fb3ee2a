/**
 * The process entry (`npm start`): config, then database, then listen, then the scheduler. SIGINT and
 * SIGTERM trigger a graceful shutdown; if it takes longer than SHUTDOWN_TIMEOUT_MS the process exits with
 * code 1 anyway. A clean shutdown lets the event loop empty by itself, which proves nothing was left open.
 */
import { loadConfig } from '../lib/config.js';
import type { AppConfig } from '../lib/config.js';
import { ConfigError } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import type { RunningService, ServiceParts } from './service-lifecycle.js';

// The lifecycle's modules (mongoose, the models) and the HTTP app's are imported here rather than
// statically, so that both start loading at once: the app's larger graph (express, the routers, the jobs
// they can start) is fetched and compiled while mongoose loads and the database starts, instead of
// everything before anything runs.
const lifecycle = import('./service-lifecycle.js');
const parts: ServiceParts = {
  app: import('./app.js'),
  loadJobs: async () => (await import('../jobs/registry.js')).allJobs,
};
// Failures surface where these are awaited; meanwhile they must not count as unhandled.
void lifecycle.catch(() => undefined);
void parts.app.catch(() => undefined);

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal({ event: 'config.invalid', problems: error.details }, error.message);
      // Also plainly on stderr: the JSON log line escapes the newlines of the message.
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  logger.level = config.LOG_LEVEL;
  // The embedded engine (with mingo) loads alongside mongoose when the service is going to start it;
  // startDatabase awaits the same import.
  if (!config.MONGODB_URI) void import('../embedded-mongo/index.js').catch(() => undefined);

  let running: RunningService | null = null;
  let shuttingDown = false;
  const shutdown = (reason: string, exitCode: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ event: 'service.signal', reason }, `received ${reason}`);
    const deadline = setTimeout(() => {
      logger.error({ event: 'service.shutdown_timeout' }, 'graceful shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    // The deadline must not itself keep the process alive once everything else has closed.
    deadline.unref();
    (running?.stop() ?? Promise.resolve())
      .then(() => {
        process.exitCode = exitCode;
      })
      .catch((error: unknown) => {
        logger.error({ event: 'service.shutdown_failed', err: error }, 'error during shutdown');
        process.exitCode = 1;
      });
  };

  process.once('SIGINT', () => shutdown('SIGINT', 0));
  process.once('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('unhandledRejection', (error) => {
    logger.fatal({ event: 'process.unhandled_rejection', err: error }, 'unhandled promise rejection');
    shutdown('unhandledRejection', 1);
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ event: 'process.uncaught_exception', err: error }, 'uncaught exception');
    shutdown('uncaughtException', 1);
  });

  try {
    const { startServiceWith } = await lifecycle;
    running = await startServiceWith({ config, logger }, parts);
  } catch (error) {
    logger.fatal({ event: 'service.start_failed', err: error }, 'the service could not start');
    process.exit(1);
  }
  if (shuttingDown) await running.stop();
}

await main();
