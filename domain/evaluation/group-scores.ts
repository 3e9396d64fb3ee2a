/**
 * Splits scored items into groups (by language, outlet, region or year) and summarises each, so that a rule
 * which lifts one group while dropping another shows up as over-fitting rather than hiding in the total.
 */
import { METRIC_NAMES } from '../extraction/types.js';
import type { EvalItem } from './eval-item.js';
import type { ItemScore } from './score-item.js';
import { summariseScores, type EvalSummary } from './summarise-scores.js';

export const GROUP_KEYS = ['lang', 'outlet', 'region', 'year'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export interface ScoreGroup {
  name: string;
  summary: EvalSummary;
}

/** The group an item falls in; negatives without a region are grouped as "(negative)". */
export function readGroupName(item: EvalItem, by: GroupKey): string {
  switch (by) {
    case 'lang':
      return item.lang;
    case 'outlet':
      return item.outlet ?? '(unknown outlet)';
    case 'region':
      return item.region ?? '(negative)';
    case 'year':
      return (item.reportDate ?? item.published)?.slice(0, 4) ?? '(undated)';
  }
}

/** One summary per group, largest group first, then by name. */
export function groupScores(
  scores: readonly ItemScore[],
  items: readonly EvalItem[],
  by: GroupKey,
): ScoreGroup[] {
  const itemById = new Map(items.map((item) => [item.id, item]));
  const groups = new Map<string, ItemScore[]>();
  for (const score of scores) {
    const item = itemById.get(score.id);
    const name = item ? readGroupName(item, by) : '(unknown)';
    const members = groups.get(name) ?? [];
    members.push(score);
    groups.set(name, members);
  }
  return [...groups.entries()]
    .map(([name, members]) => ({ name, summary: summariseScores(members) }))
    .sort((a, b) => b.summary.items - a.summary.items || a.name.localeCompare(b.name));
}

const SHORT_NAMES: Record<(typeof METRIC_NAMES)[number], string> = {
  communities: 'comm',
  settlements: 'sett',
  attacks: 'att',
  explosions: 'expl',
  projectiles: 'proj',
  injured: 'inj',
  killed: 'kill',
};

/** A table with one row per group: item counts, each field's exact rate, per-community, date, false positives. */
export function formatGroupTable(groups: readonly ScoreGroup[], by: GroupKey): string {
  const width = Math.min(40, Math.max(by.length, ...groups.map((group) => group.name.length)) + 2);
  const header = [
    by.padEnd(width),
    'items'.padStart(6),
    ...METRIC_NAMES.map((name) => SHORT_NAMES[name].padStart(7)),
    'percom'.padStart(7),
    'date'.padStart(7),
    'fp'.padStart(6),
  ].join('');
  const rows = groups.map(({ name, summary }) =>
    [
      (name.length > width - 2 ? `${name.slice(0, width - 3)}…` : name).padEnd(width),
      String(summary.items).padStart(6),
      ...METRIC_NAMES.map((metric) => pct(summary.fields[metric].exact)),
      pct(summary.perCommunity.exact),
      pct(summary.date.accuracy),
      `${summary.negatives.falsePositives}/${summary.negatives.count}`.padStart(6),
    ].join(''),
  );
  return [header, ...rows].join('\n');
}

function pct(value: number): string {
  return `${(value * 100).toFixed(0)}%`.padStart(7);
}
