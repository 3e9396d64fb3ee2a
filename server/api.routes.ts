/**
 * The public JSON API under /api/v1: CORS when configured, the per-IP rate limit, then one router per
 * resource: first those answered from the response cache, then compression, then the others.
 */
import cors from 'cors';
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { createWebhookGuard } from '../lib/alerts/post-webhook.js';
import { AppError } from '../lib/errors.js';
import { createAlertChannelsRouter } from './alert-channels.routes.js';
import { createAlertsRouter } from './alerts.routes.js';
import type { ApiContext } from './api-context.js';
import { createBriefingsRouter } from './briefings.routes.js';
import { createCommunitiesRouter } from './communities.routes.js';
import { createDaysRouter } from './days.routes.js';
import { createJobsRouter } from './jobs.routes.js';
import { createRegionsRouter } from './regions.routes.js';
import { createReportsRouter } from './reports.routes.js';
import { createSourcesRouter } from './sources.routes.js';
import { createTalliesRouter } from './tallies.routes.js';
import { compressResponses } from './response-compression.js';

export class RateLimitedError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', 429, message, { details: { retryAfterSeconds } });
  }
}

function createRateLimit(perMinute: number): RequestHandler | null {
  if (perMinute <= 0) return null;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(new RateLimitedError(`Too many requests: at most ${perMinute} a minute from one address.`, 60));
    },
  });
}

function createCors(origins: readonly string[] | undefined): RequestHandler | null {
  if (origins === undefined || origins.length === 0) return null;
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
    exposedHeaders: ['ETag', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
}

export function createApiRouter(context: ApiContext): Router {
  const router = Router();
  const corsHandler = createCors(context.config.CORS_ORIGINS);
  if (corsHandler) router.use(corsHandler);
  const limiter = createRateLimit(context.config.API_RATE_LIMIT_PER_MINUTE);
  if (limiter) router.use(limiter);
  // Routes answered from the response cache, busiest first; their bodies come prepared in every coding.
  router.use(createTalliesRouter(context));
  router.use(createRegionsRouter(context));
  router.use(createDaysRouter(context));
  router.use(createCommunitiesRouter(context));
  router.use(createBriefingsRouter(context));
  // Everything after this renders per request, so compress it.
  router.use(compressResponses);
  router.use(createReportsRouter(context));
  router.use(createSourcesRouter(context));
  router.use(createJobsRouter(context));
  router.use(createAlertsRouter({ adminApiKey: context.config.ADMIN_API_KEY }));
  router.use(
    createAlertChannelsRouter({
      adminApiKey: context.config.ADMIN_API_KEY,
      guard: createWebhookGuard(context.config),
    }),
  );
  return router;
}
