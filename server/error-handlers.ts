/**
 * The JSON 404 (registered after every route) and the one central error handler. Both answer with the
 * same shape, `{"error":{"code","message","details"?}}`. Express 5 forwards rejected promises from async
 * handlers here by itself.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { NotFoundError, toAppError, toErrorBody } from '../lib/errors.js';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.path}.`));
};

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  const appError = toAppError(error);
  // pino-http attaches a per-request logger that already carries the request id.
  if (appError.status >= 500) {
    req.log.error({ event: 'http.error', err: error, code: appError.code }, 'request failed');
  } else {
    // The completion line already records the status; this adds the reason at debug level.
    req.log.debug(
      { event: 'http.rejected', code: appError.code, message: appError.message },
      'request rejected',
    );
  }
  if (res.headersSent) {
    // Too late for a JSON body: let Express close the connection.
    next(error);
    return;
  }
  res.status(appError.status).json(toErrorBody(appError));
};
