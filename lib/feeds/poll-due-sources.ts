/**
 * One poll: every enabled source whose `nextAttemptAt` is due is fetched, at most `concurrency` at a time.
 * Each source's failure stays its own (pollSource never throws), and the fetch deadline bounds how long a
 * hanging source holds its slot, so one broken source neither stops nor noticeably slows the others.
 */
import pLimit from 'p-limit';
import { Source } from '../../models/source.model.js';
import { pollSource } from './poll-source.js';
import type { PollDeps, PollableSource, SourcePollResult } from './poll-source.js';

export async function findDueSources(now: Date, keys?: readonly string[]): Promise<PollableSource[]> {
  const sources = await Source.find({
    enabled: true,
    url: { $ne: null },
    $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }],
    ...(keys ? { key: { $in: keys } } : {}),
  })
    .sort({ key: 1 })
    .lean();
  return sources.map((source) => ({
    key: source.key,
    url: source.url ?? null,
    kind: source.kind,
    region: source.region ?? null,
    language: source.language,
    etag: source.etag ?? null,
    lastModified: source.lastModified ?? null,
    consecutiveFailures: source.consecutiveFailures,
  }));
}

export async function pollDueSources(
  deps: PollDeps & { concurrency: number; keys?: readonly string[] },
): Promise<SourcePollResult[]> {
  const due = await findDueSources(deps.now(), deps.keys);
  const limit = pLimit(deps.concurrency);
  const results = await Promise.all(
    due.map((source) =>
      limit(async (): Promise<SourcePollResult | null> => {
        // On shutdown, sources not yet started wait for the next poll.
        if (deps.signal?.aborted) return null;
        return pollSource(source, deps);
      }),
    ),
  );
  return results.filter((result): result is SourcePollResult => result !== null);
}
