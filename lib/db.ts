/**
 * The database lifecycle. With MONGODB_URI set, the service connects to that server, retrying with
 * exponential backoff at start-up (a container's mongod is often a few seconds behind the app). Without
 * it, the service starts the embedded engine with its files in DATA_DIR, so `npm start` needs nothing
 * installed. Either way the rest of the code sees one mongoose connection.
 *
 * Logs name the host, never the credentials: every URI passes through describeMongoUri first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import type { Connection, ConnectOptions } from 'mongoose';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';

/** Database used when the URI names none (the embedded engine's URI never does). */
export const DEFAULT_DB_NAME = 'strike-report-tracker';
const MAX_BACKOFF_MS = 15_000;

const MONGO_URI = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/]*@)?([^/?]*)(\/[^?]*)?/;

/** `host:port[,host:port]/db` of a connection string, without scheme, credentials or options. */
export function describeMongoUri(uri: string): string {
  const match = MONGO_URI.exec(uri);
  if (!match) return '(unparseable MongoDB URI)';
  const path = match[3] && match[3] !== '/' ? match[3] : '';
  return `${match[2] ?? ''}${path}`;
}

/** Replaces credentials in any MongoDB URI inside a text (driver error messages can quote one). */
export function redactCredentials(text: string): string {
  return text.replace(/(mongodb(?:\+srv)?:\/\/)[^@/\s]*@/g, '$1[redacted]@');
}

function hasDatabaseName(uri: string): boolean {
  const path = MONGO_URI.exec(uri)?.[3];
  return path !== undefined && path.length > 1;
}

export interface ConnectWithRetryOptions {
  attempts: number;
  /** Wait before the second attempt; doubles after each failure, capped at 15 s. */
  backoffMs: number;
  logger: Logger;
  /** How long each attempt waits for a server; the driver's default of 30 s is too long at start-up. */
  serverSelectionTimeoutMS?: number;
}

/** Connects mongoose's default connection, retrying with exponential backoff. */
export async function connectWithRetry(uri: string, options: ConnectWithRetryOptions): Promise<Connection> {
  const host = describeMongoUri(uri);
  const connectOptions: ConnectOptions = {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
    ...(hasDatabaseName(uri) ? {} : { dbName: DEFAULT_DB_NAME }),
  };
  let delay = options.backoffMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      options.logger.info({ event: 'db.connecting', host, attempt }, `connecting to MongoDB at ${host}`);
      await mongoose.connect(uri, connectOptions);
      options.logger.info({ event: 'db.connected', host, attempt }, `connected to MongoDB at ${host}`);
      return mongoose.connection;
    } catch (error) {
      const reason = redactCredentials(error instanceof Error ? error.message : String(error));
      if (attempt >= options.attempts) {
        options.logger.error({ event: 'db.connect_failed', host, attempts: attempt, reason }, 'giving up');
        throw new Error(`Could not connect to MongoDB at ${host} after ${attempt} attempts: ${reason}`);
      }
      options.logger.warn(
        { event: 'db.connect_retry', host, attempt, retryInMs: delay, reason },
        `MongoDB at ${host} is not answering; retrying in ${delay} ms`,
      );
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
  }
}

export interface Database {
  mode: 'embedded' | 'external';
  /** Host and database name, safe to log. */
  host: string;
  connection: Connection;
  /** Round-trips a ping; resolves with the latency in ms, rejects when the server does not answer in time. */
  ping(timeoutMs: number): Promise<number>;
  /** Disconnects, then stops the embedded engine if there is one. */
  stop(): Promise<void>;
}

async function pingConnection(connection: Connection, timeoutMs: number): Promise<number> {
  const db = connection.db;
  if (connection.readyState !== mongoose.ConnectionStates.connected || !db) {
    throw new Error('not connected');
  }
  const startedAt = performance.now();
  const abort = new AbortController();
  try {
    await Promise.race([
      db.admin().ping({ timeoutMS: timeoutMs }),
      sleep(timeoutMs, undefined, { signal: abort.signal }).then(() => {
        throw new Error(`no answer within ${timeoutMs} ms`);
      }),
    ]);
  } finally {
    // Cancels the timer so a fast ping leaves nothing pending.
    abort.abort();
  }
  return Math.round(performance.now() - startedAt);
}

export interface StartDatabaseOptions {
  config: Pick<AppConfig, 'MONGODB_URI' | 'DATA_DIR' | 'DB_CONNECT_ATTEMPTS' | 'DB_CONNECT_BACKOFF_MS'>;
  logger: Logger;
  serverSelectionTimeoutMS?: number;
}

/** Connects to MONGODB_URI, or starts the embedded engine on DATA_DIR and connects to it. */
export async function startDatabase(options: StartDatabaseOptions): Promise<Database> {
  const { config, logger } = options;
  const retry = {
    attempts: config.DB_CONNECT_ATTEMPTS,
    backoffMs: config.DB_CONNECT_BACKOFF_MS,
    logger,
    ...(options.serverSelectionTimeoutMS === undefined
      ? {}
      : { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS }),
  };

  if (config.MONGODB_URI) {
    const connection = await connectWithRetry(config.MONGODB_URI, retry);
    return {
      mode: 'external',
      host: describeMongoUri(config.MONGODB_URI),
      connection,
      ping: (timeoutMs) => pingConnection(connection, timeoutMs),
      async stop() {
        await mongoose.disconnect();
        logger.info({ event: 'db.disconnected' }, 'disconnected from MongoDB');
      },
    };
  }

  // Loaded here, so a service on a real MongoDB never loads the engine (and its query operators).
  const { startEmbeddedMongo } = await import('../embedded-mongo/index.js');
  const engine = await startEmbeddedMongo({
    port: 0,
    dataDir: config.DATA_DIR,
    logger: logger.child({ component: 'embedded-mongo' }),
  });
  logger.info(
    { event: 'db.embedded', dataDir: config.DATA_DIR, uri: engine.uri },
    `Using the embedded database, with its files in ${config.DATA_DIR} (reachable at ${engine.uri} while ` +
      'the service runs). To use a real MongoDB instead, set MONGODB_URI, for example ' +
      'MONGODB_URI=mongodb://localhost:27017/strikes, or run `docker compose up`.',
  );
  let connection: Connection;
  try {
    connection = await connectWithRetry(engine.uri, retry);
  } catch (error) {
    await engine.stop();
    throw error;
  }
  return {
    mode: 'embedded',
    host: describeMongoUri(engine.uri),
    connection,
    ping: (timeoutMs) => pingConnection(connection, timeoutMs),
    async stop() {
      await mongoose.disconnect();
      logger.info({ event: 'db.disconnected' }, 'disconnected from the embedded database');
      await engine.stop();
      logger.info({ event: 'db.embedded_stopped' }, 'embedded database stopped');
    },
  };
}
