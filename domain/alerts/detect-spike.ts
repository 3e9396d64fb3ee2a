/**
 * A spike: the latest value against the trailing baseline. A robust z-score on the median and the MAD,
 * so that one earlier spike does not mask the next; when the MAD is 0 (sparse counts, most days the same
 * figure) an upper quantile of a negative binomial fitted to the baseline (a Poisson when the counts are
 * not over-dispersed). The value must also reach a minimum count and a minimum ratio to the median, so
 * that 0 → 1 is never a spike.
 */
import { collectValues } from './region-series.js';
import type { SeriesReader } from './region-series.js';
import {
  MAD_TO_SIGMA,
  computeMad,
  computeMean,
  computeMedian,
  computeNegativeBinomialQuantile,
  computePoissonQuantile,
  computeVariance,
} from './statistics.js';
import type { AlertThresholds } from './thresholds.js';

export interface SpikeFinding {
  value: number;
  baseline: number;
  spread: number;
  threshold: number;
  method: string;
  baselineDays: number;
}

export function findSpike(
  read: SeriesReader,
  day: number,
  thresholds: Readonly<AlertThresholds>,
): SpikeFinding | null {
  const value = read(day);
  // The cheap gates first: most series on most days stop here.
  if (value === null || value < thresholds.minCount) return null;
  const baselineValues = collectValues(read, day - thresholds.baselineDays, day - 1);
  if (baselineValues.length < thresholds.minBaselineDays) return null;

  const median = computeMedian(baselineValues);
  if (median > 0 && value / median < thresholds.minRatio) return null;
  const mad = computeMad(baselineValues, median);
  const window = `${thresholds.baselineDays}d`;

  if (mad > 0) {
    // Never below the Poisson spread: with small counts the MAD moves in whole steps and understates it.
    const spread = Math.max(MAD_TO_SIGMA * mad, Math.sqrt(median));
    const zLimit = median + thresholds.zThreshold * spread;
    // Small counts are Poisson at best: their upper tail is longer than a normal one.
    const countLimit = computePoissonQuantile(median, 1 - thresholds.tailProbability);
    const threshold = Math.max(zLimit, countLimit);
    if (value <= threshold) return null;
    const floor = countLimit > zLimit ? `, poisson floor q${formatLevel(thresholds)}` : '';
    return {
      value,
      baseline: median,
      spread,
      threshold,
      method: `robust-z(${window}) > ${thresholds.zThreshold}${floor}`,
      baselineDays: baselineValues.length,
    };
  }

  const mean = computeMean(baselineValues);
  const variance = computeVariance(baselineValues, mean);
  const level = 1 - thresholds.tailProbability;
  const threshold = computeNegativeBinomialQuantile(mean, variance, level);
  if (value <= threshold) return null;
  const family = variance > mean ? 'negative-binomial' : 'poisson';
  return {
    value,
    baseline: median,
    spread: Math.sqrt(Math.max(variance, mean)),
    threshold,
    method: `${family}-q${formatLevel(thresholds)}(${window}), MAD 0`,
    baselineDays: baselineValues.length,
  };
}

function formatLevel(thresholds: Readonly<AlertThresholds>): string {
  return String(Math.round((1 - thresholds.tailProbability) * 1e6) / 1e4);
}
