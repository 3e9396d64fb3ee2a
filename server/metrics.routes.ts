/** `GET /metrics`: the Prometheus registry in the text exposition format. */
import { Router } from 'express';
import { renderMetrics } from '../lib/metrics.js';

export function createMetricsRouter(): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await renderMetrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  });
  return router;
}
