/**
 * The one logger for the service, its jobs and the embedded engine's standalone runner.
 *
 * Logs are structured JSON with an `event` field naming what happened (`db.connected`, `job.finished`), so
 * they can be filtered without parsing messages. Output is pretty-printed only when stdout is a terminal:
 * containers and log shippers get plain JSON lines.
 *
 * This module reads `LOG_LEVEL` from the environment itself rather than from lib/config.ts, because the
 * engine runner and one-off scripts must be able to log before (or without) validating the full config.
 */
import { pino } from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

/** The levels pino knows, plus `silent` to switch logging off (tests). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = Level | 'silent';

export interface CreateLoggerOptions {
  /** Minimum level to write; defaults to `LOG_LEVEL` from the environment, then `info`. */
  level?: LogLevel;
  /** Added to every line as `name`, to tell the service, the engine and scripts apart. */
  name?: string;
  /** Force pretty output on or off; by default it is on only when stdout is a TTY. */
  pretty?: boolean;
  /** Where to write; defaults to stdout. Tests pass a stream to capture lines. */
  destination?: DestinationStream;
}

function readLevelFromEnv(): LogLevel {
  const raw = process.env.LOG_LEVEL?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(raw ?? '') ? (raw as LogLevel) : 'info';
}

function chooseDestination(options: CreateLoggerOptions): DestinationStream | undefined {
  if (options.destination) return options.destination;
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  // pino-pretty as an in-process stream, not a transport: a transport starts a worker thread that would
  // outlive short scripts and tests.
  return pretty
    ? pinoPretty({ colorize: true, translateTime: 'SYS:standard', ignore: 'pid,hostname' })
    : undefined;
}

/** Builds a logger. Secrets commonly found in request headers are redacted. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const destination = chooseDestination(options);
  const pinoOptions = {
    level: options.level ?? readLevelFromEnv(),
    ...(options.name ? { name: options.name } : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(pinoOptions, destination) : pino(pinoOptions);
}

/** The shared default logger. */
export const logger: Logger = createLogger({ name: 'strike-report-tracker' });
