/**
 * Starts and stops the whole service in-process (see service-lifecycle.ts), with the HTTP app and the jobs
 * imported statically: what tests and other in-process callers use. main.ts starts the same lifecycle with
 * those modules loading alongside the database.
 */
import { allJobs } from '../jobs/registry.js';
import * as app from './app.js';
import { startServiceWith } from './service-lifecycle.js';
import type { RunningService, StartServiceOptions } from './service-lifecycle.js';

export type { RunningService, StartServiceOptions } from './service-lifecycle.js';

export function startService(options: StartServiceOptions): Promise<RunningService> {
  return startServiceWith(options, { app: Promise.resolve(app), loadJobs: () => Promise.resolve(allJobs) });
}
