/**
 * Re-runs the extractor over stored reports that no extraction of the current EXTRACTOR_VERSION covers,
 * then recomputes the tallies of every day they feed or fed. The older extractions stay on each report
 * beside the new one, and a tally whose figures change records what they were in its `revisions`. This is
 * how a better extractor improves the history without fetching anything again.
 *
 * Idempotent and resumable: each report is updated in one write that adds the new extraction and marks
 * the report pending, and a report that already has the current version is not touched again.
 */
import type { Types } from 'mongoose';
import { EXTRACTOR_VERSION } from '../domain/extraction/extract-reports.js';
import { extractItem, listDays, listSlots } from '../lib/feeds/extract-item.js';
import type { ExtractionContext } from '../lib/feeds/extract-item.js';
import { settlePendingReports } from '../lib/tallies/settle-pending-reports.js';
import { Report } from '../models/report.model.js';
import { Source } from '../models/source.model.js';
import { afterIngest } from './after-ingest.js';
import type { Job, JobDeps, JobSummary } from './job.js';

const BATCH_SIZE = 200;

export interface ReextractDeps extends JobDeps {
  /** Another extractor and its version (tests; comparing a candidate extractor). */
  extraction?: Pick<ExtractionContext, 'extract' | 'extractorVersion'>;
}

export interface ReextractSummary extends JobSummary {
  extractorVersion: string;
  reportsReextracted: number;
  talliesWritten: number;
  talliesDeleted: number;
}

export async function reextractReports(deps: ReextractDeps): Promise<ReextractSummary> {
  const version = deps.extraction?.extractorVersion ?? EXTRACTOR_VERSION;
  const sources = new Map(
    (await Source.find({}, { key: 1, region: 1, language: 1 }).lean()).map((source) => [source.key, source]),
  );
  const stale = { 'extractions.extractorVersion': { $ne: version } };
  let reextracted = 0;
  let after: Types.ObjectId | null = null;
  for (;;) {
    if (deps.signal.aborted) break;
    const filter: Record<string, unknown> = after ? { ...stale, _id: { $gt: after } } : stale;
    const batch = await Report.find(filter, {
      source: 1,
      text: 1,
      title: 1,
      publishedAt: 1,
      contentHash: 1,
      slots: 1,
    })
      .sort({ _id: 1 })
      .limit(BATCH_SIZE)
      .lean();
    if (batch.length === 0) break;
    const last: Types.ObjectId | undefined = batch.at(-1)?._id;
    after = last ?? null;
    const now = deps.now();
    const operations = batch.map((report) => {
      const source = sources.get(report.source);
      const extraction = extractItem(
        {
          text: report.text,
          title: report.title ?? null,
          publishedAt: report.publishedAt,
          contentHash: report.contentHash,
        },
        {
          sourceRegion: source?.region ?? null,
          language: source?.language ?? null,
          now,
          ...(deps.extraction?.extract ? { extract: deps.extraction.extract } : {}),
          extractorVersion: version,
        },
      );
      const slots = listSlots(extraction.reports);
      return {
        updateOne: {
          filter: { _id: report._id, ...stale },
          update: {
            $push: { extractions: extraction },
            $set: { slots, days: listDays(slots), staleSlots: report.slots, pendingTally: true },
          },
        },
      };
    });
    const result = await Report.bulkWrite(operations, { ordered: false });
    reextracted += result.modifiedCount;
    deps.logger.info(
      { event: 'reextract.batch', reports: result.modifiedCount, version },
      're-extracted a batch',
    );
  }
  const settled = await settlePendingReports({
    now: deps.now(),
    reason: `re-extracted with extractor ${version}`,
    bumpedBy: 'reextract',
    logger: deps.logger,
  });
  const summary: ReextractSummary = {
    extractorVersion: version,
    reportsReextracted: reextracted,
    talliesWritten: settled.talliesWritten,
    talliesDeleted: settled.talliesDeleted,
  };
  return { ...summary, ...(await afterIngest(settled.changed, deps)) };
}

export const reextractJob: Job = {
  name: 'reextract',
  schedule: (config) => config.REEXTRACT_SCHEDULE,
  run: (deps) => reextractReports(deps),
};
