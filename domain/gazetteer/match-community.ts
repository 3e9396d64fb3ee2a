/**
 * Resolves one community name, as a label, a form field or a text writes it, to a hromada:
 * "Білопільська", "Білопільській громаді", "Bilopillia hromada", "the Bilopilska community", "Belopolskaya",
 * "Нікополь", "Херсон (місто)", "Myropillia (Miropolskaya)", old names of renamed centres ("Druzhba").
 */
import type { RegionKey } from '../extraction/types.js';
import {
  compareHromadas,
  FORMS_BY_FIRST_WORD,
  SKELETONS_BY_REGION,
  type NameKind,
} from './community-index.js';
import { COMMUNITY_MODIFIERS, COMMUNITY_NOUNS } from './community-words.js';
import { foldWord, skeletonOf } from './fold-name.js';
import type { Hromada } from './hromadas.js';
import { startsUpperCase, tokeniseText } from './tokenise-text.js';

// Words that only say what kind of place the name is or where ("the", "м.", "місто", "in", "по").
const FILLER_WORDS = new Set([
  ...['the', 'of', 'in', 'at', 'near', 'on'],
  ...['м', 'с', 'смт', 'сел', 'місто', 'місті', 'міста', 'село', 'селі', 'селище', 'город', 'г'],
  ...['у', 'в', 'по', 'на', 'з', 'із', 'біля', 'під', 'во', 'под', 'около'],
]);

/**
 * The hromada this name means, within `region` when given, or null. Where a name fits several hromadas
 * (names repeat), the hromada named by its own adjective wins, then the larger (urban, settlement, rural).
 */
export function matchCommunity(name: string, region?: RegionKey | null): Hromada | null {
  for (const variant of readNameVariants(name)) {
    const found = matchExact(variant, region ?? null) ?? matchSkeleton(variant, region ?? null);
    if (found) return found;
  }
  return null;
}

/** The name itself, then any name given in parentheses ("Myropillia (Miropolskaya)"). */
function readNameVariants(name: string): string[][] {
  const outside = name.replace(/\([^)]*\)/g, ' ');
  const inside = [...name.matchAll(/\(([^)]*)\)/g)].map((match) => match[1] ?? '');
  return [outside, ...inside].map(toNameWords).filter((words) => words.length > 0);
}

/** The words of a name without "громада", "community", "сільська", "the" and the like, folded. */
function toNameWords(name: string): string[] {
  return (
    tokeniseText(name)
      .filter((token) => !COMMUNITY_NOUNS.has(token.norm) && !COMMUNITY_MODIFIERS.has(token.norm))
      // "м. Суми", "по Нікополю", "the Bilopilska": fillers are lower-case; "Зелений Під" keeps its "Під".
      .filter((token) => !FILLER_WORDS.has(token.norm) || startsUpperCase(token.raw))
      .flatMap((token) => token.raw.split(/[-‐‑–]/))
      .filter((word) => word.length > 0)
      .map(foldWord)
  );
}

function matchExact(words: readonly string[], region: RegionKey | null): Hromada | null {
  const [first, ...rest] = words;
  if (!first) return null;
  const found: Array<{ hromada: Hromada; kind: NameKind }> = [];
  for (const form of FORMS_BY_FIRST_WORD.get(first) ?? []) {
    if (region && form.hromada.oblast !== region) continue;
    if (form.rest.length !== rest.length || !form.rest.every((key, index) => key === rest[index])) continue;
    found.push(form);
  }
  found.sort(
    (a, b) =>
      Number(b.kind === 'adjective') - Number(a.kind === 'adjective') ||
      compareHromadas(a.hromada, b.hromada),
  );
  return found[0]?.hromada ?? null;
}

function matchSkeleton(words: readonly string[], region: RegionKey | null): Hromada | null {
  const joined = words.join('').replace(/(?:aia|oi|ii|ои|ий|ая|ой|ую|ою|ие|ые|ых|их|им|ими)$/, '');
  const skeleton = skeletonOf(joined);
  if (!skeleton) return null;
  const regions = region ? [region] : [...SKELETONS_BY_REGION.keys()];
  const matches = regions.flatMap((key) => SKELETONS_BY_REGION.get(key)?.get(skeleton) ?? []);
  // Across oblasts a bare skeleton is too weak to choose between equals.
  if (!region && new Set(matches.map((hromada) => hromada.oblast)).size > 1) return null;
  return [...matches].sort(compareHromadas)[0] ?? null;
}
