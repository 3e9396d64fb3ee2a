/**
 * Finds the hromadas a text names within one oblast: "Білопільській громаді", "Краснопільська, Шалигінська
 * та Глухівська громади", "Bilopillia hromada", "the Bilopilska community", "Belopolskaya", "Середино-Будской",
 * and their centres named alone ("Нікополь", "in Kupiansk"). One pass over the words with map lookups.
 */
import type { RegionKey } from '../extraction/types.js';
import {
  compareHromadas,
  FIRST_WORDS_BY_REGION,
  FORMS_BY_FIRST_WORD,
  MAX_NAME_WORDS,
  SKELETONS_BY_REGION,
  type NameKind,
} from './community-index.js';
import {
  COMMON_WORD_CENTRES,
  COMMUNITY_MODIFIERS,
  COMMUNITY_NOUNS,
  LIST_CONJUNCTIONS,
  NON_COMMUNITY_NOUNS,
} from './community-words.js';
import { findRegionMentions } from './find-region-mentions.js';
import { foldWord, skeletonOf } from './fold-name.js';
import type { Hromada } from './hromadas.js';
import { isBlankGap, normaliseWord, startsUpperCase, type Token } from './tokenise-text.js';
import { WordCursor } from './word-cursor.js';

export interface CommunityMention {
  /** The hromada's KATOTTG code. */
  community: string;
  start: number;
  end: number;
  /** The name as written. */
  mention: string;
  /** `adjective`: the hromada's own name; `centre`: its centre or English name, which may mean the town only. */
  kind: NameKind;
}

/**
 * A word of the text; hyphenated tokens are split so "Середино-будської" and "Seredyna Buda" both read as
 * two. Its normal and folded forms are computed on first use, since most words are never looked up.
 */
class Word {
  #norm: string | undefined;
  #key: string | undefined;

  constructor(
    readonly raw: string,
    readonly start: number,
    readonly end: number,
    /** First word of a token as written (hyphenated parts after the first are not). */
    readonly tokenStart: boolean,
  ) {}

  /** Lowercased, for the context word lists. */
  get norm(): string {
    this.#norm ??= stripPossessive(normaliseWord(this.raw));
    return this.#norm;
  }

  /** Folded, for name lookups. */
  get key(): string {
    this.#key ??= foldWord(this.norm);
    return this.#key;
  }
}

interface Candidate {
  hromada: Hromada;
  kind: NameKind;
  /** Words the name spans. */
  length: number;
  /** Read through a back-formed place name ("Hlukhivka" for Hlukhivska), so it needs a "communities" context. */
  backFormed?: boolean;
  /** Other hromadas of the oblast with the same name ("Первомайська" twice in Mykolaiv Oblast). */
  namesakes?: Hromada[];
}

const MAX_LIST_ITEMS = 40;
// "Юнаківської та інших громад", "Khotin and other communities".
const OTHER_WORDS = new Set(['та', 'і', 'й', 'and', 'інших', 'інші', 'іншим', 'других', 'другие', 'other']);
// The noun, then maybe "of" or the region ("громад Сумщини:", "громади —"), then the list.
const COMMUNITY_NOUN_BEFORE =
  /(?:громад|община|общин|communit|hromad)\p{L}*(?:\s+of)?(?:\s+\p{Lu}[\p{L}’'-]*){0,2}[\s:,—–-]*$/iu;
const HYPHEN = /[-‐‑–]/;
const LATIN_ADJECTIVE = /(?:ska|skaia|skoi|ski|skii|sk)$/;
const INFLECTION = /(?:aia|oi|ii|ои|ий|ая|ой|ую|ою|ие|ые|ых|их|им|ими|а|у|и|a|i)$/;
const CYRILLIC_ADJECTIVE = /(?:ск|цк|зк)(?:а|ои|ий|у|ою|и|их|им|ими|ая|ой|ую|ие|ые|ых)$/;

/** Every hromada of `region` named in the text, in text order. Never throws. */
export function findCommunityMentions(
  text: string,
  region: RegionKey | null | undefined,
): CommunityMention[] {
  const scan: Scan = { cursor: new WordCursor(text), listVerdict: null, ledListUntil: 0 };
  const regionSpans = findRegionMentions(text).filter((mention) => mention.kind !== 'city');
  const mentions: CommunityMention[] = [];
  const namesakes = new Map<CommunityMention, readonly Hromada[]>();
  let spanIndex = 0;
  let position = 0;
  for (let token = scan.cursor.nextCapitalised(0); token; token = scan.cursor.nextCapitalised(position)) {
    position = token.end;
    // Region spans are in text order, so one index walks them alongside the words.
    while ((regionSpans[spanIndex]?.end ?? Infinity) <= token.start) spanIndex += 1;
    if (token.start >= (regionSpans[spanIndex]?.start ?? Infinity)) continue;

    const words = new NameWords(scan.cursor, token);
    const candidate = findCandidate(words, region ?? null);
    const last = candidate ? words.at(candidate.length - 1) : undefined;
    if (!candidate || !last || !isAccepted(scan, words, candidate)) continue;
    const mention: CommunityMention = {
      community: candidate.hromada.katottg,
      start: token.start,
      end: last.end,
      mention: text.slice(token.start, last.end),
      kind: candidate.kind,
    };
    mentions.push(mention);
    if (candidate.namesakes) namesakes.set(mention, candidate.namesakes);
    position = last.end;
  }
  if (namesakes.size > 0) pickNamesakesByDistrict(mentions, namesakes);
  return mentions;
}

/** The district (raion) part of a KATOTTG code: "UA48060270000044708" -> "UA4806". */
function districtOf(katottg: string): string {
  return katottg.slice(0, 6);
}

/**
 * A name two hromadas of the oblast share goes to the one in a district the text's other hromadas are in
 * ("Shevchenkovskaya, Pervomaiskaya, Shirokovskaya": the Pervomaiske next to Shevchenkove, not Pervomaisk).
 */
function pickNamesakesByDistrict(
  mentions: CommunityMention[],
  namesakes: ReadonlyMap<CommunityMention, readonly Hromada[]>,
): void {
  const districts = new Set<string>();
  for (const mention of mentions) if (!namesakes.has(mention)) districts.add(districtOf(mention.community));
  for (const [mention, others] of namesakes) {
    if (districts.has(districtOf(mention.community))) continue;
    const neighbour = others.find((hromada) => districts.has(districtOf(hromada.katottg)));
    if (neighbour) mention.community = neighbour.katottg;
  }
}

/** State of one scan: the cursor, and the last list verdict, which every name inside that list shares. */
interface Scan {
  cursor: WordCursor;
  listVerdict: { from: number; until: number; isList: boolean } | null;
  /** End of a list that a "громади:" / "communities of" opened; names before it are hromadas. */
  ledListUntil: number;
}

/** The words from a capitalised token on, read only as far as a lookup asks (a name spans a few at most). */
class NameWords {
  readonly #cursor: WordCursor;
  readonly #words: Word[];
  #end: number;
  #exhausted = false;

  constructor(cursor: WordCursor, token: Token) {
    this.#cursor = cursor;
    this.#words = splitToken(token);
    this.#end = token.end;
  }

  /** The word at `index`; words after the first token count only when one space apart ("Velyka Pysarivka"). */
  at(index: number): Word | undefined {
    while (index >= this.#words.length && !this.#exhausted && this.#words.length <= MAX_NAME_WORDS) {
      const next = this.#cursor.wordAfter(this.#end);
      if (!next || next.start !== this.#end + 1 || this.#cursor.text.charAt(this.#end) !== ' ') {
        this.#exhausted = true;
        break;
      }
      this.#words.push(...splitToken(next));
      this.#end = next.end;
    }
    return this.#words[index];
  }
}

function splitToken(token: Token): Word[] {
  if (!HYPHEN.test(token.raw)) return [new Word(token.raw, token.start, token.end, true)];
  const words: Word[] = [];
  let offset = 0;
  token.raw.split(/([-‐‑–])/).forEach((part, index) => {
    if (index % 2 === 0 && part.length > 0) {
      const start = token.start + offset;
      words.push(new Word(part, start, start + part.length, index === 0));
    }
    offset += part.length;
  });
  return words;
}

function stripPossessive(norm: string): string {
  return norm.endsWith("'s") ? norm.slice(0, -2) : norm;
}

/** The longest name the words start with, or the consonant-skeleton fallback for adjective-like words. */
function findCandidate(words: NameWords, region: RegionKey | null): Candidate | null {
  const first = words.at(0);
  if (!first) return null;
  let best: Candidate | null = null;
  for (const form of FORMS_BY_FIRST_WORD.get(first.key) ?? []) {
    if (region && form.hromada.oblast !== region) continue;
    const length = form.rest.length + 1;
    if (!form.rest.every((key, offset) => words.at(1 + offset)?.key === key)) continue;
    if (!best || length > best.length || (length === best.length && preferForm(form.kind, best.kind))) {
      best = { hromada: form.hromada, kind: form.kind, length };
    } else if (region && length === best.length && form.kind === best.kind && form.hromada !== best.hromada) {
      best.namesakes = [...(best.namesakes ?? []), form.hromada];
    }
  }
  if (best) return best;
  const backFormed = findBackFormed(first, region);
  if (backFormed || !region) return backFormed;
  return findBySkeleton(words, region) ?? findTruncated(words, region);
}

/** Shortest truncated name read, and how many trailing letters it may get wrong ("Sver" for Svesa). */
const MIN_TRUNCATED_LENGTH = 3;

/**
 * A name cut short or garbled at its end right before the community noun ("The Sve community", "the Sver
 * community" for Svesa): the one hromada of the oblast whose name begins with all but at most its last letter.
 */
function findTruncated(words: NameWords, region: RegionKey): Candidate | null {
  const word = words.at(0);
  if (!word || !COMMUNITY_NOUNS.has(words.at(1)?.norm ?? '')) return null;
  const key = word.key;
  if (key.length < MIN_TRUNCATED_LENGTH) return null;
  let found: Hromada | null = null;
  for (const entry of FIRST_WORDS_BY_REGION.get(region) ?? []) {
    if (entry.key.length <= key.length) continue;
    const shared = sharedPrefixLength(entry.key, key);
    if (shared < MIN_TRUNCATED_LENGTH || shared < key.length - 1) continue;
    if (found && found !== entry.hromada) return null;
    found = entry.hromada;
  }
  return found ? { hromada: found, kind: 'centre', length: 1 } : null;
}

function sharedPrefixLength(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  return k;
}

/**
 * English outlets back-form a place name from an "-івська" adjective ("the communities of Hlukhivka,
 * Druzhbivka" for Hlukhivska, Druzhbivska): read "-ivka" as "-ivska" when no place has that name.
 */
function findBackFormed(word: Word, region: RegionKey | null): Candidate | null {
  if (!word.key.endsWith('ivka') || !/^[a-z]/.test(word.key)) return null;
  const adjectiveKey = `${word.key.slice(0, -2)}ska`;
  const form = (FORMS_BY_FIRST_WORD.get(adjectiveKey) ?? []).find(
    (candidate) => candidate.rest.length === 0 && (!region || candidate.hromada.oblast === region),
  );
  return form ? { hromada: form.hromada, kind: 'centre', length: 1, backFormed: true } : null;
}

function preferForm(kind: NameKind, current: NameKind): boolean {
  return kind === 'adjective' && current === 'centre';
}

function findBySkeleton(words: NameWords, region: RegionKey): Candidate | null {
  const byRegion = SKELETONS_BY_REGION.get(region);
  if (!byRegion) return null;
  // The whole hyphenated token ("Seredino-Budskaya"), not the words after it.
  const parts: Word[] = [];
  for (
    let word = words.at(0);
    word && (parts.length === 0 || !word.tokenStart);
    word = words.at(parts.length)
  ) {
    parts.push(word);
  }
  const length = parts.length;
  const joined = parts.map((part) => part.key).join('');
  const looksAdjectival = LATIN_ADJECTIVE.test(joined) || CYRILLIC_ADJECTIVE.test(joined);
  if (!looksAdjectival && !COMMUNITY_NOUNS.has(words.at(length)?.norm ?? '')) return null;
  const skeleton = skeletonOf(joined.replace(INFLECTION, ''));
  if (!skeleton) return null;
  const matches = [...(byRegion.get(skeleton) ?? [])].sort(compareHromadas);
  const hromada = matches[0];
  return hromada ? { hromada, kind: looksAdjectival ? 'adjective' : 'centre', length } : null;
}

/**
 * True when "громада"/"community" follows `from`, with at most a few modifiers between ("сільській",
 * "та інших", "and other").
 */
function isFollowedByCommunityNoun(cursor: WordCursor, from: number): boolean {
  let end = skipBracket(cursor.text, from);
  for (let step = 0; step < 4; step++) {
    const next = cursor.wordAfter(end);
    if (!next || !/^[\s,]*$/.test(cursor.text.slice(end, next.start))) return false;
    const norm = stripPossessive(normaliseWord(next.raw));
    if (COMMUNITY_NOUNS.has(norm)) return true;
    if (!COMMUNITY_MODIFIERS.has(norm) && !OTHER_WORDS.has(norm)) return false;
    end = next.end;
  }
  return false;
}

/** Decides whether a matched name is meant as a hromada here. */
function isAccepted(scan: Scan, words: NameWords, candidate: Candidate): boolean {
  const cursor = scan.cursor;
  const first = words.at(0);
  const last = words.at(candidate.length - 1);
  if (!first || !last) return false;
  const next = cursor.wordAfter(last.end);
  if (next && isBlankGap(cursor.text, last.end, next.start) && NON_COMMUNITY_NOUNS.has(next.norm)) {
    return false;
  }
  if (next && isPairedWithDistrict(cursor, next)) return false;
  if (isFollowedByCommunityNoun(cursor, last.end) || isListOfCommunities(scan, last.end)) return true;
  if (first.start < scan.ledListUntil) return true;
  if (isPrecededByCommunityNoun(cursor, first.start)) {
    scan.ledListUntil = readList(cursor, last.end).until;
    return true;
  }
  if (candidate.backFormed) return false;
  // English adjective forms ("Belopolskaya") are names on their own; Ukrainian adjectives need a noun.
  if (candidate.kind === 'adjective') return /^[a-z]/.test(first.key);
  const { centreUk, centreEn } = candidate.hromada;
  return (
    !COMMON_WORD_CENTRES.has(normaliseWord(centreUk)) && !COMMON_WORD_CENTRES.has(normaliseWord(centreEn))
  );
}

/**
 * "у Новгород-Сіверському та Чернігівському районах": the name shares a district's (or region's) noun with the
 * adjective after the conjunction.
 */
function isPairedWithDistrict(cursor: WordCursor, conjunction: Token): boolean {
  if (!LIST_CONJUNCTIONS.has(conjunction.norm)) return false;
  const partner = cursor.wordAfter(conjunction.end);
  if (!partner || !startsUpperCase(partner.raw) || !isBlankGap(cursor.text, conjunction.end, partner.start))
    return false;
  const noun = cursor.wordAfter(partner.end);
  return (
    noun !== null && isBlankGap(cursor.text, partner.end, noun.start) && NON_COMMUNITY_NOUNS.has(noun.norm)
  );
}

/** "X, Y та Z громади": after a comma or conjunction come more capitalised names, and the list ends in the noun. */
function isListOfCommunities(scan: Scan, from: number): boolean {
  // A name inside a list already read shares its verdict: reading the list again for each name would be
  // quadratic in the list's length.
  const known = scan.listVerdict;
  if (known && from >= known.from && from < known.until) return known.isList;
  const { isList, until } = readList(scan.cursor, from);
  scan.listVerdict = { from, until, isList };
  return isList;
}

function readList(cursor: WordCursor, from: number): { isList: boolean; until: number } {
  const text = cursor.text;
  let end = from;
  const verdict = (isList: boolean): { isList: boolean; until: number } => ({ isList, until: end });
  for (let item = 0; item < MAX_LIST_ITEMS; item++) {
    end = skipBracket(text, end);
    let name = cursor.wordAfter(end);
    if (!name) return verdict(false);
    const gap = text.slice(end, name.start);
    if (LIST_CONJUNCTIONS.has(name.norm) && /^\s*,?\s*$/.test(gap)) {
      const afterConjunction = cursor.wordAfter(name.end);
      if (!afterConjunction || !isBlankGap(text, name.end, afterConjunction.start)) return verdict(false);
      name = afterConjunction;
    } else if (!/^\s*,\s*$/.test(gap)) {
      return verdict(false);
    }
    if (!startsUpperCase(name.raw)) return verdict(false);
    end = name.end;
    // A name of several words ("Velyka Pysarivka"): take in the capitalised words that follow it.
    for (let more = cursor.wordAfter(end); more; more = cursor.wordAfter(end)) {
      if (more.start !== end + 1 || !startsUpperCase(more.raw) || !isBlankGap(text, end, more.start)) break;
      end = more.end;
    }
    if (isFollowedByCommunityNoun(cursor, end)) return verdict(true);
  }
  return verdict(false);
}

// A short note in brackets after a list item: "у Хотінській (3 вибухи), Юнаківській (5) та ... громадах".
const BRACKET_NOTE = /^\s?\([^()\n]{1,40}\)/;

/** The position after a bracketed note that starts at `from`, or `from`. */
function skipBracket(text: string, from: number): number {
  const note = BRACKET_NOTE.exec(text.slice(from, from + 44));
  return note ? from + note[0].length : from;
}

/** "громади: Білопільська, ..." or "communities of Krasnopillia, ...": the noun comes right before. */
function isPrecededByCommunityNoun(cursor: WordCursor, position: number): boolean {
  return COMMUNITY_NOUN_BEFORE.test(cursor.text.slice(Math.max(0, position - 40), position));
}
