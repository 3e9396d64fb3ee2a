/**
 * Communities (hromadas) over a period: ranked by their summed attacks or explosions, and one
 * community's daily series. Figures come from the per-community breakdowns of the daily `total` tallies;
 * names and codes from the gazetteer.
 */
import { getHromada } from '../../domain/gazetteer/index.js';
import { listDates } from '../../domain/tallies/rollup-tallies.js';
import type { MetricFigure } from '../../domain/tallies/rollup-tallies.js';
import { Tally } from '../../models/tally.model.js';
import type { TallyFields } from '../../models/tally.model.js';
import { toMetricFigure } from './tallies.queries.js';

export interface CommunityRanking {
  code: string;
  nameUk: string | null;
  nameEn: string | null;
  region: string;
  attacks: MetricFigure | null;
  explosions: MetricFigure | null;
  /** Days of the period on which the community appears in a report. */
  days: number;
}

export interface CommunityRankingQuery {
  region?: string | undefined;
  from: string;
  to: string;
  sort: 'attacks' | 'explosions';
  limit: number;
}

function addFigure(sum: MetricFigure | null, figure: MetricFigure | null): MetricFigure | null {
  if (figure === null) return sum;
  if (sum === null) return { ...figure };
  const qualifier = sum.qualifier === 'exact' && figure.qualifier === 'exact' ? 'exact' : 'at_least';
  return { value: sum.value + figure.value, qualifier };
}

type CommunityTallies = Array<Pick<TallyFields, 'region' | 'date' | 'perCommunity'>>;

export async function rankCommunities(
  query: CommunityRankingQuery,
): Promise<{ communities: CommunityRanking[] }> {
  const filter: Record<string, unknown> = {
    window: 'total',
    date: { $gte: query.from, $lte: query.to },
    'perCommunity.0': { $exists: true },
  };
  if (query.region !== undefined) filter['region'] = query.region;
  const tallies = await Tally.find(filter, { region: 1, date: 1, perCommunity: 1 }).lean<CommunityTallies>();
  const byCode = new Map<string, CommunityRanking>();
  for (const tally of tallies) {
    for (const entry of tally.perCommunity) {
      let ranking = byCode.get(entry.community);
      if (ranking === undefined) {
        const hromada = getHromada(entry.community);
        ranking = {
          code: entry.community,
          nameUk: hromada?.nameUk ?? null,
          nameEn: hromada?.nameEn ?? null,
          region: hromada?.oblast ?? tally.region,
          attacks: null,
          explosions: null,
          days: 0,
        };
        byCode.set(entry.community, ranking);
      }
      ranking.attacks = addFigure(ranking.attacks, toMetricFigure(entry.attacks));
      ranking.explosions = addFigure(ranking.explosions, toMetricFigure(entry.explosions));
      ranking.days += 1;
    }
  }
  const rankValue = (ranking: CommunityRanking) => ranking[query.sort]?.value ?? -1;
  const communities = [...byCode.values()]
    .sort((a, b) => rankValue(b) - rankValue(a) || b.days - a.days || a.code.localeCompare(b.code))
    .slice(0, query.limit);
  return { communities };
}

export interface CommunityPoint {
  date: string;
  attacks: MetricFigure | null;
  explosions: MetricFigure | null;
  /** Whether a report named the community that day (false: no figures, not zero). */
  reported: boolean;
}

/** One community's daily series; every day of the range has a point. */
export async function findCommunitySeries(
  code: string,
  from: string,
  to: string,
  zone: string,
): Promise<{
  community: { code: string; nameUk: string; nameEn: string; region: string };
  points: CommunityPoint[];
}> {
  const hromada = getHromada(code);
  if (hromada === undefined) throw new RangeError(`unknown community ${code}`);
  const tallies = await Tally.find(
    {
      region: hromada.oblast,
      window: 'total',
      date: { $gte: from, $lte: to },
      'perCommunity.community': code,
    },
    { date: 1, perCommunity: 1 },
  ).lean<CommunityTallies>();
  const byDate = new Map<string, CommunityPoint>();
  for (const tally of tallies) {
    let point: CommunityPoint | undefined;
    for (const entry of tally.perCommunity) {
      if (entry.community !== code) continue;
      point ??= { date: tally.date, attacks: null, explosions: null, reported: true };
      point.attacks = addFigure(point.attacks, toMetricFigure(entry.attacks));
      point.explosions = addFigure(point.explosions, toMetricFigure(entry.explosions));
    }
    if (point) byDate.set(tally.date, point);
  }
  return {
    community: { code, nameUk: hromada.nameUk, nameEn: hromada.nameEn, region: hromada.oblast },
    points: listDates(from, to, zone).map(
      (date) => byDate.get(date) ?? { date, attacks: null, explosions: null, reported: false },
    ),
  };
}
