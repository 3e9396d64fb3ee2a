/**
 * Runs every detector over one region for the given dates: each metric the region reports, each
 * community in its breakdowns, spikes and sustained rises on both, and new fronts. Only data dated up to
 * each evaluated date is read, so evaluating a past date gives what detection would have said that day.
 */
import { toDayNumber } from './calendar.js';
import { describeSubject, formatNumber } from './describe-series.js';
import { findNewFronts } from './detect-new-front.js';
import { findSpike } from './detect-spike.js';
import { findSustainedRise } from './detect-sustained-rise.js';
import { indexRegionDays, listReportsOn, readCommunityMetric, readRegionMetric } from './region-series.js';
import type { RegionIndex, SeriesReader } from './region-series.js';
import type { AlertThresholds } from './thresholds.js';
import { COMMUNITY_METRICS } from './types.js';
import type { Detection, RegionDay } from './types.js';

export interface RegionDetectionInput {
  region: string;
  /** The region's daily tallies, in any order, covering at least the lookback before each date. */
  days: readonly RegionDay[];
  /** The Kyiv-local dates to evaluate. */
  dates: readonly string[];
  thresholds: Readonly<AlertThresholds>;
}

/** Days before an evaluated date that any detector reads. */
export function computeLookbackDays(thresholds: Readonly<AlertThresholds>): number {
  return Math.max(
    thresholds.baselineDays,
    2 * thresholds.cusumDays + thresholds.baselineDays,
    thresholds.newFrontQuietDays,
  );
}

interface Series {
  community: string | null;
  metric: string;
  read: SeriesReader;
}

function listSeries(index: RegionIndex, day: number, lookback: number): Series[] {
  const metrics = new Set<string>();
  const communities = new Set<string>();
  for (let current = day - lookback; current <= day; current++) {
    const regionDay = index.byDay.get(current);
    if (!regionDay) continue;
    for (const [metric, value] of Object.entries(regionDay.metrics)) {
      if (value !== null && value !== undefined) metrics.add(metric);
    }
    for (const entry of regionDay.perCommunity) communities.add(entry.community);
  }
  const series: Series[] = [...metrics]
    .sort()
    .map((metric) => ({ community: null, metric, read: readRegionMetric(index, metric) }));
  for (const community of [...communities].sort()) {
    for (const metric of COMMUNITY_METRICS) {
      series.push({ community, metric, read: readCommunityMetric(index, community, metric) });
    }
  }
  return series;
}

export function detectRegionAlerts(input: RegionDetectionInput): Detection[] {
  const index = indexRegionDays(input.region, input.days);
  const { thresholds } = input;
  const lookback = computeLookbackDays(thresholds);
  const detections: Detection[] = [];

  for (const date of input.dates) {
    const day = toDayNumber(date);
    if (!index.byDay.has(day)) continue;
    const reports = listReportsOn(index, day);
    // A reader that sees nothing after the evaluated day, so later data cannot leak into the past.
    const upTo =
      (read: SeriesReader): SeriesReader =>
      (current) =>
        current > day ? null : read(current);

    for (const series of listSeries(index, day, lookback)) {
      const read = upTo(series.read);
      const subject = describeSubject(input.region, series.community);
      const base = {
        region: input.region,
        community: series.community,
        source: null,
        metric: series.metric,
        date,
        reports,
      };
      const spike = findSpike(read, day, thresholds);
      if (spike) {
        detections.push({
          ...base,
          kind: 'spike',
          value: spike.value,
          baseline: spike.baseline,
          spread: spike.spread,
          threshold: spike.threshold,
          method: spike.method,
          explanation:
            `${subject}: ${formatNumber(spike.value)} ${series.metric} on ${date}, against a median of ` +
            `${formatNumber(spike.baseline)} (spread ${formatNumber(spike.spread)}) over ${spike.baselineDays} ` +
            `reported days of the previous ${thresholds.baselineDays}; the threshold was ` +
            `${formatNumber(spike.threshold)} (${spike.method}).`,
        });
      }
      const rise = findSustainedRise(read, day, thresholds);
      if (rise) {
        detections.push({
          ...base,
          kind: 'sustained_rise',
          value: rise.value,
          baseline: rise.baseline,
          spread: rise.spread,
          threshold: rise.threshold,
          method: rise.method,
          explanation:
            `${subject}: ${series.metric} have stayed high for days, averaging ${formatNumber(rise.recentMean)} ` +
            `since the rise began against a reference of ${formatNumber(rise.baseline)} ` +
            `(spread ${formatNumber(rise.spread)}); the cumulative excess reached ${formatNumber(rise.sum)} on ` +
            `${date}, past the limit of ${thresholds.cusumLimit} (${rise.method}).`,
        });
      }
    }

    for (const front of findNewFronts(index, day, thresholds)) {
      const subject = describeSubject(input.region, front.community);
      detections.push({
        kind: 'new_front',
        region: input.region,
        community: front.community,
        source: null,
        metric: front.metric,
        date,
        value: front.value,
        baseline: 0,
        spread: null,
        threshold: front.quietDays,
        method: front.method,
        explanation:
          `${subject}: attacked on ${date}${front.value === null ? '' : ` (${formatNumber(front.value)} ${front.metric})`} ` +
          `after ${front.quietDays} days without an attack in the breakdowns (${front.coverageDays} of those ` +
          'days had one).',
        reports,
      });
    }
  }
  return detections;
}
