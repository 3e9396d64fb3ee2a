/**
 * The cron scheduler: the only module that imports node-cron. It fires each job on its schedule, never runs
 * two copies of the same job in this process, and on stop() stops the cron tasks, then waits for runs in
 * flight to finish. Cross-instance exclusion is not its concern: each job's `run` goes through the lease
 * (jobs/job-runner.ts).
 */
import { createTask, validate } from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { Logger } from '../lib/logger.js';

/** Whether a cron expression (5 fields, or 6 with seconds first) is valid. */
export function isValidSchedule(expression: string): boolean {
  return validate(expression);
}

export interface ScheduledJob {
  name: string;
  schedule: string;
  run: (signal: AbortSignal) => Promise<unknown>;
}

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  /** IANA zone the cron expressions are read in. */
  timezone: string;
  logger: Logger;
}

export interface ScheduledJobStatus {
  name: string;
  schedule: string;
  running: boolean;
  nextRunAt: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
}

export interface SchedulerStatus {
  running: boolean;
  jobs: ScheduledJobStatus[];
}

export interface StopSchedulerOptions {
  /** After this long, in-flight runs are asked to stop through their AbortSignal (and still awaited). */
  abortAfterMs?: number;
}

export interface Scheduler {
  start(): void;
  stop(options?: StopSchedulerOptions): Promise<void>;
  /** Runs a job now, outside its schedule (same overlap rule). Resolves when that run ends. */
  trigger(name: string): Promise<void>;
  status(): SchedulerStatus;
}

interface JobEntry {
  job: ScheduledJob;
  task: ScheduledTask;
  inFlight: Promise<void> | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const logger = options.logger.child({ component: 'scheduler' });
  const abort = new AbortController();
  const entries = new Map<string, JobEntry>();
  let started = false;
  let stopping = false;

  function fire(entry: JobEntry): Promise<void> {
    if (stopping) return Promise.resolve();
    if (entry.inFlight) {
      logger.warn(
        { event: 'job.overlap', job: entry.job.name },
        'previous run still going; skipping this one',
      );
      return entry.inFlight;
    }
    entry.lastStartedAt = new Date();
    entry.inFlight = entry.job
      .run(abort.signal)
      .then(
        () => undefined,
        // Runs report their own failures; this only keeps a throwing run from becoming an unhandled rejection.
        (error: unknown) => {
          logger.error({ event: 'job.crashed', job: entry.job.name, err: error }, 'job run threw');
        },
      )
      .finally(() => {
        entry.inFlight = null;
        entry.lastFinishedAt = new Date();
      });
    return entry.inFlight;
  }

  for (const job of options.jobs) {
    if (entries.has(job.name)) throw new Error(`Two jobs are named "${job.name}".`);
    const entry: JobEntry = {
      job,
      task: createTask(job.schedule, () => fire(entry), { name: job.name, timezone: options.timezone }),
      inFlight: null,
      lastStartedAt: null,
      lastFinishedAt: null,
    };
    entries.set(job.name, entry);
  }

  return {
    start() {
      if (started || stopping) return;
      started = true;
      for (const entry of entries.values()) void entry.task.start();
      logger.info(
        {
          event: 'scheduler.started',
          jobs: [...entries.values()].map((e) => `${e.job.name} (${e.job.schedule})`),
        },
        'scheduler started',
      );
    },

    async stop(stopOptions = {}) {
      if (stopping) return;
      stopping = true;
      for (const entry of entries.values()) await Promise.resolve(entry.task.destroy());
      const inFlight = [...entries.values()].flatMap((entry) => (entry.inFlight ? [entry.inFlight] : []));
      if (inFlight.length > 0) {
        logger.info(
          { event: 'scheduler.draining', runs: inFlight.length },
          'waiting for running jobs to finish',
        );
      }
      const abortTimer =
        stopOptions.abortAfterMs === undefined
          ? null
          : setTimeout(() => abort.abort(), stopOptions.abortAfterMs);
      await Promise.all(inFlight);
      if (abortTimer) clearTimeout(abortTimer);
      started = false;
      logger.info({ event: 'scheduler.stopped' }, 'scheduler stopped');
    },

    trigger(name) {
      const entry = entries.get(name);
      if (!entry) return Promise.reject(new Error(`No job is named "${name}".`));
      return fire(entry);
    },

    status() {
      return {
        running: started && !stopping,
        jobs: [...entries.values()].map((entry) => ({
          name: entry.job.name,
          schedule: entry.job.schedule,
          running: entry.inFlight !== null,
          nextRunAt: started && !stopping ? entry.task.getNextRun() : null,
          lastStartedAt: entry.lastStartedAt,
          lastFinishedAt: entry.lastFinishedAt,
        })),
      };
    },
  };
}
