/** Readable names for a detection's subject, for explanations. */
import { getHromada } from '../gazetteer/hromadas.js';
import { getRegion } from '../gazetteer/regions.js';

export function describeSubject(region: string, community: string | null): string {
  const regionName = getRegion(region)?.nameEn ?? region;
  if (community === null) return regionName;
  const hromada = getHromada(community);
  return `${hromada ? `${hromada.nameEn} community` : `community ${community}`} (${regionName})`;
}

/** Rounds for display: whole numbers stay whole, others keep one decimal. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
