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
import { isBlankGap, startsUpperCase, tokeniseText, type Token } from './tokenise-text.js';

/**
 * How the region was named:
 * - `oblast`: adjective or root with a region noun ("Сумська область", "Sumy region");
 * - `administration`: its administration ("Сумська ОВА", "Sumy Oblast Military Administration", "ХОВА");
 * - `short`: the informal name ("Сумщина", "Crimea");
 * - `city`: the oblast centre alone ("м. Суми", "Kharkiv", "Запоріжжя"), which may mean the city only.
 */
export type RegionMentionKind = 'oblast' | 'administration' | 'short' | 'city';

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
  const tokens = tokeniseText(text);
  const mentions: RegionMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const consumed = matchAt(text, tokens, i, mentions);
    i += Math.max(consumed, 1);
  }
  return mentions;
}

/** Tries every kind of mention at token i; returns how many tokens it used (0 when none matched). */
function matchAt(text: string, tokens: readonly Token[], i: number, out: RegionMention[]): number {
  const token = tokens[i];
  if (!token) return 0;

  const abbreviation = ABBREVIATION_REGIONS.get(token.raw);
  if (abbreviation) {
    out.push(makeMention(text, abbreviation, token.start, token.end, 'administration'));
    return 1;
  }
  if (!startsUpperCase(token.raw)) return 0;

  const listed = matchNamedRegions(text, tokens, i, out);
  if (listed > 0) return listed;

  const shortName = SHORT_NAME_REGIONS.get(token.norm);
  if (shortName) {
    out.push(makeMention(text, shortName, token.start, token.end, 'short'));
    return 1;
  }

  const next = tokens[i + 1];
  const followsClosely = next !== undefined && isBlankGap(text, token.end, next.start);
  if (followsClosely && ENGLISH_NON_REGION_FOLLOWERS.has(stripPossessive(next.norm))) {
    // "Sumy community", "Kyiv Independent", "Zaporizhzhia NPP": not the region, and not its centre.
    if (ENGLISH_ROOT_REGIONS.has(stripPossessive(token.norm))) return 2;
  }

  const root = stripPossessive(token.norm);
  const centre = CENTRE_REGIONS.get(token.norm) ?? CENTRE_REGIONS.get(root);
  if (centre) {
    const cityWord = followsClosely && ENGLISH_CITY_FOLLOWERS.has(next.norm);
    const end = cityWord ? next.end : token.end;
    out.push(makeMention(text, centre, token.start, end, 'city'));
    return cityWord ? 2 : 1;
  }

  // An English root with no noun and no city of that name ("in Dnipropetrovsk") still means the region.
  const englishRoot = ENGLISH_ROOT_REGIONS.get(root);
  if (englishRoot && /^[a-z]/.test(root)) {
    out.push(makeMention(text, englishRoot, token.start, token.end, 'short'));
    return 1;
  }
  return 0;
}

/**
 * Adjectives or English roots followed by a region noun, alone or as a list sharing one plural noun:
 * "Сумській області", "Sumy Oblast", "у Сумській та Харківській областях", "Chernihiv, Sumy and Kharkiv regions".
 */
function matchNamedRegions(text: string, tokens: readonly Token[], i: number, out: RegionMention[]): number {
  const first = tokens[i];
  if (!first) return 0;
  const lookup = namedRegionLookup(first);
  if (!lookup) return 0;

  const listed: Array<{ token: Token; region: RegionKey }> = [];
  let k = i;
  for (;;) {
    const token = tokens[k];
    const region = token && startsUpperCase(token.raw) ? lookup(token) : undefined;
    if (!token || !region) return 0;
    listed.push({ token, region });
    const next = tokens[k + 1];
    if (!next) return 0;
    const noun = stripPossessive(next.norm);
    const gapIsBlank = isBlankGap(text, token.end, next.start);
    if (gapIsBlank && (SINGULAR_REGION_NOUNS.has(noun) || PLURAL_REGION_NOUNS.has(noun))) {
      if (listed.length > 1 && !PLURAL_REGION_NOUNS.has(noun)) return 0;
      const end = extendOverAdministration(text, tokens, k + 1);
      const isAdministration = ADMINISTRATION_ABBREVIATIONS.has(noun) || end.extended;
      listed.forEach((entry, index) => {
        const isLast = index === listed.length - 1;
        out.push(
          makeMention(
            text,
            entry.region,
            entry.token.start,
            isLast ? end.end : entry.token.end,
            isAdministration ? 'administration' : 'oblast',
          ),
        );
      });
      return end.nextIndex - i;
    }
    // Another listed name: after a comma, or after a conjunction.
    const gap = text.slice(token.end, next.start);
    if (/^\s*,\s*$/.test(gap) && lookup(next)) {
      k += 1;
    } else if (gapIsBlank && CONJUNCTIONS.has(next.norm)) {
      const after = tokens[k + 2];
      if (!after || !isBlankGap(text, next.end, after.start) || !lookup(after)) return 0;
      k += 2;
    } else {
      return 0;
    }
  }
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
function extendOverAdministration(
  text: string,
  tokens: readonly Token[],
  nounIndex: number,
): { end: number; nextIndex: number; extended: boolean } {
  let index = nounIndex;
  let end = tokens[nounIndex]?.end ?? 0;
  for (;;) {
    const next = tokens[index + 1];
    if (!next || !isBlankGap(text, end, next.start) || !ADMINISTRATION_WORDS.has(next.norm)) break;
    index += 1;
    end = next.end;
  }
  return { end, nextIndex: index + 1, extended: index > nounIndex };
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
