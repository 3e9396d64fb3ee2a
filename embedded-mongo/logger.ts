/**
 * The engine's logging surface. It is a subset of pino's `Logger`, so the application can pass its own
 * pino instance (or a child of it) without the engine importing pino or anything from the application.
 */
export type LogFn = (obj: Record<string, unknown>, msg?: string) => void;

export interface EngineLogger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  debug: LogFn;
}

const ignore: LogFn = () => {};

/** The default logger: the engine stays quiet unless the caller hands it a logger. */
export const silentLogger: EngineLogger = Object.freeze({
  info: ignore,
  warn: ignore,
  error: ignore,
  debug: ignore,
});
