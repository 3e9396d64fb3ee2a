/**
 * Builds the Express app without listening, so tests can drive it with supertest and main.ts can decide
 * where it listens. Order matters: security headers, request metrics and request logging first, then
 * compression and body parsing (whose errors become JSON 400/413), then routes, then the JSON 404, then
 * the one error handler.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import compression from 'compression';
import { parseConfig } from '../lib/config.js';
import type { AppConfig } from '../lib/config.js';
import type { Logger } from '../lib/logger.js';
import { createApiContext } from './api-context.js';
import type { ApiContext } from './api-context.js';
import { createApiRouter } from './api.routes.js';
import { createDashboardRouter } from './dashboard.routes.js';
import { createDocsRouter } from './docs.routes.js';
import { createMetricsRouter } from './metrics.routes.js';
import { recordRequestMetrics } from './request-metrics.js';
import { errorHandler, notFoundHandler } from './error-handlers.js';
import { createHealthRouter } from './health.routes.js';
import type { ReadinessReport } from './readiness.js';

export interface AppDeps {
  logger: Logger;
  /** Largest JSON body accepted (`100kb`); larger ones get a JSON 413. */
  jsonBodyLimit: string;
  checkReadiness: () => Promise<ReadinessReport>;
  /** The validated config; the schema's defaults when left out (tests of the bare app). */
  config?: AppConfig;
  /** Shared API state (cache, schemas); built from `config` when left out. */
  apiContext?: ApiContext;
}

const REQUEST_ID_HEADER = 'x-request-id';
/** Accept a caller's request id only when it looks like one, so logs cannot be polluted through it. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function buildApp(deps: AppDeps): Express {
  const config = deps.config ?? parseConfig({});
  const apiContext = deps.apiContext ?? createApiContext(config, deps.logger);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.TRUST_PROXY_HOPS);

  app.use(helmet());
  app.use(recordRequestMetrics);
  app.use(
    pinoHttp({
      logger: deps.logger,
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
    }),
  );
  app.use(compression());
  app.use(express.json({ limit: deps.jsonBodyLimit }));

  app.use(createHealthRouter(deps.checkReadiness));
  app.use('/api/v1', createApiRouter(apiContext));
  app.use(createDocsRouter(apiContext));
  app.use(createMetricsRouter());
  app.use(createDashboardRouter());

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
