/** `GET /api/v1/regions/:region/days/:date`: one region's day in full, with the provenance of each number. */
import { Router } from 'express';
import { findDayView } from './queries/days.queries.js';
import { sendCachedJson } from './api-context.js';
import type { ApiContext } from './api-context.js';
import { parseParams, parseQuery } from './validate-request.js';

export function createDaysRouter(context: ApiContext): Router {
  const router = Router();
  router.get('/regions/:region/days/:date', async (req, res) => {
    const { region, date } = parseParams(context.schemas.dayParams, req.params);
    parseQuery(context.schemas.dayQuery, req.query);
    await sendCachedJson(req, res, context, `day|${region}|${date}`, () => findDayView(region, date));
  });
  return router;
}
