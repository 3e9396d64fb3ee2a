/**
 * Detection thresholds: one global set, and overrides per region (a region with larger daily figures may
 * need a higher minimum count, a noisy one a higher z).
 */

export interface AlertThresholds {
  /** Trailing days the baseline covers. */
  baselineDays: number;
  /** Fewest reported days in the baseline for a spike to be judged at all. */
  minBaselineDays: number;
  /** Robust z-score a value must pass. */
  zThreshold: number;
  /** Upper-tail probability of the Poisson / negative-binomial fallback when the MAD is 0. */
  tailProbability: number;
  /** Smallest value that can alert, whatever the z-score. */
  minCount: number;
  /** Smallest ratio of value to baseline median that can alert. */
  minRatio: number;
  /** CUSUM: the allowance per day, in spreads above the reference level. */
  cusumAllowance: number;
  /** CUSUM: the decision interval, in spreads. */
  cusumLimit: number;
  /** CUSUM: days the sum runs over. */
  cusumDays: number;
  /** Days without an attack after which an attack on a community is a new front. */
  newFrontQuietDays: number;
  /** Fewest days with a breakdown among the quiet days, so that missing data is not read as calm. */
  newFrontMinCoverageDays: number;
  /** Kyiv-local time (`HH:mm`) by which the previous day's summary normally has arrived. */
  silentSourceBy: string;
  /** Share of the trailing baseline days with a summary that makes a daily summary "usual". */
  silentSourceUsualShare: number;
}

export type RegionThresholdOverrides = Readonly<Record<string, Partial<AlertThresholds>>>;

export const DEFAULT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  baselineDays: 28,
  minBaselineDays: 14,
  zThreshold: 3.5,
  tailProbability: 0.0002,
  minCount: 5,
  minRatio: 2,
  cusumAllowance: 1,
  cusumLimit: 5,
  cusumDays: 7,
  newFrontQuietDays: 30,
  newFrontMinCoverageDays: 20,
  silentSourceBy: '11:00',
  silentSourceUsualShare: 0.8,
});

/** The thresholds for one region: its overrides over the global set. */
export function resolveThresholds(
  global: Readonly<AlertThresholds>,
  overrides: RegionThresholdOverrides,
  region: string,
): Readonly<AlertThresholds> {
  const own = overrides[region];
  return own ? { ...global, ...own } : global;
}
