/**
 * Polls the sources that are due, stores their new and edited items as reports, and brings the tallies of
 * every day those reports feed up to date; then hands the changed tally slots to afterIngest (spike
 * detection and alerts). Running it twice gives the same state: reports are upserted by (source, guid),
 * tallies recomputed from all their reports and written with $set.
 */
import type { AppConfig } from '../lib/config.js';
import { createOutboundGuard } from '../lib/outbound-guard.js';
import { pollDueSources } from '../lib/feeds/poll-due-sources.js';
import type { PollDeps } from '../lib/feeds/poll-source.js';
import { settlePendingReports } from '../lib/tallies/settle-pending-reports.js';
import { afterIngest } from './after-ingest.js';
import type { Job, JobDeps, JobSummary } from './job.js';

export interface PollSourcesDeps extends JobDeps {
  /** Options for tests and tools: a fixed jitter, a different extractor, only some sources. */
  random?: () => number;
  extraction?: PollDeps['extraction'];
  keys?: readonly string[];
  onOutcome?: PollDeps['onOutcome'];
}

/** The outbound guard and fetch limits every source fetch uses, from the scheduler or the backfill CLI. */
export function buildFetchSettings(config: AppConfig): Pick<PollDeps, 'guard' | 'limits'> {
  return {
    guard: createOutboundGuard({
      allowPrivate: config.ALLOW_PRIVATE_SOURCES,
      trustedOrigins: [config.RSS_BRIDGE_URL],
    }),
    limits: {
      timeoutMs: config.FETCH_TIMEOUT_MS,
      maxBytes: config.FETCH_MAX_BYTES,
      maxRedirects: config.FETCH_MAX_REDIRECTS,
      userAgent: config.FETCH_USER_AGENT,
    },
  };
}

export function buildPollDeps(deps: PollSourcesDeps): PollDeps {
  const { config } = deps;
  return {
    ...buildFetchSettings(config),
    backoff: { baseMs: config.POLL_BACKOFF_BASE_MS, maxMs: config.POLL_BACKOFF_MAX_MS },
    minIntervalMs: config.POLL_MIN_INTERVAL_MS,
    now: deps.now,
    logger: deps.logger,
    signal: deps.signal,
    ...(deps.extraction ? { extraction: deps.extraction } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.onOutcome ? { onOutcome: deps.onOutcome } : {}),
  };
}

export interface PollSourcesSummary extends JobSummary {
  sourcesPolled: number;
  notModified: number;
  itemsNew: number;
  itemsChanged: number;
  itemsUnchanged: number;
  duplicateGuids: number;
  talliesWritten: number;
  talliesDeleted: number;
  demoTalliesRemoved: number;
  errors: Array<{ source: string; code: string; error: string }>;
}

export async function pollSources(deps: PollSourcesDeps): Promise<PollSourcesSummary> {
  const results = await pollDueSources({
    ...buildPollDeps(deps),
    concurrency: deps.config.POLL_CONCURRENCY,
    ...(deps.keys ? { keys: deps.keys } : {}),
  });
  const summary: PollSourcesSummary = {
    sourcesPolled: results.length,
    notModified: 0,
    itemsNew: 0,
    itemsChanged: 0,
    itemsUnchanged: 0,
    duplicateGuids: 0,
    talliesWritten: 0,
    talliesDeleted: 0,
    demoTalliesRemoved: 0,
    errors: [],
  };
  for (const result of results) {
    if (result.outcome === 'failed')
      summary.errors.push({ source: result.source, code: result.code, error: result.error });
    else if (result.outcome === 'not_modified') summary.notModified += 1;
    else {
      summary.itemsNew += result.store.itemsNew;
      summary.itemsChanged += result.store.itemsChanged;
      summary.itemsUnchanged += result.store.itemsUnchanged;
      summary.duplicateGuids += result.store.duplicateGuids;
    }
  }
  const settled = await settlePendingReports({
    now: deps.now(),
    reason: 'new or edited reports',
    bumpedBy: 'poll-sources',
    logger: deps.logger,
  });
  summary.talliesWritten = settled.talliesWritten;
  summary.talliesDeleted = settled.talliesDeleted;
  summary.demoTalliesRemoved = settled.demoTalliesRemoved;
  const after = await afterIngest(settled.changed, deps);
  return { ...summary, ...after };
}

export const pollSourcesJob: Job = {
  name: 'poll-sources',
  schedule: (config) => config.POLL_SOURCES_SCHEDULE,
  run: (deps) => pollSources(deps),
};
