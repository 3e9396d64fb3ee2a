/**
 * Brings the tallies of some (region, date) days up to date: reads every report whose current extraction
 * feeds the day (a chunk of days per query, not a round trip per day), reconciles them
 * (domain/reconciliation) and writes each window's tally and the derived `total` with `$set` in one bulk
 * write. Nothing is incremented, so recomputing twice gives the same documents; a tally whose content did
 * not change is not written at all. When a tally's figures change, the figures it had are pushed onto its
 * `revisions` with the reason.
 */
import { Types } from 'mongoose';
import type { AnyBulkWriteOperation } from 'mongoose';
import type { ExtractedReport } from '../../domain/extraction/types.js';
import { reconcileDay } from '../../domain/reconciliation/reconcile-day.js';
import type { ReconciledTally, ReportFigures } from '../../domain/reconciliation/types.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';
import type { TallyFields, TallyWindow } from '../../models/tally.model.js';
import { batchDatesByRegion, chunk } from '../day-batches.js';
import { isReportWindow } from '../feeds/extract-item.js';
import type { ExtractionRecord } from '../feeds/extract-item.js';

export interface DayKey {
  region: string;
  date: string;
}

export interface TallySlotKey extends DayKey {
  window: TallyWindow;
}

export interface RecomputeOutcome {
  /** Slots whose tally was created, changed or deleted. */
  changed: TallySlotKey[];
  talliesWritten: number;
  talliesDeleted: number;
}

interface StoredReport {
  _id: Types.ObjectId;
  source: string;
  text: string;
  title?: string | null;
  publishedAt: Date;
  contentHash: string;
  textHash?: string | null;
  extractions: unknown[];
}

/** The extraction that describes the report's current text, preferring the newest. */
export function pickCurrentExtraction(report: {
  contentHash: string;
  extractions: readonly unknown[];
}): ExtractionRecord | null {
  const extractions = report.extractions as ExtractionRecord[];
  for (let index = extractions.length - 1; index >= 0; index--) {
    const extraction = extractions[index];
    if (extraction && (extraction.contentHash === report.contentHash || !extraction.contentHash))
      return extraction;
  }
  return null;
}

function toFigures(
  report: StoredReport,
  extracted: ExtractedReport,
  official: boolean,
): ReportFigures | null {
  if (!isReportWindow(extracted.window.kind)) return null;
  return {
    reportId: report._id.toHexString(),
    source: report.source,
    official,
    publishedAt: report.publishedAt,
    isCorrection: extracted.isCorrection,
    window: extracted.window.kind,
    metrics: extracted.metrics,
    perCommunity: extracted.perCommunity,
    weapons: extracted.weapons,
    extractorVersion: extracted.extractorVersion,
    text: report.text,
    title: report.title ?? null,
    textHash: report.textHash ?? report.contentHash,
  };
}

function toObjectId(id: string): Types.ObjectId | null {
  return Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null;
}

/** The stored form of a reconciled tally (without bookkeeping fields). */
function toTallyFields(key: DayKey, tally: ReconciledTally) {
  return {
    region: key.region,
    date: key.date,
    window: tally.window,
    metrics: tally.metrics,
    perCommunity: tally.perCommunity,
    weapons: tally.weapons,
    contributions: tally.contributions.map((c) => ({ ...c, report: toObjectId(c.report) })),
    disagreements: tally.disagreements.map((d) => ({
      ...d,
      values: d.values.map((v) => ({ ...v, report: toObjectId(v.report) })),
    })),
    demo: false,
    notice: null,
  };
}

/** A JSON form with sorted keys and ObjectIds as strings, to compare stored and computed tallies. */
function canonicalise(value: unknown): unknown {
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonicalise);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonicalise(v)]));
  }
  return value;
}

const COMPARED_FIELDS = [
  'metrics',
  'perCommunity',
  'weapons',
  'contributions',
  'disagreements',
  'demo',
] as const;

function sameContent(stored: Partial<TallyFields>, next: ReturnType<typeof toTallyFields>): boolean {
  return COMPARED_FIELDS.every(
    (field) =>
      JSON.stringify(canonicalise(stored[field] ?? null)) === JSON.stringify(canonicalise(next[field])),
  );
}

async function loadOfficialSources(): Promise<Map<string, boolean>> {
  const sources = await Source.find({}, { key: 1, official: 1 }).lean();
  return new Map(sources.map((source) => [source.key, source.official]));
}

const dayKey = (day: DayKey) => `${day.region}|${day.date}`;

/** Every report that feeds one of the days, read a chunk of days per query and grouped by day. */
async function loadReportsByDay(days: readonly DayKey[]): Promise<Map<string, StoredReport[]>> {
  const byDay = new Map<string, StoredReport[]>(days.map((day) => [dayKey(day), []]));
  for (const keys of chunk([...byDay.keys()])) {
    const reports = await Report.find(
      { days: { $in: keys } },
      { source: 1, text: 1, title: 1, publishedAt: 1, contentHash: 1, textHash: 1, extractions: 1, days: 1 },
    ).lean<Array<StoredReport & { days: string[] }>>();
    for (const report of reports) {
      for (const key of report.days) byDay.get(key)?.push(report);
    }
  }
  return byDay;
}

type StoredTally = TallyFields & { _id: Types.ObjectId };

/** The stored tallies of the days, every window, grouped by day: one query per region and chunk of days. */
async function loadTalliesByDay(
  days: readonly DayKey[],
): Promise<Map<string, Map<TallyWindow, StoredTally>>> {
  const byDay = new Map<string, Map<TallyWindow, StoredTally>>();
  for (const { region, dates } of batchDatesByRegion(days)) {
    const tallies = await Tally.find({ region, date: { $in: dates } }).lean<StoredTally[]>();
    for (const tally of tallies) {
      const key = dayKey(tally);
      const windows = byDay.get(key) ?? new Map<TallyWindow, StoredTally>();
      windows.set(tally.window, tally);
      byDay.set(key, windows);
    }
  }
  return byDay;
}

/** Reads the reports of the given days and reconciles them, without writing. */
export async function reconcileDays(days: readonly DayKey[]): Promise<Map<string, ReconciledTally[]>> {
  const official = await loadOfficialSources();
  const reportsByDay = await loadReportsByDay(days);
  const result = new Map<string, ReconciledTally[]>();
  for (const day of days) {
    const figures: ReportFigures[] = [];
    for (const report of reportsByDay.get(dayKey(day)) ?? []) {
      const extraction = pickCurrentExtraction(report);
      for (const extracted of extraction?.reports ?? []) {
        if (extracted.region !== day.region || extracted.date !== day.date) continue;
        const entry = toFigures(report, extracted, official.get(report.source) ?? false);
        if (entry) figures.push(entry);
      }
    }
    result.set(dayKey(day), reconcileDay(figures));
  }
  return result;
}

export async function recomputeTallies(
  days: readonly DayKey[],
  options: { now: Date; reason: string },
): Promise<RecomputeOutcome> {
  const outcome: RecomputeOutcome = { changed: [], talliesWritten: 0, talliesDeleted: 0 };
  const unique = [...new Map(days.map((day) => [dayKey(day), day])).values()];
  if (unique.length === 0) return outcome;
  const reconciled = await reconcileDays(unique);
  const storedByDay = await loadTalliesByDay(unique);
  const operations: AnyBulkWriteOperation<TallyFields>[] = [];

  for (const day of unique) {
    const tallies = reconciled.get(dayKey(day)) ?? [];
    const stored = storedByDay.get(dayKey(day)) ?? new Map<TallyWindow, StoredTally>();
    for (const tally of tallies) {
      const fields = toTallyFields(day, tally);
      const previous = stored.get(tally.window);
      stored.delete(tally.window);
      if (previous && sameContent(previous, fields)) continue;
      const metricsChanged =
        previous !== undefined &&
        !previous.demo &&
        JSON.stringify(canonicalise(previous.metrics)) !== JSON.stringify(canonicalise(fields.metrics));
      operations.push({
        updateOne: {
          filter: { region: day.region, date: day.date, window: tally.window },
          update: {
            $set: fields,
            ...(metricsChanged
              ? {
                  $push: {
                    revisions: { revisedAt: options.now, previous: previous.metrics, reason: options.reason },
                  },
                }
              : {}),
          },
          upsert: true,
        },
      });
      outcome.changed.push({ region: day.region, date: day.date, window: tally.window });
    }
    // Windows no report feeds any more (an edit moved the report to another day or window).
    for (const [window, tally] of stored) {
      if (tally.demo) continue;
      operations.push({ deleteOne: { filter: { _id: tally._id } } });
      outcome.changed.push({ region: day.region, date: day.date, window });
      outcome.talliesDeleted += 1;
    }
  }
  if (operations.length > 0) await Tally.bulkWrite(operations, { ordered: false });
  outcome.talliesWritten = outcome.changed.length - outcome.talliesDeleted;
  return outcome;
}
