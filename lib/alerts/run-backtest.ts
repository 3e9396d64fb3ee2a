/**
 * Replays a region's history day by day and says which alerts detection would have raised, using only
 * what was known on each day: a tally counts from the moment its earliest report was published (or from
 * its own date when it has no report, as backfilled or demo data), and a revision made later is undone
 * from its `previous` figures. On each replayed day the detectors evaluate that day and the day before
 * (whose summary arrives that morning), and the silent-source check runs at ALERT_SILENT_SOURCE_BY.
 * Nothing is written.
 */
import { DateTime } from 'luxon';
import type { Types } from 'mongoose';
import { addDays, listDates } from '../../domain/alerts/calendar.js';
import { computeLookbackDays, detectRegionAlerts } from '../../domain/alerts/detect-region-alerts.js';
import { detectSilentSource } from '../../domain/alerts/detect-silent-source.js';
import type { AlertThresholds } from '../../domain/alerts/thresholds.js';
import type { Detection, DetectionKind } from '../../domain/alerts/types.js';
import { DETECTION_KINDS } from '../../domain/alerts/types.js';
import { Report } from '../../models/report.model.js';
import { Tally } from '../../models/tally.model.js';
import type { TallyFields } from '../../models/tally.model.js';
import { toRegionDay } from './load-region-days.js';

export interface BacktestOptions {
  region: string;
  from: string;
  to: string;
  thresholds: Readonly<AlertThresholds>;
  zone: string;
  usualSource?: string | null;
}

export interface BacktestAlert extends Detection {
  /** The replayed day on which the alert would first have been raised. */
  raisedOn: string;
}

export interface BacktestResult {
  alerts: BacktestAlert[];
  counts: Record<DetectionKind, number>;
  daysReplayed: number;
}

type LeanTally = Pick<
  TallyFields,
  'date' | 'window' | 'metrics' | 'perCommunity' | 'contributions' | 'revisions'
>;

interface KnownTally {
  tally: LeanTally;
  /** When the tally became known; null for tallies without reports, known from their own date on. */
  knownSince: Date | null;
}

function keyOf(detection: Detection): string {
  return [
    detection.kind,
    detection.region,
    detection.community,
    detection.source,
    detection.metric,
    detection.date,
  ].join('|');
}

async function loadKnownTallies(region: string, from: string, to: string): Promise<KnownTally[]> {
  const tallies = await Tally.find(
    { region, date: { $gte: from, $lte: to } },
    { date: 1, window: 1, metrics: 1, perCommunity: 1, contributions: 1, revisions: 1 },
  )
    .sort({ date: 1 })
    .lean<LeanTally[]>();
  const reportIds = new Set<string>();
  for (const tally of tallies) {
    for (const contribution of tally.contributions)
      if (contribution.report) reportIds.add(String(contribution.report));
  }
  const published = new Map<string, Date>();
  if (reportIds.size > 0) {
    const reports = await Report.find({ _id: { $in: [...reportIds] } }, { publishedAt: 1 }).lean<
      Array<{ _id: Types.ObjectId; publishedAt: Date }>
    >();
    for (const report of reports) published.set(String(report._id), report.publishedAt);
  }
  return tallies.map((tally) => {
    const times = tally.contributions.flatMap((contribution) => {
      const at = contribution.report ? published.get(String(contribution.report)) : undefined;
      return at ? [at.getTime()] : [];
    });
    return { tally, knownSince: times.length > 0 ? new Date(Math.min(...times)) : null };
  });
}

function isKnownAt(known: KnownTally, instant: Date, zone: string): boolean {
  if (known.knownSince) return known.knownSince <= instant;
  // No report to date it: known from the start of its own day.
  return DateTime.fromISO(known.tally.date, { zone }).toJSDate() <= instant;
}

export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const { region, thresholds, zone } = options;
  const lookback = computeLookbackDays(thresholds);
  const known = await loadKnownTallies(region, addDays(options.from, -lookback - 1), options.to);
  const raised = new Map<string, BacktestAlert>();
  const replayDays = listDates(options.from, options.to);
  const [hours, minutes] = thresholds.silentSourceBy.split(':').map(Number);

  for (const day of replayDays) {
    const endOfDay = DateTime.fromISO(day, { zone }).endOf('day').toJSDate();
    const windowStart = addDays(day, -lookback - 1);
    const days = known
      .filter(({ tally }) => tally.window === 'total' && tally.date >= windowStart && tally.date <= day)
      .filter((entry) => isKnownAt(entry, endOfDay, zone))
      .map(({ tally }) => toRegionDay(tally, endOfDay));
    const dates = [addDays(day, -1), day].filter((date) => date >= options.from);
    const detections = detectRegionAlerts({ region, days, dates, thresholds });

    const checkAt = DateTime.fromISO(day, { zone })
      .set({ hour: hours ?? 0, minute: minutes ?? 0 })
      .toJSDate();
    const datesWithTally = new Set(
      known
        .filter((entry) => entry.tally.date < day && isKnownAt(entry, checkAt, zone))
        .map((entry) => entry.tally.date),
    );
    const silence = detectSilentSource(
      {
        region,
        today: day,
        timeNow: thresholds.silentSourceBy,
        datesWithTally,
        usualSource: options.usualSource ?? null,
      },
      thresholds,
    );
    if (silence && silence.date >= options.from) detections.push(silence);

    for (const detection of detections) {
      const key = keyOf(detection);
      if (!raised.has(key)) raised.set(key, { ...detection, raisedOn: day });
    }
  }

  const alerts = [...raised.values()].sort(
    (a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.date.localeCompare(b.date),
  );
  const counts = Object.fromEntries(DETECTION_KINDS.map((kind) => [kind, 0])) as Record<
    DetectionKind,
    number
  >;
  for (const alert of alerts) counts[alert.kind]++;
  return { alerts, counts, daysReplayed: replayDays.length };
}
