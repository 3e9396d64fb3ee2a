/**
 * Scheduled spike detection: evaluates the last days of every region and checks for silent sources,
 * then delivers what it found in the same run. Detection also runs after every ingest (after-ingest.ts);
 * this catches what an ingest did not trigger, such as a silence, which no ingest announces.
 */
import { deliverAlerts, syncConfigChannels } from '../lib/alerts/deliver-alerts.js';
import { createWebhookGuard, createWebhookPoster } from '../lib/alerts/post-webhook.js';
import { runDetectionPass } from '../lib/alerts/run-detection.js';
import type { Job } from './job.js';

export const detectAlertsJob: Job = {
  name: 'detect-alerts',
  schedule: (config) => config.DETECT_ALERTS_SCHEDULE,
  async run({ config, now, signal }) {
    // Channels first, so that a channel configured now receives the alerts this run finds.
    await syncConfigChannels(config);
    const detection = await runDetectionPass({
      config,
      now: now(),
      checkSilence: true,
      writer: 'detect-alerts',
    });
    const delivery = await deliverAlerts({
      config,
      now: now(),
      post: createWebhookPoster(createWebhookGuard(config)),
      signal,
    });
    return {
      evaluated: detection.evaluated,
      detections: detection.detections,
      alertsCreated: detection.created.length,
      alertsUpdated: detection.updated,
      alertsResolved: detection.resolved,
      silences: detection.silences,
      ...delivery,
    };
  },
};
