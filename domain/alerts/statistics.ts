/**
 * The small statistics the detectors share: median, MAD, and upper quantiles of the Poisson and
 * negative-binomial distributions, which stand in for the robust z-score when a sparse count series has a
 * MAD of 0 (most days the same figure), where a z-score would divide by zero.
 */

/** Scales a MAD to a standard deviation for normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;

/** The median of the values (which need not be sorted); NaN for none. */
export function computeMedian(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The median absolute deviation from `median`. */
export function computeMad(values: readonly number[], median: number): number {
  return computeMedian(values.map((value) => Math.abs(value - median)));
}

export function computeMean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The sample variance (n - 1); 0 for fewer than two values. */
export function computeVariance(values: readonly number[], mean: number): number {
  if (values.length < 2) return 0;
  let sum = 0;
  for (const value of values) sum += (value - mean) ** 2;
  return sum / (values.length - 1);
}

/** Stops a quantile search on absurd parameters rather than looping for ever. */
const MAX_QUANTILE_STEPS = 1_000_000;

/**
 * The smallest k with P(X ≤ k) ≥ level for X ~ Poisson(mean). Walks the probability mass function from 0,
 * in log space so that large means do not underflow.
 */
export function computePoissonQuantile(mean: number, level: number): number {
  if (!(mean > 0)) return 0;
  // Start the walk a few standard deviations below the mean: the mass below is negligible for the
  // quantiles used here, and it keeps a mean of thousands from costing thousands of steps.
  const start = Math.max(0, Math.floor(mean - 8 * Math.sqrt(mean)));
  let logPmf = start * Math.log(mean) - mean - logFactorial(start);
  let cumulative = start === 0 ? 0 : lowerPoissonTail(mean, start);
  for (let k = start; k < start + MAX_QUANTILE_STEPS; k++) {
    cumulative += Math.exp(logPmf);
    if (cumulative >= level) return k;
    logPmf += Math.log(mean) - Math.log(k + 1);
  }
  return start + MAX_QUANTILE_STEPS;
}

/** P(X < start) for a Poisson, summed directly; only called for starts far below the mean. */
function lowerPoissonTail(mean: number, start: number): number {
  let logPmf = -mean;
  let sum = 0;
  for (let k = 0; k < start; k++) {
    sum += Math.exp(logPmf);
    logPmf += Math.log(mean) - Math.log(k + 1);
  }
  return sum;
}

/**
 * The smallest k with P(X ≤ k) ≥ level for a negative binomial with this mean and variance (variance >
 * mean: over-dispersed counts, as shelling counts are). Parameterised by size r = mean² / (variance -
 * mean) and success probability p = r / (r + mean).
 */
export function computeNegativeBinomialQuantile(mean: number, variance: number, level: number): number {
  if (!(mean > 0)) return 0;
  if (!(variance > mean)) return computePoissonQuantile(mean, level);
  const size = (mean * mean) / (variance - mean);
  const p = size / (size + mean);
  // pmf(0) = p^r; pmf(k+1) = pmf(k) * (k + r) / (k + 1) * (1 - p)
  let logPmf = size * Math.log(p);
  let cumulative = 0;
  for (let k = 0; k < MAX_QUANTILE_STEPS; k++) {
    cumulative += Math.exp(logPmf);
    if (cumulative >= level) return k;
    logPmf += Math.log(k + size) - Math.log(k + 1) + Math.log(1 - p);
  }
  return MAX_QUANTILE_STEPS;
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log(k);
  return sum;
}
