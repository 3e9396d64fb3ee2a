/**
 * A new front: a community attacked today after `newFrontQuietDays` days without an attack. The quiet
 * stretch counts only if enough of its days had a per-community breakdown: a region that stopped listing
 * communities has not gone calm, it has gone quiet about it.
 */
import type { RegionIndex } from './region-series.js';
import type { CommunityDay } from './types.js';
import type { AlertThresholds } from './thresholds.js';

export interface NewFrontFinding {
  community: string;
  /** The day's attacks, or explosions when the breakdown gives no attacks. */
  metric: 'attacks' | 'explosions';
  value: number | null;
  quietDays: number;
  coverageDays: number;
  method: string;
}

/** Named in a breakdown counts as attacked, unless every figure it gives is 0. */
function isAttacked(entry: CommunityDay): boolean {
  if (entry.attacks === null && entry.explosions === null) return true;
  return (entry.attacks ?? 0) > 0 || (entry.explosions ?? 0) > 0;
}

export function findNewFronts(
  index: RegionIndex,
  day: number,
  thresholds: Readonly<AlertThresholds>,
): NewFrontFinding[] {
  const today = index.byDay.get(day)?.perCommunity ?? [];
  const attackedToday = today.filter(isAttacked);
  if (attackedToday.length === 0) return [];

  const attackedBefore = new Set<string>();
  let coverageDays = 0;
  for (let earlier = day - thresholds.newFrontQuietDays; earlier < day; earlier++) {
    const breakdown = index.byDay.get(earlier)?.perCommunity ?? [];
    if (breakdown.length === 0) continue;
    coverageDays++;
    for (const entry of breakdown) if (isAttacked(entry)) attackedBefore.add(entry.community);
  }
  if (coverageDays < thresholds.newFrontMinCoverageDays) return [];

  const method = `new-front(no attack in ${thresholds.newFrontQuietDays}d, breakdowns on ${coverageDays}d)`;
  return attackedToday
    .filter((entry) => !attackedBefore.has(entry.community))
    .map((entry) => {
      const metric = entry.attacks === null && entry.explosions !== null ? 'explosions' : 'attacks';
      return {
        community: entry.community,
        metric,
        value: entry[metric],
        quietDays: thresholds.newFrontQuietDays,
        coverageDays,
        method,
      };
    });
}
