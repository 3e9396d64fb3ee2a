/** `GET /api/v1/regions`: the regions with data, their names, metrics, latest date and last update. */
import { Router } from 'express';
import { listRegionSummaries } from './queries/regions.queries.js';
import { sendCachedJson } from './api-context.js';
import type { ApiContext } from './api-context.js';
import { parseQuery } from './validate-request.js';

export function createRegionsRouter(context: ApiContext): Router {
  const router = Router();
  router.get('/regions', async (req, res) => {
    parseQuery(context.schemas.regionsQuery, req.query);
    await sendCachedJson(req, res, context, 'regions', listRegionSummaries);
  });
  return router;
}
