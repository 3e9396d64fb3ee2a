/** Lists the weapon subtotals ("199 артилерійських ударів") the text gives for a region. */
import { toMetricValue } from './pick-metrics.js';
import type { ScopedCount } from './scope-figures.js';
import { shiftSpan } from './shift-evidence.js';
import type { RegionKey, WeaponKind, WeaponSubtotal } from './types.js';

export function collectWeapons(
  counts: readonly ScopedCount[],
  region: RegionKey,
  offset: number,
): WeaponSubtotal[] {
  const seen = new Map<WeaponKind, WeaponSubtotal>();
  for (const count of counts) {
    if (count.weapon === undefined || count.community || count.sentence.region !== region) continue;
    if (seen.has(count.weapon)) continue;
    const value = toMetricValue(count);
    seen.set(count.weapon, {
      weapon: count.weapon,
      value: { ...value, evidence: shiftSpan(value.evidence, offset) },
    });
  }
  return [...seen.values()];
}
