/**
 * One family of typed errors for the API, the jobs and process events. Each carries a stable machine code
 * and the HTTP status it maps to, so the central error handler never guesses from message text.
 *
 * `expose` says whether the message is safe to show a client. Server-side failures (5xx) are not: their
 * message is logged and replaced by a generic one in the response.
 */

/** The body of every error response: `{"error":{"code","message","details"?}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface AppErrorOptions {
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(code: string, status: number, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = options.details;
  }

  /** Whether the message may be shown to a client: only for client errors. */
  get expose(): boolean {
    return this.status < 500;
  }
}

/** The request is well-formed JSON but its values are wrong. */
export class ValidationError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('VALIDATION_FAILED', 400, message, options);
  }
}

/** The request body could not be parsed as JSON. */
export class MalformedJsonError extends AppError {
  constructor(message = 'The request body is not valid JSON.', options: AppErrorOptions = {}) {
    super('MALFORMED_JSON', 400, message, options);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid API key is required.', options: AppErrorOptions = {}) {
    super('UNAUTHORIZED', 401, message, options);
  }
}

/** The caller is known but may not do this, or the feature is switched off (admin endpoints with no key). */
export class ForbiddenError extends AppError {
  constructor(code = 'FORBIDDEN', message = 'This operation is not allowed.', options: AppErrorOptions = {}) {
    super(code, 403, message, options);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.', options: AppErrorOptions = {}) {
    super('NOT_FOUND', 404, message, options);
  }
}

/** The write collides with an existing document (a unique index said no). */
export class ConflictError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('CONFLICT', 409, message, options);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'The request body is too large.', options: AppErrorOptions = {}) {
    super('PAYLOAD_TOO_LARGE', 413, message, options);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The service is temporarily unavailable.', options: AppErrorOptions = {}) {
    super('SERVICE_UNAVAILABLE', 503, message, options);
  }
}

/** A configuration value is missing or invalid; the process cannot start. */
export class ConfigError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('CONFIG_INVALID', 500, message, options);
  }
}

export class InternalError extends AppError {
  constructor(message = 'Internal server error.', options: AppErrorOptions = {}) {
    super('INTERNAL', 500, message, options);
  }
}

function readProperty(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** True for a MongoDB duplicate-key error (E11000), whether raised by the driver or by mongoose. */
export function isDuplicateKeyError(error: unknown): boolean {
  return readProperty(error, 'code') === 11000;
}

/**
 * Driver errors that mean the database cannot be reached right now, as opposed to a bug in the request.
 * They become 503 so clients and load balancers retry instead of treating the request as broken.
 */
const DATABASE_UNAVAILABLE_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** True when the error says the database is unreachable (a mongoose buffering time-out included). */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const name = readProperty(error, 'name');
  if (typeof name === 'string' && DATABASE_UNAVAILABLE_ERRORS.has(name)) return true;
  const message = readProperty(error, 'message');
  // mongoose queues operations while disconnected and rejects them with this message after bufferTimeoutMS.
  return name === 'MongooseError' && typeof message === 'string' && message.includes('buffering timed out');
}

/**
 * Maps anything thrown to an AppError. Known library errors get their own code; everything else becomes
 * a 500 that keeps the original as its cause for the log.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;

  // body-parser (express.json) marks its errors with a `type`.
  const type = readProperty(error, 'type');
  if (type === 'entity.too.large') {
    return new PayloadTooLargeError(undefined, {
      cause: error,
      details: { limit: readProperty(error, 'limit') },
    });
  }
  if (type === 'entity.parse.failed') return new MalformedJsonError(undefined, { cause: error });

  // Express's router marks a path it cannot percent-decode (`/days/%`) as a 400 URIError.
  if (error instanceof URIError && readProperty(error, 'status') === 400) {
    return new ValidationError('The URL is not valid percent-encoding.', {
      cause: error,
      details: {
        issues: [
          {
            parameter: '(path)',
            in: 'path',
            reason: 'invalid_encoding',
            message: 'is not valid percent-encoding',
          },
        ],
      },
    });
  }

  const name = readProperty(error, 'name');
  if (name === 'ValidationError' || name === 'CastError') {
    const message = readProperty(error, 'message');
    return new ValidationError(typeof message === 'string' ? message : 'Invalid value.', { cause: error });
  }
  if (isDuplicateKeyError(error)) {
    return new ConflictError('A record with the same key already exists.', {
      cause: error,
      details: { key: readProperty(error, 'keyValue') },
    });
  }
  if (isDatabaseUnavailableError(error)) {
    return new ServiceUnavailableError('The database is unreachable.', { cause: error });
  }
  return new InternalError(undefined, { cause: error });
}

/** The response body for an error. 5xx messages and details are replaced so nothing internal leaks. */
export function toErrorBody(error: AppError): ErrorBody {
  if (!error.expose) {
    const message =
      error.status === 503 ? 'The service is temporarily unavailable.' : 'Internal server error.';
    return { error: { code: error.code, message } };
  }
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}
