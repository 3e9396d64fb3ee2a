/**
 * What runs after an ingest has rewritten tallies, inside the same job run: spike detection over the
 * days the ingest changed, then alert delivery, so that a spike ingested now is alerted now rather than at
 * the next scheduled detection. The ingest jobs (poll-sources, reextract, backfill) call it with the
 * tallies they changed and merge what it returns into their own summary.
 */
import { deliverAlerts, syncConfigChannels } from '../lib/alerts/deliver-alerts.js';
import type { WebhookPoster } from '../lib/alerts/deliver-alerts.js';
import { createWebhookGuard, createWebhookPoster } from '../lib/alerts/post-webhook.js';
import { runDetectionPass } from '../lib/alerts/run-detection.js';
import type { TallyWindow } from '../models/tally.model.js';
import type { JobDeps, JobSummary } from './job.js';

/** One tally slot that an ingest wrote. */
export interface TallyKey {
  region: string;
  date: string;
  window: TallyWindow;
}

export interface AfterIngestOptions {
  /** The webhook poster; the guarded one built from config by default. */
  post?: WebhookPoster;
}

export async function afterIngest(
  changed: readonly TallyKey[],
  deps: JobDeps,
  options: AfterIngestOptions = {},
): Promise<JobSummary> {
  if (changed.length === 0) return { tallySlotsChanged: 0 };
  const { config, now, signal } = deps;
  // Any window's change can change the day's total, which is what detection reads.
  const slots = changed.map(({ region, date }) => ({ region, date }));
  // Channels first, so that a channel configured now receives the alerts this run finds.
  await syncConfigChannels(config);
  const detection = await runDetectionPass({ config, now: now(), slots, writer: 'after-ingest' });
  const delivery = await deliverAlerts({
    config,
    now: now(),
    post: options.post ?? createWebhookPoster(createWebhookGuard(config)),
    signal,
  });
  return {
    tallySlotsChanged: changed.length,
    alerts: {
      evaluated: detection.evaluated,
      created: detection.created.length,
      updated: detection.updated,
      resolved: detection.resolved,
      delivery,
    },
  };
}
