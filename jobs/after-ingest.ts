/**
 * What runs after an ingest has rewritten tallies, inside the same job run: spike detection and alert
 * delivery hook in here, so that a spike ingested now is alerted now rather than at the next scheduled
 * detection. The ingest jobs (poll-sources, reextract, backfill) call it with the tallies they changed and
 * merge what it returns into their own summary.
 */
import type { TallyWindow } from '../models/tally.model.js';
import type { JobDeps, JobSummary } from './job.js';

/** One tally slot that an ingest wrote. */
export interface TallyKey {
  region: string;
  date: string;
  window: TallyWindow;
}

export async function afterIngest(changed: readonly TallyKey[], deps: JobDeps): Promise<JobSummary> {
  void deps;
  return Promise.resolve({ tallySlotsChanged: changed.length });
}
