/**
 * The 27 first-level regions (24 oblasts, Kyiv city, Crimea, Sevastopol), keyed as the API keys them.
 * Data comes from data/gazetteer/oblasts.json (KATOTTH codifier facts; see data/gazetteer/README.md).
 */
import oblasts from '../../data/gazetteer/oblasts.json' with { type: 'json' };
import type { RegionKey } from '../extraction/types.js';

export interface Region {
  key: RegionKey;
  nameUk: string;
  /** The informal regional name ("Сумщина"), or the city itself for Kyiv and Sevastopol. */
  shortUk: string;
  nameEn: string;
  katottg: string;
  koatuuPrefix: string;
}

const REGIONS: readonly Region[] = Object.freeze(
  oblasts.map((row) =>
    Object.freeze({
      key: row.key,
      nameUk: row.name_uk,
      shortUk: row.short_uk,
      nameEn: row.name_en,
      katottg: row.katottg,
      koatuuPrefix: row.koatuu_prefix,
    }),
  ),
);

const REGIONS_BY_KEY = new Map(REGIONS.map((region) => [region.key, region]));

// English names as labels and APIs write them, lowercased: "sumy", "sumy oblast", "kyiv city", "crimea".
const REGION_KEYS_BY_ENGLISH_NAME = new Map<string, RegionKey>();
for (const region of REGIONS) {
  const name = region.nameEn.toLowerCase();
  REGION_KEYS_BY_ENGLISH_NAME.set(name, region.key);
  REGION_KEYS_BY_ENGLISH_NAME.set(name.replace(/ oblast$/, ''), region.key);
}
// Keys resolve to themselves, so "kyiv" is Kyiv Oblast as the API keys it; the city is "Kyiv city".
for (const region of REGIONS) REGION_KEYS_BY_ENGLISH_NAME.set(region.key, region.key);
REGION_KEYS_BY_ENGLISH_NAME.set('kyiv city', 'kyiv_city');
REGION_KEYS_BY_ENGLISH_NAME.set('city of kyiv', 'kyiv_city');
REGION_KEYS_BY_ENGLISH_NAME.set('crimea', 'crimea');

/** The region with this key, or undefined. */
export function getRegion(key: RegionKey): Region | undefined {
  return REGIONS_BY_KEY.get(key);
}

/** All 27 regions, in codifier order. */
export function listRegions(): readonly Region[] {
  return REGIONS;
}

/** True when the key names one of the 27 regions. */
export function isRegionKey(key: string): key is RegionKey {
  return REGIONS_BY_KEY.has(key);
}

/**
 * Resolves an English region name as labels and query strings write it ("Sumy", "Sumy Oblast",
 * "kharkiv", "Kyiv city") to its key. "Kyiv" alone is the oblast key `kyiv`; the city is "Kyiv city".
 */
export function resolveRegionName(name: string): RegionKey | null {
  const norm = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return (
    REGION_KEYS_BY_ENGLISH_NAME.get(norm) ?? REGION_KEYS_BY_ENGLISH_NAME.get(norm.replace(/_/g, ' ')) ?? null
  );
}
