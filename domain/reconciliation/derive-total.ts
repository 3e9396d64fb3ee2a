/**
 * Derives the `total` tally (the whole Kyiv-local day) from the window tallies of that day, counting no
 * stretch of time twice:
 *
 * - the windows are summed as a partition of the day: night-and-morning plus day, or, when no
 *   night-and-morning tally exists, night plus morning plus day. Night or morning tallies beside a
 *   night-and-morning one are covered by it and not added again;
 * - counts (attacks, explosions, projectiles, injured, killed) add up across the parts. The numbers of
 *   communities and settlements do not (the same village may be hit at night and by day), so the total
 *   keeps the largest part's figure, qualified "at least" when several parts state one;
 * - a part that does not state a metric another part states leaves the total "at least" the sum of the
 *   parts that do: an unstated figure is unknown, never 0. A metric no part states stays null;
 * - a "past 24 hours" summary is the administration's own figure for the day: it is kept where it states
 *   a metric, and where the windows' sum differs from it, the difference is recorded as a disagreement.
 */
import { METRIC_NAMES } from '../extraction/types.js';
import type { MetricName, Qualifier } from '../extraction/types.js';
import type {
  CommunityFigures,
  Disagreement,
  ReconciledTally,
  ReportWindow,
  TallyMetric,
  TallyMetrics,
  WeaponFigures,
} from './types.js';

const NOT_ADDITIVE = new Set<MetricName>(['communities', 'settlements']);

/** The qualifier of a sum: exact only if every part is; "at least" when a part is a lower bound. */
function combineQualifiers(qualifiers: readonly Qualifier[], partMissing: boolean): Qualifier {
  if (qualifiers.every((q) => q === 'exact')) return partMissing ? 'at_least' : 'exact';
  if (qualifiers.every((q) => q === 'exact' || q === 'at_least' || q === 'more_than')) return 'at_least';
  return 'about';
}

/** Sums one metric over the parts that exist; null when none states it. */
function sumParts(values: ReadonlyArray<TallyMetric | null>, additive: boolean): TallyMetric | null {
  const stated = values.filter((value): value is TallyMetric => value !== null);
  const [first] = stated;
  if (!first) return null;
  const partMissing = stated.length < values.length;
  if (!additive) {
    const largest = stated.reduce((best, value) => (value.value > best.value ? value : best), first);
    const qualifier =
      stated.length > 1 || partMissing
        ? combineQualifiers(
            stated.map((v) => v.qualifier),
            true,
          )
        : largest.qualifier;
    return { value: largest.value, qualifier, term: largest.term };
  }
  return {
    value: stated.reduce((sum, value) => sum + value.value, 0),
    qualifier:
      stated.length === 1 && !partMissing
        ? first.qualifier
        : combineQualifiers(
            stated.map((v) => v.qualifier),
            partMissing,
          ),
    term: first.term,
  };
}

function pickPartition(byWindow: ReadonlyMap<ReportWindow, ReconciledTally>): ReconciledTally[] {
  const day = byWindow.get('day');
  const nightAndMorning = byWindow.get('night_and_morning');
  const parts = nightAndMorning ? [nightAndMorning] : [byWindow.get('night'), byWindow.get('morning')];
  return [...parts, day].filter((part): part is ReconciledTally => part !== undefined);
}

function mergeCommunities(parts: readonly ReconciledTally[]): CommunityFigures[] {
  const lists = parts.filter((part) => part.perCommunity.length > 0);
  const [only] = lists;
  if (!only) return [];
  if (lists.length === 1) return only.perCommunity;
  const merged = new Map<
    string,
    {
      name: string;
      attacks: Array<TallyMetric | null>;
      explosions: Array<TallyMetric | null>;
      weapons: Set<string>;
    }
  >();
  for (const part of lists) {
    for (const entry of part.perCommunity) {
      const slot = merged.get(entry.community) ?? {
        name: entry.name,
        attacks: [],
        explosions: [],
        weapons: new Set<string>(),
      };
      slot.attacks.push(entry.attacks);
      slot.explosions.push(entry.explosions);
      for (const weapon of entry.weapons) slot.weapons.add(weapon);
      merged.set(entry.community, slot);
    }
  }
  return [...merged.entries()].map(([community, slot]) => ({
    community,
    name: slot.name,
    // A community a part does not list was not reported hit in that part: only the listed figures add up.
    attacks: sumParts(
      slot.attacks.filter((v) => v !== null),
      true,
    ),
    explosions: sumParts(
      slot.explosions.filter((v) => v !== null),
      true,
    ),
    weapons: [...slot.weapons].sort(),
  }));
}

function mergeWeapons(parts: readonly ReconciledTally[]): WeaponFigures[] {
  const byWeapon = new Map<string, Array<TallyMetric | null>>();
  for (const part of parts) {
    for (const entry of part.weapons)
      byWeapon.set(entry.weapon, [...(byWeapon.get(entry.weapon) ?? []), entry.value]);
  }
  return [...byWeapon.entries()].map(([weapon, values]) => ({
    weapon,
    value: sumParts(
      values.filter((v) => v !== null),
      true,
    ),
  }));
}

export function deriveTotal(windows: readonly ReconciledTally[]): ReconciledTally | null {
  if (windows.length === 0) return null;
  const byWindow = new Map<ReportWindow, ReconciledTally>();
  for (const tally of windows) if (tally.window !== 'total') byWindow.set(tally.window, tally);
  const summary = byWindow.get('past_24h');
  const parts = pickPartition(byWindow);
  const disagreements: Disagreement[] = windows.flatMap((tally) => tally.disagreements);

  const metrics = {} as TallyMetrics;
  for (const metric of METRIC_NAMES) {
    const partsSum =
      parts.length > 0
        ? sumParts(
            parts.map((part) => part.metrics[metric]),
            !NOT_ADDITIVE.has(metric),
          )
        : null;
    const stated = summary?.metrics[metric] ?? null;
    metrics[metric] = stated ?? partsSum;
    if (summary && stated && partsSum && partsSum.value !== stated.value && parts.length > 0) {
      const summaryReport = summary.contributions[0];
      const partReports = parts.flatMap((part) => part.contributions.slice(0, 1));
      disagreements.push({
        metric,
        values: [
          {
            report: summaryReport?.report ?? '',
            source: summaryReport?.source ?? '',
            value: stated.value,
            qualifier: stated.qualifier,
          },
          ...partReports.map((c) => ({
            report: c.report,
            source: c.source,
            value: partsSum.value,
            qualifier: partsSum.qualifier,
          })),
        ],
        resolution: `kept the past-24-hours summary over the sum of the windows it covers (${parts.map((p) => p.window).join(' + ')})`,
      });
    }
  }

  const used = summary ? [summary, ...parts] : parts;
  const countedWindows = new Set(used.map((tally) => tally.window));
  // Windows covered by a larger one still list their reports, so every report of the day is traceable.
  const contributions = windows.flatMap((tally) => tally.contributions);
  return {
    window: 'total',
    metrics,
    perCommunity: summary && summary.perCommunity.length > 0 ? summary.perCommunity : mergeCommunities(parts),
    weapons: summary && summary.weapons.length > 0 ? summary.weapons : mergeWeapons(parts),
    contributions: contributions.sort(
      (a, b) => Number(countedWindows.has(b.window)) - Number(countedWindows.has(a.window)),
    ),
    disagreements,
  };
}
