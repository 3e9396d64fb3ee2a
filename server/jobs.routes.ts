/**
 * `POST /api/v1/jobs/:name/run` (admin): runs a job now under its lease, waits for it and answers with its
 * summary. A run another instance (or the scheduler) holds the lease for answers 409 instead of waiting.
 */
import { Router } from 'express';
import { AppError, NotFoundError } from '../lib/errors.js';
import { runJobWithLease } from '../jobs/job-runner.js';
import { requireAdmin } from './admin-auth.js';
import type { ApiContext } from './api-context.js';
import { parseParams, parseQuery } from './validate-request.js';
import { z } from 'zod';

export class JobBusyError extends AppError {
  constructor(job: string) {
    super('JOB_BUSY', 409, `Job "${job}" is running already (its lease is held); try again when it ends.`, {
      details: { job },
    });
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createJobsRouter(context: ApiContext): Router {
  const router = Router();
  router.post('/jobs/:name/run', requireAdmin(context.config.ADMIN_API_KEY), async (req, res) => {
    const { name } = parseParams(context.schemas.jobParams, req.params);
    parseQuery(z.strictObject({}), req.query);
    const job = context.jobs.find((candidate) => candidate.name === name);
    if (job === undefined) {
      throw new NotFoundError(`No job named "${name}".`, {
        details: { jobs: context.jobs.map((candidate) => candidate.name) },
      });
    }
    const outcome = await runJobWithLease(job, {
      config: context.config,
      logger: context.logger,
      owner: context.lockOwner,
    });
    if (outcome.status === 'skipped') throw new JobBusyError(job.name);
    res.setHeader('Cache-Control', 'no-store');
    if (outcome.status === 'failed') {
      res.json({
        job: outcome.job,
        status: outcome.status,
        durationMs: outcome.durationMs,
        summary: null,
        error: describeError(outcome.error),
      });
      return;
    }
    res.json({
      job: outcome.job,
      status: outcome.status,
      durationMs: outcome.durationMs,
      summary: outcome.summary,
    });
  });
  return router;
}
