/** `GET /api/v1/reports`: fetched reports and their extraction results, newest first, cursor-paginated. */
import { Router } from 'express';
import { listReports } from './queries/reports.queries.js';
import type { ApiContext } from './api-context.js';
import { parseQuery } from './validate-request.js';

export function createReportsRouter(context: ApiContext): Router {
  const router = Router();
  router.get('/reports', async (req, res) => {
    const query = parseQuery(context.schemas.reportsQuery, req.query);
    // Reports change without a data-version bump (fetches, edits), so they are not cached in memory.
    res.setHeader('Cache-Control', 'no-cache');
    res.json(await listReports(query));
  });
  return router;
}
