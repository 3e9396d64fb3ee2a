/**
 * The daily briefing: a row per region with the day's figures beside their trailing 7- and 28-day
 * averages and the change, the day's top communities, the day's alerts, and a link behind every number
 * (the report that stated it; the API series behind each average).
 */
import type { Types } from 'mongoose';
import { compareToBaseline, shiftDate } from '../../domain/briefings/compare-to-baseline.js';
import type { MetricComparison } from '../../domain/briefings/compare-to-baseline.js';
import type { MetricName } from '../../domain/extraction/types.js';
import { getHromada, getRegion } from '../../domain/gazetteer/index.js';
import type { MetricFigure } from '../../domain/tallies/rollup-tallies.js';
import { Alert } from '../../models/alert.model.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';
import type { TallyFields } from '../../models/tally.model.js';
import { readDailyFigures, toMetricFigure } from './tallies.queries.js';

export interface BriefingLink {
  reportId: string;
  source: string;
  sourceName: string | null;
  url: string | null;
  publishedAt: string;
}

export interface BriefingMetric extends MetricComparison {
  /** The reports that stated the day's figure. */
  sources: BriefingLink[];
}

export interface BriefingCommunity {
  code: string;
  nameUk: string | null;
  nameEn: string | null;
  attacks: MetricFigure | null;
  explosions: MetricFigure | null;
}

export interface BriefingAlert {
  id: string;
  kind: string;
  region: string | null;
  community: string | null;
  metric: string | null;
  value: number | null;
  baseline: number | null;
  threshold: number | null;
  method: string;
  explanation: string;
  status: string;
}

export interface BriefingRow {
  region: string;
  nameUk: string;
  nameEn: string;
  /** Whether the region has a daily total for the date. */
  reported: boolean;
  /** True when the day's figures are the synthetic demo set. */
  demo: boolean;
  metrics: BriefingMetric[];
  topCommunities: BriefingCommunity[];
  alerts: BriefingAlert[];
  /** API links: the day in full, and the 28-day series behind the averages. */
  dayUrl: string;
  seriesUrl: string;
}

export interface Briefing {
  date: string;
  regions: BriefingRow[];
  /** Alerts of the day that belong to no region row (a silent national source, for example). */
  otherAlerts: BriefingAlert[];
}

const TOP_COMMUNITIES = 3;

type DayTally = Pick<TallyFields, 'region' | 'metrics' | 'perCommunity' | 'contributions' | 'demo'>;

function toBriefingAlert(alert: Record<string, unknown> & { _id: Types.ObjectId }): BriefingAlert {
  const text = (key: string) => (typeof alert[key] === 'string' ? alert[key] : null);
  const number = (key: string) => (typeof alert[key] === 'number' ? alert[key] : null);
  return {
    id: String(alert._id),
    kind: text('kind') ?? 'unknown',
    region: text('region'),
    community: text('community'),
    metric: text('metric'),
    value: number('value'),
    baseline: number('baseline'),
    threshold: number('threshold'),
    method: text('method') ?? '',
    explanation: text('explanation') ?? '',
    status: text('status') ?? 'open',
  };
}

/** The reports behind each metric of a day's tally (every contributing report when spans were not kept). */
async function readMetricLinks(tally: DayTally | undefined): Promise<Map<MetricName, BriefingLink[]>> {
  const links = new Map<MetricName, BriefingLink[]>();
  if (!tally) return links;
  const reportIds = tally.contributions.flatMap((contribution) =>
    contribution.report ? [contribution.report] : [],
  );
  if (reportIds.length === 0) return links;
  const reports = await Report.find(
    { _id: { $in: reportIds } },
    { source: 1, url: 1, publishedAt: 1 },
  ).lean();
  const names = new Map(
    (await Source.find({ key: { $in: reports.map((r) => r.source) } }, { key: 1, name: 1 }).lean()).map(
      (s) => [s.key, s.name],
    ),
  );
  const byId = new Map(
    reports.map((report) => [
      String(report._id),
      {
        reportId: String(report._id),
        source: report.source,
        sourceName: names.get(report.source) ?? null,
        url: report.url ?? null,
        publishedAt: report.publishedAt.toISOString(),
      },
    ]),
  );
  for (const contribution of tally.contributions) {
    const link = contribution.report ? byId.get(String(contribution.report)) : undefined;
    if (!link) continue;
    const metrics = new Set(contribution.evidence.map((evidence) => evidence.metric));
    for (const [metric, figure] of Object.entries(tally.metrics ?? {}) as Array<[MetricName, unknown]>) {
      if (figure === null || figure === undefined) continue;
      if (metrics.size > 0 && !metrics.has(metric)) continue;
      const list = links.get(metric) ?? [];
      if (!list.some((existing) => existing.reportId === link.reportId)) list.push(link);
      links.set(metric, list);
    }
  }
  return links;
}

function pickTopCommunities(tally: DayTally | undefined): BriefingCommunity[] {
  if (!tally) return [];
  const score = (community: BriefingCommunity) =>
    (community.attacks?.value ?? -1) * 1_000_000 + (community.explosions?.value ?? -1);
  return tally.perCommunity
    .map((entry) => {
      const hromada = getHromada(entry.community);
      return {
        code: entry.community,
        nameUk: hromada?.nameUk ?? entry.name,
        nameEn: hromada?.nameEn ?? null,
        attacks: toMetricFigure(entry.attacks),
        explosions: toMetricFigure(entry.explosions),
      };
    })
    .sort((a, b) => score(b) - score(a) || a.code.localeCompare(b.code))
    .slice(0, TOP_COMMUNITIES);
}

export async function buildBriefing(date: string): Promise<Briefing> {
  const from = shiftDate(date, -28);
  const distinct: unknown[] = await Tally.distinct('region', {
    window: 'total',
    date: { $gte: from, $lte: date },
  });
  const regionKeys = distinct.filter((key): key is string => typeof key === 'string').sort();
  const history = await readDailyFigures(regionKeys, from, date);
  const dayTallies = await Tally.find(
    { window: 'total', date },
    { region: 1, metrics: 1, perCommunity: 1, contributions: 1, demo: 1 },
  ).lean<DayTally[]>();
  const tallyByRegion = new Map(dayTallies.map((tally) => [tally.region, tally]));
  const alerts = (await Alert.find({ date }).sort({ region: 1, kind: 1 }).lean()).map((alert) =>
    toBriefingAlert(alert as unknown as Record<string, unknown> & { _id: Types.ObjectId }),
  );

  const regions: BriefingRow[] = [];
  for (const key of regionKeys) {
    const region = getRegion(key);
    if (!region) continue;
    const tally = tallyByRegion.get(key);
    const links = await readMetricLinks(tally);
    regions.push({
      region: key,
      nameUk: region.nameUk,
      nameEn: region.nameEn,
      reported: tally !== undefined,
      demo: tally?.demo ?? false,
      metrics: compareToBaseline(date, history.get(key) ?? []).map((comparison) => ({
        ...comparison,
        sources: links.get(comparison.metric) ?? [],
      })),
      topCommunities: pickTopCommunities(tally),
      alerts: alerts.filter((alert) => alert.region === key),
      dayUrl: `/api/v1/regions/${key}/days/${date}`,
      seriesUrl: `/api/v1/tallies?region=${key}&from=${from}&to=${date}`,
    });
  }
  return {
    date,
    regions,
    otherAlerts: alerts.filter((alert) => alert.region === null || !regionKeys.includes(alert.region)),
  };
}
