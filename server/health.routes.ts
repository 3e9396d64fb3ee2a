/**
 * Liveness and readiness. /healthz answers as long as the process serves HTTP; /readyz answers 503 when
 * the database does not, so a load balancer stops sending traffic to this instance.
 */
import { Router } from 'express';
import type { ReadinessReport } from './readiness.js';

export function createHealthRouter(checkReadiness: () => Promise<ReadinessReport>): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });

  router.get('/readyz', async (_req, res) => {
    const report = await checkReadiness();
    if (report.ready) {
      res.json({ status: 'ready', ...report });
      return;
    }
    res.status(503).json({
      status: 'unavailable',
      error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is not answering.' },
      ...report,
    });
  });

  return router;
}
