/**
 * Alert delivery on its own schedule: sends what a cooldown held back once it has run out, and retries
 * failed deliveries when their backoff is over. First attempts normally happen in the run that found the
 * alerts (detect-alerts, or the ingest through after-ingest.ts).
 */
import { deliverAlerts } from '../lib/alerts/deliver-alerts.js';
import { createWebhookGuard, createWebhookPoster } from '../lib/alerts/post-webhook.js';
import type { Job } from './job.js';

export const deliverAlertsJob: Job = {
  name: 'deliver-alerts',
  schedule: (config) => config.DELIVER_ALERTS_SCHEDULE,
  async run({ config, now, signal }) {
    const summary = await deliverAlerts({
      config,
      now: now(),
      post: createWebhookPoster(createWebhookGuard(config)),
      signal,
    });
    return { ...summary };
  },
};
