/**
 * The shape of a job. A job is a plain function of its dependencies that returns a summary to log (as in
 * Ghost). The same job runs from the scheduler and once from the command line (`npm run job -- <name>`).
 */
import type { AppConfig } from '../lib/config.js';
import type { Logger } from '../lib/logger.js';

export interface JobDeps {
  config: AppConfig;
  logger: Logger;
  /** The clock, so tests can fix the time. */
  now: () => Date;
  /** Aborted when the process shuts down or the lease is lost: stop at the next safe point. */
  signal: AbortSignal;
}

/** What a run did, logged as the `summary` of the `job.finished` event. */
export type JobSummary = Record<string, unknown>;

export interface Job {
  /** kebab-case, unique; also the key of its lease in the job_locks collection. */
  name: string;
  /** The cron expression, read from its config variable so deployments can change it. */
  schedule: (config: AppConfig) => string;
  run: (deps: JobDeps) => Promise<JobSummary>;
}
