/**
 * Walks a source's history back to a date: a Telegram channel page by page (`?before=<id>`), a feed
 * through its archive links (RFC 5005 `prev-archive`) where it has them; a feed without archives yields
 * its current items only. Each page's items are stored like a poll's, the tallies of their days brought up
 * to date, and a checkpoint written in MongoDB, so a run that stops (Ctrl-C, a crash, a failing page) is
 * continued by the next run from the page after the last one finished.
 */
import { DateTime } from 'luxon';
import type { Logger } from '../logger.js';
import type { OutboundGuard } from '../outbound-guard.js';
import { BackfillCheckpoint } from '../../models/backfill-checkpoint.model.js';
import { Source } from '../../models/source.model.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { FeedItem } from './feed-item.js';
import { fetchFeed } from './fetch-feed.js';
import type { FetchLimits } from './fetch-feed.js';
import { parseFeed } from './parse-feed.js';
import { storeFeedItems } from './store-items.js';
import { settlePendingReports } from '../tallies/settle-pending-reports.js';
import type { TallySlotKey } from '../tallies/recompute-tallies.js';

export interface BackfillProgress {
  pages: number;
  items: number;
  itemsNew: number;
  tallies: number;
  /** Days from `since` to now, and how many of them the walk has covered. */
  daysTotal: number;
  daysCovered: number;
  oldestSeenAt: Date | null;
}

export interface BackfillOptions {
  sourceKey: string;
  /** Kyiv-local date, `yyyy-MM-dd`: items published before it are not stored and end the walk. */
  since: string;
  guard: OutboundGuard;
  limits: FetchLimits;
  logger: Logger;
  now: () => Date;
  zone: string;
  signal?: AbortSignal;
  /** Start again from the newest page instead of the checkpoint. */
  restart?: boolean;
  /** Stop after this many pages in this run (the checkpoint keeps the rest for the next run). */
  maxPages?: number;
  onProgress?: (progress: BackfillProgress) => void;
}

export interface BackfillOutcome extends BackfillProgress {
  done: boolean;
  resumedFrom: string | null;
  changed: TallySlotKey[];
}

function countDays(from: DateTime, to: DateTime): number {
  return Math.max(0, Math.ceil(to.diff(from, 'days').days));
}

export async function backfillSource(options: BackfillOptions): Promise<BackfillOutcome> {
  const sinceStart = DateTime.fromISO(options.since, { zone: options.zone }).startOf('day');
  if (!sinceStart.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) {
    throw new ValidationError(`--since must be a date such as 2025-01-31, not "${options.since}".`);
  }
  const source = await Source.findOne({ key: options.sourceKey }).lean();
  if (!source) throw new NotFoundError(`No source has the key "${options.sourceKey}".`);
  if (!source.url) throw new ValidationError(`The source "${source.key}" has no URL to fetch.`);

  const filter = { source: source.key, since: options.since };
  if (options.restart) await BackfillCheckpoint.deleteOne(filter);
  const checkpoint =
    (await BackfillCheckpoint.findOne(filter).lean()) ?? (await BackfillCheckpoint.create(filter)).toObject();
  const nowTime = DateTime.fromJSDate(options.now(), { zone: options.zone });
  const progress: BackfillProgress = {
    pages: checkpoint.pages,
    items: checkpoint.items,
    itemsNew: checkpoint.itemsNew,
    tallies: checkpoint.tallies,
    daysTotal: Math.max(1, countDays(sinceStart, nowTime)),
    daysCovered: checkpoint.oldestSeenAt
      ? countDays(DateTime.fromJSDate(checkpoint.oldestSeenAt, { zone: options.zone }), nowTime)
      : 0,
    oldestSeenAt: checkpoint.oldestSeenAt ?? null,
  };
  const resumedFrom = checkpoint.done ? null : (checkpoint.nextUrl ?? null);
  const changed: TallySlotKey[] = [];
  if (checkpoint.done) return { ...progress, done: true, resumedFrom, changed };

  let url: string | null = checkpoint.nextUrl ?? source.url;
  let pagesThisRun = 0;
  while (url !== null) {
    if (options.signal?.aborted) break;
    if (options.maxPages !== undefined && pagesThisRun >= options.maxPages) break;
    const fetched = await fetchFeed(
      options.guard,
      url,
      { etag: null, lastModified: null },
      options.limits,
      options.signal,
    );
    if (fetched.notModified) break;
    const parsed = await parseFeed(source.kind, fetched.text, fetched.url);
    const wanted: FeedItem[] = parsed.items.filter(
      (item) => item.publishedAt === null || item.publishedAt.getTime() >= sinceStart.toMillis(),
    );
    const stored = await storeFeedItems(
      { key: source.key, region: source.region ?? null, language: source.language },
      wanted,
      { now: options.now() },
    );
    const settled = await settlePendingReports({
      now: options.now(),
      reason: 'backfill',
      bumpedBy: 'backfill',
      logger: options.logger,
    });
    changed.push(...settled.changed);
    const dates = parsed.items.flatMap((item) => (item.publishedAt ? [item.publishedAt.getTime()] : []));
    const oldest = dates.length > 0 ? new Date(Math.min(...dates)) : null;
    if (oldest && (!progress.oldestSeenAt || oldest < progress.oldestSeenAt)) progress.oldestSeenAt = oldest;
    // Past the start date, or a page with nothing on it: the walk is over.
    const reachedSince = oldest !== null && oldest.getTime() < sinceStart.toMillis();
    const next = reachedSince || parsed.items.length === 0 ? null : parsed.olderPageUrl;
    progress.pages += 1;
    progress.items += wanted.length;
    progress.itemsNew += stored.itemsNew;
    progress.tallies += settled.talliesWritten;
    progress.daysCovered =
      next === null
        ? progress.daysTotal
        : progress.oldestSeenAt
          ? Math.min(
              progress.daysTotal,
              countDays(DateTime.fromJSDate(progress.oldestSeenAt, { zone: options.zone }), nowTime),
            )
          : progress.daysCovered;
    await BackfillCheckpoint.updateOne(filter, {
      $set: {
        nextUrl: next,
        pages: progress.pages,
        items: progress.items,
        itemsNew: progress.itemsNew,
        tallies: progress.tallies,
        oldestSeenAt: progress.oldestSeenAt,
        done: next === null,
      },
    });
    options.onProgress?.({ ...progress });
    pagesThisRun += 1;
    url = next;
  }
  return { ...progress, done: url === null, resumedFrom, changed };
}
