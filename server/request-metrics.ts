/**
 * Counts every response and its latency in the Prometheus registry, labelled by the route pattern that
 * matched (never the raw URL, whose variety is unbounded).
 */
import type { RequestHandler } from 'express';
import { recordHttpRequest } from '../lib/metrics.js';

export const recordRequestMetrics: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const route = (req.route as { path?: unknown } | undefined)?.path;
    const label = typeof route === 'string' ? `${req.baseUrl}${route}` : '(unmatched)';
    recordHttpRequest(req.method, label, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
  });
  next();
};
