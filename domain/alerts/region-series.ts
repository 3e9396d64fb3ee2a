/**
 * A region's daily tallies indexed by day, with readers for one series (a region metric, or one
 * community's attacks or explosions). The readers tell a missing figure (null) from a stated 0.
 */
import { toDayNumber } from './calendar.js';
import type { CommunityDay, RegionDay, ReportRef } from './types.js';

/** Reads a series' value on a day (a day number); null when it is not known. */
export type SeriesReader = (day: number) => number | null;

export interface RegionIndex {
  region: string;
  byDay: ReadonlyMap<number, RegionDay>;
  /** Each day's breakdown by community code; absent for days without a breakdown. */
  breakdownByDay: ReadonlyMap<number, ReadonlyMap<string, CommunityDay>>;
}

export function indexRegionDays(region: string, days: readonly RegionDay[]): RegionIndex {
  const byDay = new Map<number, RegionDay>();
  const breakdownByDay = new Map<number, Map<string, CommunityDay>>();
  for (const day of days) {
    const number = toDayNumber(day.date);
    byDay.set(number, day);
    if (day.perCommunity.length > 0) {
      breakdownByDay.set(number, new Map(day.perCommunity.map((entry) => [entry.community, entry])));
    }
  }
  return { region, byDay, breakdownByDay };
}

export function readRegionMetric(index: RegionIndex, metric: string): SeriesReader {
  return (day) => index.byDay.get(day)?.metrics[metric] ?? null;
}

/**
 * A community's figure: unknown on a day without a tally or without a breakdown; 0 on a day whose
 * breakdown leaves the community out; its own figure (possibly null, when the breakdown names it without
 * this metric) otherwise.
 */
export function readCommunityMetric(
  index: RegionIndex,
  community: string,
  metric: 'attacks' | 'explosions',
): SeriesReader {
  return (day) => {
    const breakdown = index.breakdownByDay.get(day);
    if (!breakdown) return null;
    const entry = breakdown.get(community);
    if (!entry) return 0;
    return entry[metric];
  };
}

/** The non-null values of a series over the days `from` to `to`, inclusive. */
export function collectValues(read: SeriesReader, from: number, to: number): number[] {
  const values: number[] = [];
  for (let day = from; day <= to; day++) {
    const value = read(day);
    if (value !== null) values.push(value);
  }
  return values;
}

export function listReportsOn(index: RegionIndex, day: number): readonly ReportRef[] {
  return index.byDay.get(day)?.reports ?? [];
}
