/** Every job the service knows, by name: the scheduler runs them all and `npm run job -- <name>` picks one. */
import type { Job } from './job.js';
import { deliverAlertsJob } from './deliver-alerts.job.js';
import { detectAlertsJob } from './detect-alerts.job.js';
import { syncSourcesJob } from './sync-sources.job.js';

export const allJobs: readonly Job[] = [syncSourcesJob, detectAlertsJob, deliverAlertsJob];

export function findJob(name: string): Job | undefined {
  return allJobs.find((job) => job.name === name);
}
