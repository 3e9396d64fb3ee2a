/** Every model, so that start-up can create their indexes and tests can clear their collections. */
import { AlertChannel } from './alert-channel.model.js';
import { AlertDelivery } from './alert-delivery.model.js';
import { Alert } from './alert.model.js';
import { BackfillCheckpoint } from './backfill-checkpoint.model.js';
import { DataVersion } from './data-version.model.js';
import { JobLock } from './job-lock.model.js';
import { Report } from './report.model.js';
import { Source } from './source.model.js';
import { Tally } from './tally.model.js';

export const allModels = [
  Source,
  Report,
  Tally,
  Alert,
  AlertChannel,
  AlertDelivery,
  JobLock,
  DataVersion,
  BackfillCheckpoint,
] as const;

/** Creates each collection and its declared indexes (idempotent), the collections side by side. */
export async function ensureIndexes(): Promise<void> {
  await Promise.all(
    allModels.map(async (model) => {
      await model.init();
      await model.createIndexes();
    }),
  );
}
