/** `GET /api/v1/sources` with each source's health; `POST /sources` and `PATCH /sources/:key` need the admin key. */
import { Router } from 'express';
import { requireAdmin } from './admin-auth.js';
import { createSource, listSources, updateSource } from './queries/sources.queries.js';
import type { ApiContext } from './api-context.js';
import { parseBody, parseParams, parseQuery } from './validate-request.js';

export function createSourcesRouter(context: ApiContext): Router {
  const router = Router();
  const admin = requireAdmin(context.config.ADMIN_API_KEY);
  router.get('/sources', async (req, res) => {
    parseQuery(context.schemas.sourcesQuery, req.query);
    res.setHeader('Cache-Control', 'no-cache');
    res.json(await listSources());
  });
  router.post('/sources', admin, async (req, res) => {
    const body = parseBody(context.schemas.sourceCreateBody, req.body);
    const source = await createSource(body);
    res.status(201).location(`/api/v1/sources/${source.key}`).json({ source });
  });
  router.patch('/sources/:key', admin, async (req, res) => {
    const { key } = parseParams(context.schemas.sourceParams, req.params);
    const changes = parseBody(context.schemas.sourceUpdateBody, req.body);
    res.json({ source: await updateSource(key, changes) });
  });
  return router;
}
