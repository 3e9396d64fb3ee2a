/**
 * The time-series math behind the tallies API: cut a date range into Kyiv-local calendar periods (days,
 * ISO weeks Monday to Sunday, months) and roll daily figures up into them.
 *
 * A rollup sums only the figures that were reported and says how many days had none, so a gap never
 * turns into a 0. A metric that no day of a period reported stays null. Dates are calendar dates
 * (`yyyy-MM-dd`), stepped a calendar day at a time in the zone, so a DST change (a 23- or 25-hour day)
 * never skips or repeats a day.
 */
import { DateTime } from 'luxon';
import { METRIC_NAMES } from '../extraction/types.js';
import type { MetricName, Qualifier } from '../extraction/types.js';

export type Granularity = 'day' | 'week' | 'month';

export interface MetricFigure {
  value: number;
  qualifier: Qualifier;
}

export type PointMetrics = Record<MetricName, MetricFigure | null>;

/** One day's reconciled figures (a `total` tally), as read from the store. */
export interface DayFigures {
  date: string;
  metrics: Partial<Record<MetricName, MetricFigure | null>>;
  /** Reports behind the day's figures. */
  reportCount: number;
}

export interface Period {
  /** `2026-03-28` for a day, `2026-W13` for an ISO week, `2026-03` for a month. */
  period: string;
  /** First and last dates of the period inside the requested range (a period is clipped to it). */
  from: string;
  to: string;
  dates: string[];
}

export interface SeriesPoint {
  period: string;
  from: string;
  to: string;
  metrics: PointMetrics;
  reportCount: number;
  /** Days of the period with a tally, and days without one. */
  daysReported: number;
  daysMissing: number;
}

const PERIOD_FORMATS: Record<Granularity, string> = {
  day: 'yyyy-MM-dd',
  week: "kkkk-'W'WW",
  month: 'yyyy-MM',
};

function toIsoDate(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

/** Every calendar date from `from` to `to`, both included. */
export function listDates(from: string, to: string, zone = 'Europe/Kyiv'): string[] {
  const dates: string[] = [];
  const last = DateTime.fromISO(to, { zone });
  for (let date = DateTime.fromISO(from, { zone }); date <= last; date = date.plus({ days: 1 })) {
    dates.push(toIsoDate(date));
  }
  return dates;
}

/** The periods of a range in order, each clipped to the range. */
export function listPeriods(
  from: string,
  to: string,
  granularity: Granularity,
  zone = 'Europe/Kyiv',
): Period[] {
  const periods: Period[] = [];
  const format = PERIOD_FORMATS[granularity];
  let current = null as Period | null;
  const last = DateTime.fromISO(to, { zone });
  for (let date = DateTime.fromISO(from, { zone }); date <= last; date = date.plus({ days: 1 })) {
    const key = date.toFormat(format);
    const iso = toIsoDate(date);
    if (current?.period !== key) {
      current = { period: key, from: iso, to: iso, dates: [] };
      periods.push(current);
    }
    current.to = iso;
    current.dates.push(iso);
  }
  return periods;
}

/** The period key (`2026-W13`, `2026-03`, or the date itself) a date falls in. */
export function periodOf(date: string, granularity: Granularity, zone = 'Europe/Kyiv'): string {
  return DateTime.fromISO(date, { zone }).toFormat(PERIOD_FORMATS[granularity]);
}

const LOWER_BOUNDS: ReadonlySet<Qualifier> = new Set(['at_least', 'more_than']);

/**
 * The qualifier of a sum. Exact parts give an exact sum. Lower bounds ("at least", "more than") added to
 * exact figures still bound the sum from below. Anything vaguer ("about", "almost", "up to") makes the
 * sum approximate.
 */
export function combineQualifiers(qualifiers: readonly Qualifier[]): Qualifier {
  const inexact = new Set(qualifiers.filter((qualifier) => qualifier !== 'exact'));
  if (inexact.size === 0) return 'exact';
  if ([...inexact].every((qualifier) => LOWER_BOUNDS.has(qualifier))) {
    return inexact.size === 1 ? [...inexact][0]! : 'at_least';
  }
  return 'about';
}

function emptyMetrics(): PointMetrics {
  return Object.fromEntries(METRIC_NAMES.map((metric) => [metric, null])) as PointMetrics;
}

/** Sums the known figures of the given days; a metric no day reported stays null. */
export function sumMetrics(days: readonly DayFigures[]): PointMetrics {
  const metrics = emptyMetrics();
  for (const metric of METRIC_NAMES) {
    let value = 0;
    const qualifiers: Qualifier[] = [];
    for (const day of days) {
      const figure = day.metrics[metric];
      if (!figure) continue;
      value += figure.value;
      qualifiers.push(figure.qualifier);
    }
    if (qualifiers.length > 0) metrics[metric] = { value, qualifier: combineQualifiers(qualifiers) };
  }
  return metrics;
}

/**
 * Rolls a region's daily figures up into the periods of a range. Every period gets a point, also when
 * no day of it was reported (all metrics null, every day missing).
 */
export function rollUpSeries(
  days: readonly DayFigures[],
  range: { from: string; to: string },
  granularity: Granularity,
  zone = 'Europe/Kyiv',
): SeriesPoint[] {
  const byDate = new Map(days.map((day) => [day.date, day]));
  return listPeriods(range.from, range.to, granularity, zone).map((period) => {
    const reported = period.dates.flatMap((date) => byDate.get(date) ?? []);
    return {
      period: period.period,
      from: period.from,
      to: period.to,
      metrics: sumMetrics(reported),
      reportCount: reported.reduce((sum, day) => sum + day.reportCount, 0),
      daysReported: reported.length,
      daysMissing: period.dates.length - reported.length,
    };
  });
}
