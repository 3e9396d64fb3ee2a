/**
 * Finds where a text names a region: "Сумської області", "на Сумщині", "Sumy Oblast Military
 * Administration", "Харьковщины", "Chernihiv and Sumy regions", and the oblast centres ("Херсоні", "Kharkiv").
 * One pass over the word tokens with map lookups; no per-region regexes.
 */
import type { RegionKey } from '../extraction/types.js';
import {
  ABBREVIATION_REGIONS,
  ADJECTIVE_REGIONS,
  ADMINISTRATION_ABBREVIATIONS,
  ADMINISTRATION_WORDS,
  CENTRE_REGIONS,
  CONJUNCTIONS,
  ENGLISH_CITY_FOLLOWERS,
  ENGLISH_NON_REGION_FOLLOWERS,
  ENGLISH_ROOT_REGIONS,
  PLURAL_REGION_NOUNS,
  SHORT_NAME_REGIONS,
  SINGULAR_REGION_NOUNS,
} from './region-lexicon.js';
import { RAION_ADJECTIVES, RAION_NOUNS, RAION_ROOTS, RAION_SHORT_NAMES } from './raion-lexicon.js';
import { isBlankGap, startsUpperCase, type Token } from './tokenise-text.js';
import { WordCursor } from './word-cursor.js';

/**
 * How the region was named:
 * - `oblast`: adjective or root with a region noun ("Сумська область", "Sumy region");
 * - `administration`: its administration ("Сумська ОВА", "Sumy Oblast Military Administration", "ХОВА");
 * - `short`: the informal name ("Сумщина", "Crimea");
 * - `city`: the oblast centre alone ("м. Суми", "Kharkiv", "Запоріжжя"), which may mean the city only;
 * - `raion`: one of its raions ("Нікопольщину", "у Миколаївському районі"): in the region, but not all of it.
 */
export type RegionMentionKind = 'oblast' | 'administration' | 'short' | 'city' | 'raion';

export interface RegionMention {
  region: RegionKey;
  start: number;
  end: number;
  /** The text of the mention as written. */
  form: string;
  kind: RegionMentionKind;
}

/** Every region mention in the text, in text order. Never throws. */
export function findRegionMentions(text: string): RegionMention[] {
  const cursor = new WordCursor(text);
  const mentions: RegionMention[] = [];
  let position = 0;
  for (let token = cursor.nextCapitalised(0); token; token = cursor.nextCapitalised(position)) {
    position = Math.max(matchAt(cursor, token, mentions), token.end);
  }
  return mentions;
}

/** Tries every kind of mention at a capitalised word; returns where the text it used ends. */
function matchAt(cursor: WordCursor, token: Token, out: RegionMention[]): number {
  const text = cursor.text;
  const abbreviation = ABBREVIATION_REGIONS.get(token.raw);
  if (abbreviation) {
    out.push(makeMention(text, abbreviation, token.start, token.end, 'administration'));
    return token.end;
  }

  const listedEnd = matchNamedRegions(cursor, token, out);
  if (listedEnd > 0) return listedEnd;

  const shortName = SHORT_NAME_REGIONS.get(token.norm);
  if (shortName) {
    out.push(makeMention(text, shortName, token.start, token.end, 'short'));
    return token.end;
  }

  const root = stripPossessive(token.norm);
  const next = cursor.wordAfter(token.end);
  const closeNext = next && isBlankGap(text, token.end, next.start) ? next : null;
  if (
    closeNext &&
    ENGLISH_NON_REGION_FOLLOWERS.has(stripPossessive(closeNext.norm)) &&
    ENGLISH_ROOT_REGIONS.has(root)
  ) {
    // "Sumy community", "Kyiv Independent", "Zaporizhzhia NPP": not the region, and not its centre.
    return closeNext.end;
  }

  const raionEnd = matchRaion(token, root, closeNext, text, out);
  if (raionEnd > 0) return raionEnd;

  const centre = CENTRE_REGIONS.get(token.norm) ?? CENTRE_REGIONS.get(root);
  if (centre) {
    const end = closeNext && ENGLISH_CITY_FOLLOWERS.has(closeNext.norm) ? closeNext.end : token.end;
    out.push(makeMention(text, centre, token.start, end, 'city'));
    return end;
  }

  // An English root with no noun and no city of that name ("in Dnipropetrovsk") still means the region.
  const englishRoot = ENGLISH_ROOT_REGIONS.get(root);
  if (englishRoot && /^[a-z]/.test(root)) {
    out.push(makeMention(text, englishRoot, token.start, token.end, 'short'));
  }
  return token.end;
}

/**
 * Adjectives or English roots followed by a region noun, alone or as a list sharing one plural noun:
 * "Сумській області", "Sumy Oblast", "у Сумській та Харківській областях", "Chernihiv, Sumy and Kharkiv regions".
 * Returns where the match ends, or 0 when there is none.
 */
function matchNamedRegions(cursor: WordCursor, first: Token, out: RegionMention[]): number {
  const text = cursor.text;
  const lookup = namedRegionLookup(first);
  if (!lookup) return 0;

  const listed: Array<{ token: Token; region: RegionKey }> = [];
  let token: Token | null = first;
  while (token) {
    const region = startsUpperCase(token.raw) ? lookup(token) : undefined;
    if (!region) return 0;
    listed.push({ token, region });
    const next = cursor.wordAfter(token.end);
    if (!next) return 0;
    const noun = stripPossessive(next.norm);
    const gapIsBlank = isBlankGap(text, token.end, next.start);
    if (gapIsBlank && (SINGULAR_REGION_NOUNS.has(noun) || PLURAL_REGION_NOUNS.has(noun))) {
      if (listed.length > 1 && !PLURAL_REGION_NOUNS.has(noun)) return 0;
      const extension = extendOverAdministration(cursor, next);
      const isAdministration = ADMINISTRATION_ABBREVIATIONS.has(noun) || extension.extended;
      listed.forEach((entry, index) => {
        const isLast = index === listed.length - 1;
        const end = isLast ? extension.end : entry.token.end;
        out.push(
          makeMention(
            text,
            entry.region,
            entry.token.start,
            end,
            isAdministration ? 'administration' : 'oblast',
          ),
        );
      });
      return extension.end;
    }
    // Another listed name: after a comma, or after a conjunction.
    if (/^\s*,\s*$/.test(text.slice(token.end, next.start)) && lookup(next)) {
      token = next;
    } else if (gapIsBlank && CONJUNCTIONS.has(next.norm)) {
      const after = cursor.wordAfter(next.end);
      if (!after || !isBlankGap(text, next.end, after.start) || !lookup(after)) return 0;
      token = after;
    } else {
      return 0;
    }
  }
  return 0;
}

/**
 * A raion, which lies in one oblast: its informal name ("Нікопольщину"), or its adjective or English root
 * with a raion noun ("Нікопольському районі", "Nikopol district"). Returns where it ends, or 0.
 */
function matchRaion(
  token: Token,
  root: string,
  closeNext: Token | null,
  text: string,
  out: RegionMention[],
): number {
  const informal = RAION_SHORT_NAMES.get(token.norm);
  if (informal) {
    out.push(makeMention(text, informal, token.start, token.end, 'raion'));
    return token.end;
  }
  if (!closeNext || !RAION_NOUNS.has(closeNext.norm)) return 0;
  const region = RAION_ADJECTIVES.get(token.norm) ?? RAION_ROOTS.get(root);
  if (!region) return 0;
  out.push(makeMention(text, region, token.start, closeNext.end, 'raion'));
  return closeNext.end;
}

/** Chooses the adjective table (Cyrillic) or the English root table (Latin) for a list starting here. */
function namedRegionLookup(token: Token): ((candidate: Token) => RegionKey | undefined) | undefined {
  if (ADJECTIVE_REGIONS.has(token.norm)) return (candidate) => ADJECTIVE_REGIONS.get(candidate.norm);
  if (ENGLISH_ROOT_REGIONS.has(stripPossessive(token.norm))) {
    return (candidate) => ENGLISH_ROOT_REGIONS.get(stripPossessive(candidate.norm));
  }
  return undefined;
}

/** Takes in "Military Administration", "військова адміністрація" after the region noun. */
function extendOverAdministration(cursor: WordCursor, noun: Token): { end: number; extended: boolean } {
  let end = noun.end;
  for (let next = cursor.wordAfter(end); next; next = cursor.wordAfter(end)) {
    if (!isBlankGap(cursor.text, end, next.start) || !ADMINISTRATION_WORDS.has(next.norm)) break;
    end = next.end;
  }
  return { end, extended: end > noun.end };
}

function stripPossessive(norm: string): string {
  return norm.endsWith("'s") ? norm.slice(0, -2) : norm;
}

function makeMention(
  text: string,
  region: RegionKey,
  start: number,
  end: number,
  kind: RegionMentionKind,
): RegionMention {
  return { region, start, end, form: text.slice(start, end), kind };
}
