/**
 * `npm run db -- [--port N] [--host H] [--data-dir D]`: runs the embedded MongoDB-compatible engine on its
 * own, so that mongosh, Compass or another process can use it.
 *
 * Once the engine listens, it prints exactly one line `EMBEDDED_MONGODB_URI=<uri>` on stdout (scripts wait
 * for that line), then logs through the project's logger. SIGINT or SIGTERM stops it cleanly: open
 * cursors are dropped and, with a data directory, a final snapshot is written.
 */
import { parseArgs } from 'node:util';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { createLogger } from '../lib/logger.js';

const USAGE = 'usage: npm run db -- [--port N (default 27017, 0 = any free port)] [--host H] [--data-dir D]';

interface RunnerOptions {
  port: number;
  host: string;
  dataDir: string | undefined;
}

function readOptions(argv: string[]): RunnerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '27017' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  return { port, host: values.host, dataDir: values['data-dir'] };
}

async function run(): Promise<void> {
  let options: RunnerOptions;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  const logger = createLogger({ name: 'embedded-mongo' });
  let server: Awaited<ReturnType<typeof startEmbeddedMongo>>;
  try {
    server = await startEmbeddedMongo({ ...options, logger });
  } catch (error) {
    // A port in use, a data directory held by another engine, a damaged journal: say so and exit non-zero.
    logger.error({ event: 'db.start_failed', err: error }, `could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  process.stdout.write(`EMBEDDED_MONGODB_URI=${server.uri}\n`);
  if (!options.dataDir) {
    logger.warn({ event: 'db.in_memory' }, 'no --data-dir: the data lives in memory and is lost on stop');
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // Nothing acknowledged is lost: the journal is written before every reply. Only the final snapshot,
      // which makes the next start faster, is skipped.
      logger.warn({ event: 'db.forced_exit', signal }, 'second signal: exiting without a clean stop');
      process.exit(1);
    }
    stopping = true;
    logger.info({ event: 'db.stopping', signal }, 'stopping the embedded engine');
    const finish = (code: number): void => {
      process.exitCode = code;
      // The process ends by itself once the server is closed; this only bounds a stop that something
      // (a client socket that lingers, say) would otherwise hold up.
      setTimeout(() => process.exit(code), 5_000).unref();
    };
    server.stop().then(
      () => {
        logger.info({ event: 'db.stopped' }, 'embedded engine stopped');
        finish(0);
      },
      (error: unknown) => {
        logger.error({ event: 'db.stop_failed', err: error }, 'the embedded engine did not stop cleanly');
        finish(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await run();
