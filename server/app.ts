/**
 * Builds the Express app without listening, so tests can drive it with supertest and main.ts can decide
 * where it listens. Order matters: security headers, request metrics and request logging first, then
 * body parsing (whose errors become JSON 400/413), then the API, compression (for everything not
 * answered from the API's prepared bodies), the other routes, the JSON 404, and the one error handler.
 */
import express from 'express';
import type { Express } from 'express';
import helmet from 'helmet';
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
import { createRequestLogger } from './request-logger.js';
import { compressResponses } from './response-compression.js';
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

export function buildApp(deps: AppDeps): Express {
  const config = deps.config ?? parseConfig({});
  const apiContext = deps.apiContext ?? createApiContext(config, deps.logger);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.TRUST_PROXY_HOPS);

  app.use(helmet());
  app.use(recordRequestMetrics);
  app.use(createRequestLogger(deps.logger));
  app.use(express.json({ limit: deps.jsonBodyLimit }));

  // The API first: it carries nearly all the traffic, and its cached routes answer before compression
  // is mounted (their bodies are prepared in every coding). Health probes have exact paths of their own.
  app.use('/api/v1', createApiRouter(apiContext));
  app.use(compressResponses);
  app.use(createHealthRouter(deps.checkReadiness));
  app.use(createDocsRouter(apiContext));
  app.use(createMetricsRouter());
  app.use(createDashboardRouter());

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
