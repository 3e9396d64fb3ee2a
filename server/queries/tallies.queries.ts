/**
 * Reads tally time series: a region's `total` (or another window's) figures per day, rolled up into
 * days, ISO weeks or months by the pure math in domain/tallies.
 */
import { METRIC_NAMES } from '../../domain/extraction/types.js';
import type { MetricName } from '../../domain/extraction/types.js';
import { rollUpSeries } from '../../domain/tallies/rollup-tallies.js';
import type {
  DayFigures,
  Granularity,
  MetricFigure,
  SeriesPoint,
} from '../../domain/tallies/rollup-tallies.js';
import { Tally } from '../../models/tally.model.js';
import type { TallyFields, TallyWindow } from '../../models/tally.model.js';

export interface TallySeriesQuery {
  regions: readonly string[];
  from: string;
  to: string;
  granularity: Granularity;
  window: TallyWindow;
}

export interface TallySeriesResponse {
  granularity: Granularity;
  window: TallyWindow;
  from: string;
  to: string;
  series: Array<{ region: string; points: SeriesPoint[] }>;
}

type StoredMetric = { value: number; qualifier: string } | null | undefined;

/** Keeps value and qualifier of a stored metric (the source's term stays in the day view). */
export function toMetricFigure(stored: StoredMetric): MetricFigure | null {
  if (stored === null || stored === undefined) return null;
  return { value: stored.value, qualifier: stored.qualifier as MetricFigure['qualifier'] };
}

/** The stored metrics object as figures, every metric present (null where none was stated). */
export function toMetricFigures(
  stored: Partial<Record<MetricName, StoredMetric>> | null | undefined,
): Record<MetricName, MetricFigure | null> {
  return Object.fromEntries(
    METRIC_NAMES.map((metric) => [metric, toMetricFigure(stored?.[metric])]),
  ) as Record<MetricName, MetricFigure | null>;
}

/** Reads the daily figures of several regions over a range, grouped by region. */
export async function readDailyFigures(
  regions: readonly string[],
  from: string,
  to: string,
  window: TallyWindow = 'total',
): Promise<Map<string, DayFigures[]>> {
  const tallies = await Tally.find(
    { region: { $in: [...regions] }, window, date: { $gte: from, $lte: to } },
    { region: 1, date: 1, metrics: 1, 'contributions.source': 1 },
  ).lean<Array<Pick<TallyFields, 'region' | 'date' | 'metrics' | 'contributions'>>>();
  const byRegion = new Map<string, DayFigures[]>(regions.map((region) => [region, []]));
  for (const tally of tallies) {
    byRegion.get(tally.region)?.push({
      date: tally.date,
      metrics: toMetricFigures(tally.metrics),
      reportCount: tally.contributions.length,
    });
  }
  return byRegion;
}

export async function findTallySeries(query: TallySeriesQuery, zone: string): Promise<TallySeriesResponse> {
  const daily = await readDailyFigures(query.regions, query.from, query.to, query.window);
  return {
    granularity: query.granularity,
    window: query.window,
    from: query.from,
    to: query.to,
    series: query.regions.map((region) => ({
      region,
      points: rollUpSeries(daily.get(region) ?? [], query, query.granularity, zone),
    })),
  };
}
