/** `GET /api/v1/tallies`: daily, weekly or monthly series for one or several regions. */
import { Router } from 'express';
import { findTallySeries } from './queries/tallies.queries.js';
import { sendCachedJson } from './api-context.js';
import type { ApiContext } from './api-context.js';
import { createQueryParser } from './validate-request.js';

export function createTalliesRouter(context: ApiContext): Router {
  const router = Router();
  // The dashboard repeats the same few queries, so each query string is validated once.
  const parseTalliesQuery = createQueryParser(context.schemas.talliesQuery);
  router.get('/tallies', async (req, res) => {
    const query = parseTalliesQuery(req);
    const key = `tallies|${query.region.join(',')}|${query.from}|${query.to}|${query.granularity}|${query.window}`;
    await sendCachedJson(req, res, context, key, () =>
      findTallySeries({ ...query, regions: query.region }, context.config.REPORT_TIMEZONE),
    );
  });
  return router;
}
