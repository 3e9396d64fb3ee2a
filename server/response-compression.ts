/**
 * Compression (the compression middleware) for responses rendered per request. It is mounted after the
 * routes that answer with prepared bodies, which come already compressed in the coding the client
 * accepts (see lib/content-coding.ts), so those pay nothing for it. It may be mounted at several points
 * of the app (inside the API router and at the app level); a response is wrapped at most once.
 */
import compression from 'compression';
import type { RequestHandler } from 'express';
import { isPreparedResponse } from './api-context.js';

const compress = compression({
  filter: (req, res) => !isPreparedResponse(res) && compression.filter(req, res),
});

export const compressResponses: RequestHandler = (req, res, next) => {
  const locals = res.locals as { compressionApplied?: boolean };
  if (locals.compressionApplied === true) {
    next();
    return;
  }
  locals.compressionApplied = true;
  compress(req, res, next);
};
