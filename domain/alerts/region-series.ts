/**
 * A region's daily tallies indexed by day, with readers for one series (a region metric, or one
 * community's attacks or explosions). The readers tell a missing figure (null) from a stated 0.
 */
import { toDayNumber } from './calendar.js';
import type { RegionDay, ReportRef } from './types.js';

/** Reads a series' value on a day (a day number); null when it is not known. */
export type SeriesReader = (day: number) => number | null;

export interface RegionIndex {
  region: string;
  byDay: ReadonlyMap<number, RegionDay>;
}

export function indexRegionDays(region: string, days: readonly RegionDay[]): RegionIndex {
  const byDay = new Map<number, RegionDay>();
  for (const day of days) byDay.set(toDayNumber(day.date), day);
  return { region, byDay };
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
    const breakdown = index.byDay.get(day)?.perCommunity;
    if (!breakdown || breakdown.length === 0) return null;
    const entry = breakdown.find((item) => item.community === community);
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
