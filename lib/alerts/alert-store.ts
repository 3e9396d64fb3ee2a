/**
 * Writes detections as alerts, idempotently. The same detection found twice is one alert; a detection
 * whose figures changed (a later revision of the tally) updates its alert, keeps the earlier figures in
 * `revisions` and reopens it if it had been resolved; an alert of an evaluated day that detection no
 * longer finds is resolved, not deleted, so that what was sent stays explainable.
 */
import { Types } from 'mongoose';
import type { Detection } from '../../domain/alerts/types.js';
import { Alert } from '../../models/alert.model.js';
import type { AlertFields } from '../../models/alert.model.js';
import { Report } from '../../models/report.model.js';
import { batchDatesByRegion } from '../day-batches.js';

/** The kinds detection over a region's days produces (silent sources are judged apart). */
const DAY_KINDS = ['spike', 'sustained_rise', 'new_front'] as const;

export interface SaveOutcome {
  /** Ids of alerts inserted by this call. */
  created: Types.ObjectId[];
  updated: number;
  unchanged: number;
  resolved: number;
}

interface StoredReport {
  report: Types.ObjectId | null;
  source: string;
  url: string | null;
}

function keyOf(detection: Detection) {
  return {
    kind: detection.kind,
    region: detection.region,
    community: detection.community,
    source: detection.source,
    metric: detection.metric,
    date: detection.date,
  };
}

async function resolveReports(detections: readonly Detection[]): Promise<Map<string, string | null>> {
  const ids = new Set<string>();
  for (const detection of detections) {
    for (const report of detection.reports)
      if (report.id && Types.ObjectId.isValid(report.id)) ids.add(report.id);
  }
  if (ids.size === 0) return new Map();
  const reports = await Report.find({ _id: { $in: [...ids] } }, { url: 1 }).lean();
  return new Map(reports.map((report) => [String(report._id), report.url ?? null]));
}

function storedReports(detection: Detection, urls: Map<string, string | null>): StoredReport[] {
  const seen = new Set<string>();
  const reports: StoredReport[] = [];
  for (const report of detection.reports) {
    const key = `${report.id ?? ''}|${report.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const valid = report.id !== null && Types.ObjectId.isValid(report.id);
    reports.push({
      report: valid ? new Types.ObjectId(report.id ?? undefined) : null,
      source: report.source,
      url: valid ? (urls.get(report.id ?? '') ?? null) : null,
    });
  }
  return reports;
}

function sameFigures(existing: AlertFields, detection: Detection, reports: StoredReport[]): boolean {
  const sameNumber = (a: number | null | undefined, b: number | null) =>
    (a ?? null) === b || (a !== null && a !== undefined && b !== null && Math.abs(a - b) < 1e-9);
  return (
    sameNumber(existing.value, detection.value) &&
    sameNumber(existing.baseline, detection.baseline) &&
    sameNumber(existing.spread, detection.spread) &&
    sameNumber(existing.threshold, detection.threshold) &&
    existing.method === detection.method &&
    existing.explanation === detection.explanation &&
    JSON.stringify(existing.reports.map((report) => [String(report.report), report.source])) ===
      JSON.stringify(reports.map((report) => [String(report.report), report.source]))
  );
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Upserts the detections. `evaluated` lists the (region, date) pairs detection looked at: their alerts of
 * the day kinds that are not among the detections are resolved.
 */
export async function saveDetections(
  detections: readonly Detection[],
  evaluated: ReadonlyArray<{ region: string; date: string }>,
  now: Date,
): Promise<SaveOutcome> {
  const outcome: SaveOutcome = { created: [], updated: 0, unchanged: 0, resolved: 0 };
  const urls = await resolveReports(detections);
  const found = new Set<string>();

  for (const detection of detections) {
    const key = keyOf(detection);
    found.add(JSON.stringify(key));
    const reports = storedReports(detection, urls);
    const figures = {
      value: detection.value,
      baseline: detection.baseline,
      spread: detection.spread,
      threshold: detection.threshold,
      method: detection.method,
      explanation: detection.explanation,
      reports,
    };
    let existing = await Alert.findOne(key).lean<AlertFields & { _id: Types.ObjectId }>();
    if (!existing) {
      try {
        const created = await Alert.create({ ...key, ...figures, status: 'open' });
        outcome.created.push(created._id);
        continue;
      } catch (error) {
        // Another run inserted it between the read and the write: update that one instead.
        if (!isDuplicateKey(error)) throw error;
        existing = await Alert.findOne(key).lean<AlertFields & { _id: Types.ObjectId }>();
        if (!existing) throw error;
      }
    }
    if (sameFigures(existing, detection, reports)) {
      outcome.unchanged++;
      continue;
    }
    await Alert.updateOne(
      { _id: existing._id },
      {
        $set: { ...figures, ...(existing.status === 'resolved' ? { status: 'open' } : {}) },
        $inc: { revision: 1 },
        $push: {
          revisions: {
            revisedAt: now,
            value: existing.value ?? null,
            baseline: existing.baseline ?? null,
            threshold: existing.threshold ?? null,
            explanation: existing.explanation,
            reason: 'the tally behind the alert was revised',
          },
        },
      },
    );
    outcome.updated++;
  }

  for (const alert of await findOpenDayAlerts(evaluated)) {
    const key = JSON.stringify({
      kind: alert.kind,
      region: alert.region,
      community: alert.community,
      source: alert.source,
      metric: alert.metric,
      date: alert.date,
    });
    if (found.has(key)) continue;
    await Alert.updateOne(
      { _id: alert._id },
      {
        $set: { status: 'resolved' },
        $inc: { revision: 1 },
        $push: {
          revisions: {
            revisedAt: now,
            value: alert.value ?? null,
            baseline: alert.baseline ?? null,
            threshold: alert.threshold ?? null,
            explanation: alert.explanation,
            reason: 'no longer detected after the tally was revised',
          },
        },
      },
    );
    outcome.resolved++;
  }
  return outcome;
}

/** The open or acknowledged day-level alerts of the evaluated days, a region and a chunk of days per query. */
async function findOpenDayAlerts(evaluated: ReadonlyArray<{ region: string; date: string }>) {
  const alerts = [];
  for (const { region, dates } of batchDatesByRegion(evaluated)) {
    const found = await Alert.find(
      {
        region,
        date: { $in: dates },
        kind: { $in: DAY_KINDS },
        status: { $ne: 'resolved' },
      },
      {
        kind: 1,
        region: 1,
        community: 1,
        source: 1,
        metric: 1,
        date: 1,
        value: 1,
        baseline: 1,
        threshold: 1,
        explanation: 1,
      },
    ).lean();
    alerts.push(...found);
  }
  return alerts;
}

/** Resolves silent-source alerts for days whose summary has now arrived. */
export async function resolveArrivedSilences(
  region: string,
  dates: readonly string[],
  now: Date,
): Promise<number> {
  if (dates.length === 0) return 0;
  const result = await Alert.updateMany(
    { kind: 'silent_source', region, date: { $in: [...dates] }, status: { $ne: 'resolved' } },
    {
      $set: { status: 'resolved' },
      $inc: { revision: 1 },
      $push: {
        revisions: {
          revisedAt: now,
          explanation: 'The summary was missing.',
          reason: 'the summary arrived',
        },
      },
    },
  );
  return result.modifiedCount;
}
