/** `GET /api/v1/communities` (ranked over a period) and `GET /api/v1/communities/:code/tallies` (one community's days). */
import { Router } from 'express';
import { findCommunitySeries, rankCommunities } from './queries/communities.queries.js';
import { sendCachedJson } from './api-context.js';
import type { ApiContext } from './api-context.js';
import { parseParams, parseQuery } from './validate-request.js';

export function createCommunitiesRouter(context: ApiContext): Router {
  const router = Router();
  router.get('/communities', async (req, res) => {
    const query = parseQuery(context.schemas.communitiesQuery, req.query);
    const key = `communities|${query.region ?? ''}|${query.from}|${query.to}|${query.sort}|${query.limit}`;
    await sendCachedJson(req, res, context, key, () => rankCommunities(query));
  });
  router.get('/communities/:code/tallies', async (req, res) => {
    const { code } = parseParams(context.schemas.communityParams, req.params);
    const { from, to } = parseQuery(context.schemas.communityTalliesQuery, req.query);
    await sendCachedJson(req, res, context, `community|${code}|${from}|${to}`, () =>
      findCommunitySeries(code, from, to, context.config.REPORT_TIMEZONE),
    );
  });
  return router;
}
