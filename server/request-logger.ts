/**
 * The request logger (pino-http): one `http.request` line per answered request, with its id, method,
 * URL, client address, status and response time, at info (warn for 4xx, error for 5xx).
 *
 * The request and response serializers are deliberately small. pino-http's defaults copy every header
 * and re-parse the query string into each request's child logger, which on a cached API response costs
 * more than everything else the server does for it; the headers would also put credentials in the logs.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../lib/logger.js';

const REQUEST_ID_HEADER = 'x-request-id';
/** Accept a caller's request id only when it looks like one, so logs cannot be polluted through it. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** What a log line says about the request. */
export interface LoggedRequest {
  id: unknown;
  method: string | undefined;
  url: string | undefined;
  remoteAddress: string | undefined;
}

export function serializeRequest(
  req: IncomingMessage & { id?: unknown; originalUrl?: string },
): LoggedRequest {
  return {
    id: req.id,
    method: req.method,
    url: req.originalUrl ?? req.url,
    remoteAddress: req.socket.remoteAddress,
  };
}

export function serializeResponse(res: ServerResponse): { statusCode: number } {
  return { statusCode: res.statusCode };
}

export function createRequestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    serializers: { req: serializeRequest, res: serializeResponse },
    genReqId(req, res) {
      const incoming = req.headers[REQUEST_ID_HEADER];
      const id =
        typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // The event goes on the completion line only: as a binding it would repeat on every line the
    // request logger writes, clashing with those lines' own event.
    customSuccessObject: (_req, _res, value: Record<string, unknown>) => ({
      ...value,
      event: 'http.request',
    }),
    customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => ({
      ...value,
      event: 'http.request',
    }),
    customLogLevel(_req, res, error) {
      if (error || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    // Health probes arrive every few seconds; logging each one drowns everything else.
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
  });
}
