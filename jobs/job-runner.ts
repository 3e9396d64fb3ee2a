/**
 * Runs one job once under its lease: acquire, run while renewing the lease, release. The scheduler and the
 * command line both go through here, so a manual run never overlaps a scheduled one on another instance.
 */
import type { AppConfig } from '../lib/config.js';
import type { Logger } from '../lib/logger.js';
import { recordJobRun } from '../lib/metrics.js';
import type { Job, JobSummary } from './job.js';
import { acquireJobLock, releaseJobLock, renewJobLock } from './job-lock.js';
import type { JobLease } from './job-lock.js';

export type JobOutcome =
  | { job: string; status: 'finished'; summary: JobSummary; durationMs: number }
  | { job: string; status: 'skipped'; reason: 'lease-held' }
  | { job: string; status: 'failed'; error: unknown; durationMs: number };

export interface RunJobOptions {
  config: AppConfig;
  logger: Logger;
  /** This process's lease owner id (see createLockOwner). */
  owner: string;
  /** Aborted on shutdown; passed on to the job. */
  signal?: AbortSignal;
  now?: () => Date;
}

function startLeaseRenewal(lease: JobLease, leaseMs: number, logger: Logger, onLost: () => void): () => void {
  let current = lease;
  // Renew well before expiry so a slow renewal round trip never lets the lease lapse.
  const timer = setInterval(
    () => {
      renewJobLock(current, leaseMs)
        .then((renewed) => {
          if (renewed) {
            current = renewed;
            return;
          }
          logger.warn({ event: 'job.lease_lost', job: lease.job }, 'job lease lost; stopping the run');
          onLost();
        })
        .catch((error: unknown) => {
          logger.warn(
            { event: 'job.lease_renew_failed', job: lease.job, err: error },
            'could not renew job lease',
          );
        });
    },
    Math.max(250, Math.floor(leaseMs / 3)),
  );
  return () => clearInterval(timer);
}

export async function runJobWithLease(job: Job, options: RunJobOptions): Promise<JobOutcome> {
  const { config, owner } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger.child({ job: job.name });

  const lease = await acquireJobLock({ job: job.name, owner, leaseMs: config.JOB_LEASE_MS, now: now() });
  if (!lease) {
    logger.info({ event: 'job.skipped', reason: 'lease-held' }, 'another instance holds the lease');
    recordJobRun(job.name, 'skipped');
    return { job: job.name, status: 'skipped', reason: 'lease-held' };
  }

  const leaseLost = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, leaseLost.signal]) : leaseLost.signal;
  const stopRenewal = startLeaseRenewal(lease, config.JOB_LEASE_MS, logger, () => leaseLost.abort());
  const startedAt = Date.now();
  logger.info({ event: 'job.started' }, 'job started');
  try {
    const summary = await job.run({ config, logger, now, signal });
    const durationMs = Date.now() - startedAt;
    logger.info({ event: 'job.finished', summary, durationMs }, 'job finished');
    recordJobRun(job.name, 'finished', durationMs / 1000);
    return { job: job.name, status: 'finished', summary, durationMs };
  } catch (error) {
    const durationMs = Date.now() - startedAt;
    logger.error({ event: 'job.failed', err: error, durationMs }, 'job failed');
    recordJobRun(job.name, 'failed', durationMs / 1000);
    return { job: job.name, status: 'failed', error, durationMs };
  } finally {
    stopRenewal();
    await releaseJobLock(lease).catch((error: unknown) => {
      logger.warn({ event: 'job.lease_release_failed', err: error }, 'could not release job lease');
    });
  }
}
