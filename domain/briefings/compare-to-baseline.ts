/**
 * A briefing row's figures: one metric's value on the day beside its trailing 7- and 28-day averages and
 * the change against the 7-day average. Averages are taken over the days that stated the metric (the day
 * itself excluded), and say how many such days there were, so a thin baseline is visible as such. A
 * metric the day did not state has no change: null is never read as 0.
 */
import { METRIC_NAMES } from '../extraction/types.js';
import type { MetricName } from '../extraction/types.js';
import type { DayFigures, MetricFigure } from '../tallies/rollup-tallies.js';

export interface TrailingAverage {
  /** Mean of the stated values, rounded to one decimal; null when no day in the window stated it. */
  mean: number | null;
  /** Days of the window that stated the metric. */
  days: number;
}

export interface MetricComparison {
  metric: MetricName;
  day: MetricFigure | null;
  avg7: TrailingAverage;
  avg28: TrailingAverage;
  /** Day minus 7-day mean, and that as a percentage of the mean (null when either is missing or the mean is 0). */
  change: number | null;
  changePercent: number | null;
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The calendar date `days` before `date` (both `yyyy-MM-dd`). */
export function shiftDate(date: string, days: number): string {
  const shifted = new Date(`${date}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

function averageOver(
  history: readonly DayFigures[],
  metric: MetricName,
  from: string,
  to: string,
): TrailingAverage {
  const values = history
    .filter((day) => day.date >= from && day.date <= to)
    .flatMap((day) => (day.metrics[metric] ? [day.metrics[metric].value] : []));
  if (values.length === 0) return { mean: null, days: 0 };
  return {
    mean: roundTo(values.reduce((sum, value) => sum + value, 0) / values.length, 1),
    days: values.length,
  };
}

/** Compares each metric of `date` with the 7 and 28 days before it. `history` may hold any dates. */
export function compareToBaseline(date: string, history: readonly DayFigures[]): MetricComparison[] {
  const today = history.find((day) => day.date === date);
  const yesterday = shiftDate(date, -1);
  return METRIC_NAMES.map((metric) => {
    const day = today?.metrics[metric] ?? null;
    const avg7 = averageOver(history, metric, shiftDate(date, -7), yesterday);
    const avg28 = averageOver(history, metric, shiftDate(date, -28), yesterday);
    const change = day !== null && avg7.mean !== null ? roundTo(day.value - avg7.mean, 1) : null;
    const changePercent =
      change !== null && avg7.mean !== null && avg7.mean !== 0
        ? roundTo((change / avg7.mean) * 100, 1)
        : null;
    return { metric, day, avg7, avg28, change, changePercent };
  });
}
