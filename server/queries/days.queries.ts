/**
 * One region's day in full: every window's tally with its per-community breakdown (names from the
 * gazetteer), weapon subtotals and disagreements, and the provenance of every number: the reports behind
 * it, their source, URL and publication time, and the text span each figure was read from.
 */
import type { Types } from 'mongoose';
import { getHromada } from '../../domain/gazetteer/index.js';
import type { MetricFigure } from '../../domain/tallies/rollup-tallies.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { TALLY_WINDOWS, Tally } from '../../models/tally.model.js';
import type { TallyFields, TallyWindow } from '../../models/tally.model.js';
import { toMetricFigure, toMetricFigures } from './tallies.queries.js';

type StoredTally = TallyFields & { _id: Types.ObjectId };

export interface Evidence {
  metric: string;
  text: string;
  start: number;
  end: number;
}

export interface CommunityFigures {
  community: string;
  nameUk: string | null;
  nameEn: string | null;
  /** The name as the report wrote it. */
  name: string;
  attacks: MetricFigure | null;
  explosions: MetricFigure | null;
  weapons: string[];
}

export interface WeaponSubtotal {
  weapon: string;
  /** Communities whose figures name this weapon, and the sums of their stated figures (null if none). */
  communities: number;
  attacks: MetricFigure | null;
  explosions: MetricFigure | null;
}

export interface WindowView {
  window: TallyWindow;
  metrics: Record<string, (MetricFigure & { term: string | null }) | null>;
  perCommunity: CommunityFigures[];
  weapons: WeaponSubtotal[];
  disagreements: Array<{
    metric: string;
    values: Array<{ source: string; value: number; qualifier: string }>;
    resolution: string | null;
  }>;
  contributions: Array<{
    report: string | null;
    source: string;
    extractorVersion: string;
    evidence: Evidence[];
  }>;
  demo: boolean;
  updatedAt: string | null;
}

export interface ReportProvenance {
  id: string;
  source: string;
  sourceName: string | null;
  url: string | null;
  publishedAt: string;
  /** The spans behind the day's figures, with the window each backs. */
  evidence: Array<Evidence & { window: TallyWindow }>;
}

export interface DayView {
  region: string;
  date: string;
  total: WindowView | null;
  windows: WindowView[];
  reports: ReportProvenance[];
}

function addFigure(sum: MetricFigure | null, figure: MetricFigure | null): MetricFigure | null {
  if (figure === null) return sum;
  if (sum === null) return { ...figure };
  const qualifier = sum.qualifier === 'exact' && figure.qualifier === 'exact' ? 'exact' : 'about';
  return { value: sum.value + figure.value, qualifier };
}

/** Weapon subtotals across the communities of one window, weapons in order of first mention. */
export function sumWeapons(perCommunity: readonly CommunityFigures[]): WeaponSubtotal[] {
  const byWeapon = new Map<string, WeaponSubtotal>();
  for (const community of perCommunity) {
    for (const weapon of new Set(community.weapons)) {
      const subtotal = byWeapon.get(weapon) ?? { weapon, communities: 0, attacks: null, explosions: null };
      subtotal.communities += 1;
      subtotal.attacks = addFigure(subtotal.attacks, community.attacks);
      subtotal.explosions = addFigure(subtotal.explosions, community.explosions);
      byWeapon.set(weapon, subtotal);
    }
  }
  return [...byWeapon.values()];
}

function toWindowView(tally: StoredTally): WindowView {
  const perCommunity = tally.perCommunity.map((entry): CommunityFigures => {
    const hromada = getHromada(entry.community);
    return {
      community: entry.community,
      nameUk: hromada?.nameUk ?? null,
      nameEn: hromada?.nameEn ?? null,
      name: entry.name,
      attacks: toMetricFigure(entry.attacks),
      explosions: toMetricFigure(entry.explosions),
      weapons: [...entry.weapons],
    };
  });
  const figures = toMetricFigures(tally.metrics);
  const metrics = Object.fromEntries(
    Object.entries(figures).map(([metric, figure]) => {
      const term = (tally.metrics as Record<string, { term?: string | null } | null> | undefined)?.[metric]
        ?.term;
      return [metric, figure === null ? null : { ...figure, term: term ?? null }];
    }),
  );
  return {
    window: tally.window,
    metrics,
    perCommunity,
    weapons: sumWeapons(perCommunity),
    disagreements: tally.disagreements.map((disagreement) => ({
      metric: disagreement.metric,
      values: disagreement.values.map(({ source, value, qualifier }) => ({ source, value, qualifier })),
      resolution: disagreement.resolution ?? null,
    })),
    contributions: tally.contributions.map((contribution) => ({
      report: contribution.report ? String(contribution.report) : null,
      source: contribution.source,
      extractorVersion: contribution.extractorVersion,
      evidence: contribution.evidence.map(({ metric, text, start, end }) => ({ metric, text, start, end })),
    })),
    demo: tally.demo,
    updatedAt: (tally as { updatedAt?: Date }).updatedAt?.toISOString() ?? null,
  };
}

/** The reports behind the windows, with the evidence each gave, newest publication first. */
async function readProvenance(windows: readonly WindowView[]): Promise<ReportProvenance[]> {
  const evidenceByReport = new Map<string, Array<Evidence & { window: TallyWindow }>>();
  for (const window of windows) {
    for (const contribution of window.contributions) {
      if (contribution.report === null) continue;
      const list = evidenceByReport.get(contribution.report) ?? [];
      list.push(...contribution.evidence.map((evidence) => ({ ...evidence, window: window.window })));
      evidenceByReport.set(contribution.report, list);
    }
  }
  if (evidenceByReport.size === 0) return [];
  const reports = await Report.find(
    { _id: { $in: [...evidenceByReport.keys()] } },
    { source: 1, url: 1, publishedAt: 1 },
  ).lean();
  const sources = await Source.find(
    { key: { $in: [...new Set(reports.map((r) => r.source))] } },
    { key: 1, name: 1 },
  ).lean();
  const sourceNames = new Map(sources.map((source) => [source.key, source.name]));
  return reports
    .map((report) => ({
      id: String(report._id),
      source: report.source,
      sourceName: sourceNames.get(report.source) ?? null,
      url: report.url ?? null,
      publishedAt: report.publishedAt.toISOString(),
      evidence: evidenceByReport.get(String(report._id)) ?? [],
    }))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id));
}

/** The day view; a day without any tally has `total: null` and no windows. */
export async function findDayView(region: string, date: string): Promise<DayView> {
  const tallies = await Tally.find({ region, date }).lean<StoredTally[]>();
  const order = (window: string) => TALLY_WINDOWS.indexOf(window as TallyWindow);
  const windows = tallies.sort((a, b) => order(a.window) - order(b.window)).map(toWindowView);
  return {
    region,
    date,
    total: windows.find((window) => window.window === 'total') ?? null,
    windows,
    reports: await readProvenance(windows),
  };
}
