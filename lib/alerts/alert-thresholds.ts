/** The detection thresholds from config: the global set and the per-region overrides. */
import type { AlertThresholds, RegionThresholdOverrides } from '../../domain/alerts/thresholds.js';
import { resolveThresholds } from '../../domain/alerts/thresholds.js';
import type { AppConfig } from '../config.js';

export type ThresholdConfig = Pick<
  AppConfig,
  | 'ALERT_BASELINE_DAYS'
  | 'ALERT_MIN_BASELINE_DAYS'
  | 'ALERT_Z_THRESHOLD'
  | 'ALERT_TAIL_PROBABILITY'
  | 'ALERT_MIN_COUNT'
  | 'ALERT_MIN_RATIO'
  | 'ALERT_CUSUM_K'
  | 'ALERT_CUSUM_H'
  | 'ALERT_CUSUM_DAYS'
  | 'ALERT_NEW_FRONT_QUIET_DAYS'
  | 'ALERT_NEW_FRONT_MIN_COVERAGE_DAYS'
  | 'ALERT_SILENT_SOURCE_BY'
  | 'ALERT_SILENT_SOURCE_USUAL_SHARE'
  | 'ALERT_REGION_THRESHOLDS'
>;

export function readGlobalThresholds(config: ThresholdConfig): AlertThresholds {
  return {
    baselineDays: config.ALERT_BASELINE_DAYS,
    minBaselineDays: config.ALERT_MIN_BASELINE_DAYS,
    zThreshold: config.ALERT_Z_THRESHOLD,
    tailProbability: config.ALERT_TAIL_PROBABILITY,
    minCount: config.ALERT_MIN_COUNT,
    minRatio: config.ALERT_MIN_RATIO,
    cusumAllowance: config.ALERT_CUSUM_K,
    cusumLimit: config.ALERT_CUSUM_H,
    cusumDays: config.ALERT_CUSUM_DAYS,
    newFrontQuietDays: config.ALERT_NEW_FRONT_QUIET_DAYS,
    newFrontMinCoverageDays: config.ALERT_NEW_FRONT_MIN_COVERAGE_DAYS,
    silentSourceBy: config.ALERT_SILENT_SOURCE_BY,
    silentSourceUsualShare: config.ALERT_SILENT_SOURCE_USUAL_SHARE,
  };
}

/** A function from region key to that region's thresholds. */
export function createThresholdLookup(
  config: ThresholdConfig,
): (region: string) => Readonly<AlertThresholds> {
  const global = readGlobalThresholds(config);
  const overrides: RegionThresholdOverrides = config.ALERT_REGION_THRESHOLDS;
  return (region) => resolveThresholds(global, overrides, region);
}
