/**
 * Lists the regions that have tallies: names from the gazetteer, the metrics their reports state, the
 * latest date and the last update.
 */
import { METRIC_NAMES } from '../../domain/extraction/types.js';
import type { MetricName } from '../../domain/extraction/types.js';
import { getRegion } from '../../domain/gazetteer/index.js';
import { Tally } from '../../models/tally.model.js';

export interface RegionSummary {
  key: string;
  nameUk: string;
  nameEn: string;
  /** Metrics stated at least once in the region's daily totals, in the canonical metric order. */
  metrics: MetricName[];
  latestDate: string;
  lastUpdatedAt: string;
}

interface RegionGroup {
  _id: string;
  latestDate: string;
  lastUpdatedAt: Date;
  [reported: `has_${string}`]: number;
}

export async function listRegionSummaries(): Promise<{ regions: RegionSummary[] }> {
  const stated = Object.fromEntries(
    METRIC_NAMES.map((metric) => [
      `has_${metric}`,
      { $max: { $cond: [{ $eq: [{ $type: `$metrics.${metric}` }, 'object'] }, 1, 0] } },
    ]),
  );
  const groups = await Tally.aggregate<RegionGroup>([
    { $match: { window: 'total' } },
    {
      $group: {
        _id: '$region',
        latestDate: { $max: '$date' },
        lastUpdatedAt: { $max: '$updatedAt' },
        ...stated,
      },
    },
  ]);
  const regions = groups.flatMap((group): RegionSummary[] => {
    const region = getRegion(group._id);
    if (!region) return [];
    return [
      {
        key: region.key,
        nameUk: region.nameUk,
        nameEn: region.nameEn,
        metrics: METRIC_NAMES.filter((metric) => group[`has_${metric}`] === 1),
        latestDate: group.latestDate,
        lastUpdatedAt: new Date(group.lastUpdatedAt).toISOString(),
      },
    ];
  });
  regions.sort((a, b) => a.key.localeCompare(b.key));
  return { regions };
}
