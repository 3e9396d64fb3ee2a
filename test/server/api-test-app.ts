/**
 * The real app (buildApp) as the API tests drive it: the admin key set, the rate limit off unless a test
 * asks for it, silent logs; plus a helper that writes `total` tallies as ingestion would.
 */
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { bumpDataVersion } from '../../models/data-version.model.js';
import { Tally } from '../../models/tally.model.js';
import type { TallyWindow } from '../../models/tally.model.js';
import type { Job } from '../../jobs/job.js';
import { createApiContext } from '../../server/api-context.js';
import { buildApp } from '../../server/app.js';
import type { ReadinessReport } from '../../server/readiness.js';

export const ADMIN_KEY = 'test-admin-key-0123456789';

export function buildTestApp(env: Record<string, string> = {}, options: { jobs?: readonly Job[] } = {}) {
  const config = parseConfig({
    ADMIN_API_KEY: ADMIN_KEY,
    API_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const logger = createLogger({ level: 'silent' });
  return buildApp({
    logger,
    apiContext: createApiContext(config, logger, options),
    jsonBodyLimit: config.JSON_BODY_LIMIT,
    checkReadiness: (): Promise<ReadinessReport> =>
      Promise.resolve({
        ready: true,
        database: { ok: true, mode: 'embedded', latencyMs: 0 },
        scheduler: { running: false, jobs: [] },
        sources: [],
      }),
    config,
  });
}

export type Figure = { value: number; qualifier?: string; term?: string } | null;

export interface TallyFixture {
  region: string;
  date: string;
  window?: string;
  metrics: Partial<Record<string, Figure>>;
  contributions?: Array<Record<string, unknown>>;
  perCommunity?: Array<Record<string, unknown>>;
  disagreements?: Array<Record<string, unknown>>;
}

/** Writes tallies (qualifier `exact` unless given) and bumps the data version, as an ingest does. */
export async function writeTallies(fixtures: readonly TallyFixture[]): Promise<void> {
  for (const fixture of fixtures) {
    const metrics = Object.fromEntries(
      Object.entries(fixture.metrics).map(([metric, figure]) => [
        metric,
        figure === null || figure === undefined
          ? null
          : { value: figure.value, qualifier: figure.qualifier ?? 'exact', term: figure.term ?? metric },
      ]),
    );
    await Tally.findOneAndUpdate(
      { region: fixture.region, date: fixture.date, window: (fixture.window ?? 'total') as TallyWindow },
      {
        $set: {
          metrics,
          contributions: fixture.contributions ?? [
            { report: null, source: 'fixture-source', extractorVersion: 'test-1', evidence: [] },
          ],
          perCommunity: fixture.perCommunity ?? [],
          disagreements: fixture.disagreements ?? [],
        },
      },
      { upsert: true, runValidators: true },
    );
  }
  await bumpDataVersion('test-fixture');
}

/** All seven metrics null, as the API writes a day with nothing reported. */
export const NULL_METRICS = {
  communities: null,
  settlements: null,
  attacks: null,
  explosions: null,
  projectiles: null,
  injured: null,
  killed: null,
};
