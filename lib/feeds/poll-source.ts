/**
 * The handler for one source: fetch (conditional) -> parse -> store, then record the outcome on the
 * source itself (as Miniflux does): validators and success time, or the error, the failure count and the
 * time of the next attempt, backed off exponentially with jitter. It never throws: a broken source is a
 * result, so the others in the same poll carry on.
 *
 * The validators are saved only after the items are stored. A poll killed in between fetches the same
 * content again next time instead of getting a 304 for items it never stored.
 */
import type { Language } from '../../domain/extraction/types.js';
import type { Logger } from '../logger.js';
import { recordSourceFetch } from '../metrics.js';
import type { SourceFetchOutcome } from '../metrics.js';
import type { OutboundGuard } from '../outbound-guard.js';
import { Source } from '../../models/source.model.js';
import { computeBackoffMs } from './compute-backoff.js';
import type { BackoffPolicy } from './compute-backoff.js';
import { fetchFeed } from './fetch-feed.js';
import type { FetchLimits } from './fetch-feed.js';
import { parseFeed } from './parse-feed.js';
import type { FeedKind } from './parse-feed.js';
import type { ExtractionContext } from './extract-item.js';
import { storeFeedItems } from './store-items.js';
import type { StoreOutcome } from './store-items.js';

export interface PollableSource {
  key: string;
  url: string | null;
  kind: FeedKind;
  region: string | null;
  language: Language | null;
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
}

export interface PollDeps {
  guard: OutboundGuard;
  limits: FetchLimits;
  backoff: BackoffPolicy;
  /** After a success, the source is not due again before this long. */
  minIntervalMs: number;
  now: () => Date;
  logger: Logger;
  signal?: AbortSignal;
  extraction?: Partial<ExtractionContext>;
  /** Called with every fetch outcome, for metrics. */
  onOutcome?: (source: string, outcome: SourcePollResult['outcome'], durationMs: number) => void;
  random?: () => number;
}

export type SourcePollResult =
  | { source: string; outcome: 'ok'; store: StoreOutcome; items: number }
  | { source: string; outcome: 'not_modified' }
  | { source: string; outcome: 'failed'; error: string; code: string; nextAttemptAt: Date };

function describeError(error: unknown): { message: string; code: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message, code: typeof code === 'string' ? code : error.name };
  }
  return { message: String(error), code: 'UNKNOWN' };
}

async function recordSuccess(
  source: PollableSource,
  now: Date,
  minIntervalMs: number,
  validators?: FetchedValidators,
): Promise<void> {
  await Source.updateOne(
    { key: source.key },
    {
      $set: {
        lastFetchedAt: now,
        lastSuccessAt: now,
        consecutiveFailures: 0,
        lastError: null,
        nextAttemptAt: new Date(now.getTime() + minIntervalMs),
        ...(validators ? { etag: validators.etag, lastModified: validators.lastModified } : {}),
      },
    },
  );
}

interface FetchedValidators {
  etag: string | null;
  lastModified: string | null;
}

/** The outcome label of the source_fetches_total metric. */
function toMetricOutcome(result: SourcePollResult): SourceFetchOutcome {
  if (result.outcome !== 'failed') return result.outcome;
  if (result.code === 'FETCH_TIMEOUT') return 'timeout';
  if (result.code === 'OUTBOUND_REFUSED') return 'refused';
  if (result.code === 'FEED_MALFORMED') return 'parse_error';
  return 'error';
}

export async function pollSource(source: PollableSource, deps: PollDeps): Promise<SourcePollResult> {
  const started = Date.now();
  const report = (result: SourcePollResult) => {
    recordSourceFetch(source.key, toMetricOutcome(result), deps.now());
    deps.onOutcome?.(source.key, result.outcome, Date.now() - started);
    return result;
  };
  try {
    if (!source.url) throw new Error('The source has no URL.');
    const fetched = await fetchFeed(
      deps.guard,
      source.url,
      { etag: source.etag, lastModified: source.lastModified },
      deps.limits,
      deps.signal,
    );
    if (fetched.notModified) {
      await recordSuccess(source, deps.now(), deps.minIntervalMs);
      return report({ source: source.key, outcome: 'not_modified' });
    }
    const parsed = await parseFeed(source.kind, fetched.text, fetched.url);
    const store = await storeFeedItems(source, parsed.items, {
      now: deps.now(),
      ...(deps.extraction ? { extraction: deps.extraction } : {}),
    });
    await recordSuccess(source, deps.now(), deps.minIntervalMs, fetched.validators);
    return report({ source: source.key, outcome: 'ok', store, items: parsed.items.length });
  } catch (error) {
    const { message, code } = describeError(error);
    const failures = source.consecutiveFailures + 1;
    const now = deps.now();
    const nextAttemptAt = new Date(now.getTime() + computeBackoffMs(failures, deps.backoff, deps.random?.()));
    deps.logger.warn(
      { event: 'source.fetch_failed', source: source.key, code, err: message, failures, nextAttemptAt },
      'source fetch failed',
    );
    try {
      await Source.updateOne(
        { key: source.key },
        { $set: { lastFetchedAt: now, lastError: message, consecutiveFailures: failures, nextAttemptAt } },
      );
    } catch (recordError) {
      deps.logger.error(
        { event: 'source.record_failed', source: source.key, err: recordError },
        'could not record the failure',
      );
    }
    return report({ source: source.key, outcome: 'failed', error: message, code, nextAttemptAt });
  }
}
