/**
 * A sustained rise: a one-sided CUSUM over the last `cusumDays` days against a reference level taken from
 * the baseline days before them. Each day adds its standardised excess minus an allowance; the rise
 * alerts on the first day the sum is past the limit, the excursion's mean is at least 1.5 times the
 * reference and its total is improbable for a Poisson count at the reference level. Each day's step is
 * capped at half the limit and the window's highest day is left out, so a single spike (which the spike
 * rule reports) can never make a rise: it takes several high days.
 */
import { collectValues } from './region-series.js';
import type { SeriesReader } from './region-series.js';
import {
  MAD_TO_SIGMA,
  computeMad,
  computeMean,
  computeMedian,
  computePoissonQuantile,
} from './statistics.js';
import type { AlertThresholds } from './thresholds.js';

/** The mean of the monitored days must reach this multiple of the reference level. */
export const RISE_MIN_RATIO = 1.5;

export interface RiseFinding {
  value: number;
  baseline: number;
  spread: number;
  /** The CUSUM on the day. */
  sum: number;
  threshold: number;
  method: string;
  /** The mean of the days since the rise began (the window's highest day left out). */
  recentMean: number;
}

interface CusumTrace {
  reference: number;
  spread: number;
  /** The sum after the evaluated day. */
  sum: number;
  /** The values since the sum last stood at 0: the current excursion, where the rise began. */
  excursion: number[];
}

function traceCusum(
  read: SeriesReader,
  day: number,
  thresholds: Readonly<AlertThresholds>,
): CusumTrace | null {
  const firstMonitored = day - thresholds.cusumDays + 1;
  const reference = collectValues(read, firstMonitored - thresholds.baselineDays, firstMonitored - 1);
  if (reference.length < thresholds.minBaselineDays) return null;
  const median = computeMedian(reference);
  // A count's spread is at least its Poisson one, so that a flat reference (MAD 0) still has a scale.
  const spread = Math.max(MAD_TO_SIGMA * computeMad(reference, median), Math.sqrt(Math.max(median, 1)));
  const cap = thresholds.cusumLimit / 2;
  // The monitored window's highest day is left out, so that one spike (which the spike rule reports)
  // can neither start nor carry a rise: it takes several high days.
  let highestDay = firstMonitored;
  let highest = -Infinity;
  for (let current = firstMonitored; current <= day; current++) {
    const value = read(current);
    if (value !== null && value > highest) [highestDay, highest] = [current, value];
  }
  let sum = 0;
  let excursion: number[] = [];
  for (let current = firstMonitored; current <= day; current++) {
    const value = read(current);
    // A missing day leaves the sum where it was: it is evidence of nothing.
    if (value === null || current === highestDay) continue;
    const step = Math.min((value - median) / spread, cap) - thresholds.cusumAllowance;
    sum = Math.max(0, sum + step);
    excursion = sum === 0 ? [] : [...excursion, value];
  }
  return { reference: median, spread, sum, excursion };
}

/** Whether the CUSUM stands past its limit on `day` with a rise large enough to report. */
function qualifiesOn(
  read: SeriesReader,
  day: number,
  thresholds: Readonly<AlertThresholds>,
): RiseFinding | null {
  const value = read(day);
  if (value === null || value < thresholds.minCount) return null;
  const trace = traceCusum(read, day, thresholds);
  if (!trace || trace.sum <= thresholds.cusumLimit) return null;
  const trimmed = trace.excursion;
  if (trimmed.length === 0) return null;
  const recentMean = computeMean(trimmed);
  if (recentMean < RISE_MIN_RATIO * trace.reference || recentMean < thresholds.minCount) return null;
  // The excursion's total must also be improbable for a Poisson count at the reference level.
  const expected = trace.reference * trimmed.length;
  const total = recentMean * trimmed.length;
  if (total <= computePoissonQuantile(expected, 1 - thresholds.tailProbability)) return null;
  return {
    value,
    baseline: trace.reference,
    spread: trace.spread,
    sum: trace.sum,
    threshold: trace.reference + thresholds.cusumAllowance * trace.spread,
    method: `cusum(${thresholds.cusumDays}d, k=${thresholds.cusumAllowance}, h=${thresholds.cusumLimit})`,
    recentMean,
  };
}

/**
 * A rise alerts once: on its first qualifying day, not again while it goes on (nor when the moving
 * reference lets the sum dip and come back within `cusumDays`).
 */
export function findSustainedRise(
  read: SeriesReader,
  day: number,
  thresholds: Readonly<AlertThresholds>,
): RiseFinding | null {
  const finding = qualifiesOn(read, day, thresholds);
  if (!finding) return null;
  for (let earlier = day - 1; earlier > day - thresholds.cusumDays; earlier--) {
    if (qualifiesOn(read, earlier, thresholds)) return null;
  }
  return finding;
}
