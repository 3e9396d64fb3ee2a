/**
 * Resolves a labelled `per_community[].name` ("Bilopillia (Belopolskaya)", "Херсон (місто)", "Миропільська")
 * to the hromada's KATOTTG code through the gazetteer, as the extractor's `perCommunity[].community` is keyed.
 */
import type { RegionKey } from '../extraction/types.js';
import { matchCommunity } from '../gazetteer/match-community.js';

export function resolveLabelledCommunity(name: string, region: RegionKey): string | null {
  return matchCommunity(name, region)?.katottg ?? null;
}
