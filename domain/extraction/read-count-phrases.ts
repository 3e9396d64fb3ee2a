/**
 * Finds "number + what it counts" phrases in one sentence: "66 обстрілів", "по 21 населеному пункту",
 * "struck 13 communities in 54 separate attacks", "69 разів обстріляли", "двічі обстріляв",
 * "у дванадцяти випадках завдали ударів", "fired 422 projectiles", "Усього 43 прильоти".
 * A weapon word inside the phrase ("199 артилерійських ударів", "26 UAV attacks", "3 обстріли з РСЗВ")
 * turns it into a weapon subtotal instead of the day's total.
 */
import { parseNumberAt, type ParsedNumber } from './number-words.js';
import { readQualifierBefore } from './qualifiers.js';
import {
  ATTACK_VERB,
  SETTLEMENT_ADJECTIVE,
  SETTLEMENT_NOUN,
  TIMES_TERM,
  readTermWord,
  readWeaponWord,
  type CountMetric,
} from './lexicon.js';
import { isClauseEnd, isTransparentPunct, type Token } from './scan-text.js';
import { isDateNumber } from './read-dates.js';
import type { Qualifier, Span, WeaponKind } from './types.js';

export interface CountPhrase {
  metric: CountMetric;
  value: number;
  qualifier: Qualifier;
  term: string;
  evidence: Span;
  /** Set when the phrase counts one weapon's share ("11 авіаційних ударів"). */
  weapon?: WeaponKind;
  /** Index of the number's first token. */
  index: number;
  /** The number came from a vague group word ("a dozen", "сотні"). */
  vague: boolean;
  /** The figure is a part of one given before it ("з них 3", "in one of the attacks, 4 explosions"). */
  subset?: boolean;
  /**
   * A weapon's count beside another weapon's munitions in the sentence ("firing 111 artillery shells and
   * dropping 34 bombs"): one share of the day's fire, never its total.
   */
  share?: boolean;
}

const MAX_MODIFIERS = 3;

const ENGLISH_MODIFIERS = new Set([
  'separate',
  'border',
  'enemy',
  'russian',
  'hostile',
  'more',
  'other',
  'additional',
  'new',
  'shelling',
  'heavy',
  'different',
  'massive',
  'combat',
  'frontline',
  'front-line',
  'individual',
  'recorded',
  'populated',
  'targeted',
  'distinct',
  'of',
]);

const CYRILLIC_STOP_WORDS = new Set([
  'на',
  'та',
  'за',
  'до',
  'по',
  'від',
  'для',
  'при',
  'про',
  'из',
  'от',
  'или',
  'але',
  'але',
  'яка',
  'який',
  'які',
  'что',
  'щоб',
  'також',
  'ще',
  'еще',
]);

const ADJECTIVE_ENDING = /(?:их|ий|ій|ого|ому|ої|ою|ими|і|ые|ых|ый|ой|ая|ое|ую|ыми|ьох|ні|ні)$/;

const WEAPON_PREPOSITIONS = new Set([
  'з',
  'із',
  'зі',
  'from',
  'with',
  'by',
  'involving',
  'using',
  'из',
  'с',
  'со',
]);

/**
 * Reads every count phrase in tokens [first, end). `verbBefore`: the sentence continues one with an attack verb
 * ("Ворог двічі вдарив по Нікополю. Та один раз – по Марганецькій громаді."), so "N times" needs none of its own.
 */
export function readCountPhrases(
  tokens: readonly Token[],
  first: number,
  end: number,
  verbBefore = false,
): CountPhrase[] {
  const phrases: CountPhrase[] = [];
  for (let i = first; i < end; i++) {
    const number = parseNumberAt(tokens, i);
    if (!number) continue;
    if (number.last >= end || isDateNumber(tokens, number)) {
      i = number.last;
      continue;
    }
    const phrase = readPhraseAfter(tokens, number, first, end, verbBefore);
    if (phrase) {
      if (followsSubsetMarker(tokens, phrase.index, first) || countsMorePlaces(tokens, number, phrase))
        phrase.subset = true;
      if (phrase.weapon !== undefined && hasOtherMunitions(tokens, first, end, phrase)) phrase.share = true;
      phrases.push(phrase);
    }
    i = number.last;
  }
  return phrases;
}

function readPhraseAfter(
  tokens: readonly Token[],
  number: ParsedNumber,
  sentenceFirst: number,
  end: number,
  verbBefore: boolean,
): CountPhrase | undefined {
  const { qualifier, first: hedgeFirst } = readQualifierBefore(tokens, number.first);
  const startToken = tokens[hedgeFirst];
  if (!startToken) return undefined;
  if (number.multiplicative) {
    if (!verbBefore && !hasAttackWordNear(tokens, number.first, number.last, sentenceFirst, end))
      return undefined;
    const word = tokens[number.first];
    if (!word) return undefined;
    return makePhrase('attacks', number, qualifier, word.norm, startToken.start, word.end, undefined);
  }
  let weapon: WeaponKind | undefined;
  let modifiers = 0;
  for (let j = number.last + 1; j < end && j <= number.last + 1 + MAX_MODIFIERS + 1; j++) {
    const token = tokens[j];
    if (!token) break;
    if (isTransparentPunct(token)) continue;
    if (token.kind !== 'word') return undefined;
    const term = readTermAt(tokens, j, end);
    if (term) {
      let metric = term.metric;
      if (metric === 'times') {
        // "враг попал 6 раз": hits counted as times are explosions.
        if (hasHitVerbNear(tokens, number.first, term.last, sentenceFirst, end)) metric = 'explosions';
        else if (!verbBefore && !hasAttackVerbNear(tokens, number.first, term.last, sentenceFirst, end))
          return undefined;
        else metric = 'attacks';
      } else if (metric === 'projectiles' && isSaidToExplode(tokens, number.first, term.last, end)) {
        // "розірвалися 13 снарядів": shells stated as having exploded are explosions.
        metric = 'explosions';
      } else {
        // "shelled six times with heavy artillery" names how the day's attacks were made, not a share.
        weapon ??= readWeaponAfterTerm(tokens, term.last, end);
      }
      const last = tokens[term.last];
      if (!last) return undefined;
      const text = tokens
        .slice(j, term.last + 1)
        .filter((t) => t.kind === 'word')
        .map((t) => t.norm)
        .join(' ');
      return makePhrase(metric, number, qualifier, text, startToken.start, last.end, weapon);
    }
    // "разорвались 9 мин", "9 mines exploded": munitions stated as having exploded; dropped ones are not.
    if (MUNITION_NOUN.test(token.norm) && isSaidToExplode(tokens, number.first, j, end)) {
      return makePhrase('explosions', number, qualifier, token.norm, startToken.start, token.end, weapon);
    }
    const weaponWord = readWeaponWord(token.norm);
    if (weaponWord) {
      weapon ??= weaponWord;
    } else if (!isModifier(token.norm)) {
      return undefined;
    }
    if (++modifiers > MAX_MODIFIERS) return undefined;
  }
  return undefined;
}

function makePhrase(
  metric: CountMetric,
  number: ParsedNumber,
  qualifier: Qualifier,
  term: string,
  start: number,
  end: number,
  weapon: WeaponKind | undefined,
): CountPhrase {
  const phrase: CountPhrase = {
    metric,
    value: number.value,
    qualifier: number.vague && qualifier === 'exact' ? 'about' : qualifier,
    term,
    evidence: { start, end },
    index: number.first,
    vague: number.vague,
  };
  if (weapon) phrase.weapon = weapon;
  return phrase;
}

/** Another number in the sentence counts munitions or a different weapon's fire ("34 bombs", "12 мін"). */
function hasOtherMunitions(
  tokens: readonly Token[],
  first: number,
  end: number,
  phrase: CountPhrase,
): boolean {
  for (let i = first; i < end; i++) {
    const token = tokens[i];
    if (i === phrase.index || token?.kind !== 'number' || token.notCount === true) continue;
    for (let j = i + 1; j < end && j <= i + 3; j++) {
      const word = tokens[j];
      if (!word || word.kind !== 'word') break;
      if (MUNITION_NOUN.test(word.norm) && readTermWord(word.norm) !== 'projectiles') return true;
      const weapon = readWeaponWord(word.norm);
      if (weapon !== undefined && weapon !== phrase.weapon) return true;
    }
  }
  return false;
}

/** "Two more hromadas were heavily attacked", "ще дві громади": some of the places, not how many there were. */
function countsMorePlaces(tokens: readonly Token[], number: ParsedNumber, phrase: CountPhrase): boolean {
  if (phrase.metric !== 'communities' && phrase.metric !== 'settlements') return false;
  const before = tokens[number.first - 1]?.norm ?? '';
  return tokens[number.last + 1]?.norm === 'more' || before === 'ще' || before === 'еще';
}

/** Words that make the figure after them a part of one given before ("з них 3", "of which 12"). */
const SUBSET_MARKERS: ReadonlyArray<readonly string[]> = [
  ['з', 'них'],
  ['із', 'них'],
  ['з', 'яких'],
  ['серед', 'них'],
  ['в', 'тому', 'числі'],
  ['у', 'тому', 'числі'],
  ['в', 'одному', 'з'],
  ['у', 'одному', 'з'],
  ['в', 'одній', 'з'],
  ['одного', 'з'],
  ['одним', 'з'],
  ['из', 'них'],
  ['среди', 'них'],
  ['в', 'том', 'числе'],
  ['в', 'одном', 'из'],
  ['в', 'одной', 'из'],
  ['одного', 'из'],
  ['одним', 'из'],
  ['of', 'them'],
  ['of', 'which'],
  ['including'],
  ['one', 'of', 'the'],
];
const SUBSET_FIRST_WORDS = new Set(SUBSET_MARKERS.map((marker) => marker[0]));
/** How far before the number a subset marker may start ("In one of the attacks, 4 explosions"). */
const SUBSET_REACH = 7;

/** True when a subset marker opens the clause part just before token `index`, with no other figure between. */
function followsSubsetMarker(tokens: readonly Token[], index: number, sentenceFirst: number): boolean {
  for (let j = index - 1; j >= sentenceFirst && j >= index - SUBSET_REACH; j--) {
    const token = tokens[j];
    if (!token || isClauseEnd(token) || token.kind === 'number') return false;
    if (!SUBSET_FIRST_WORDS.has(token.norm)) continue;
    for (const marker of SUBSET_MARKERS) {
      if (marker.every((word, k) => j + k < index && tokens[j + k]?.norm === word)) return true;
    }
  }
  return false;
}

interface TermMatch {
  metric: CountMetric | 'times';
  last: number;
}

function readTermAt(tokens: readonly Token[], index: number, end: number): TermMatch | undefined {
  const token = tokens[index];
  if (!token) return undefined;
  if (SETTLEMENT_ADJECTIVE.test(token.norm)) {
    const noun = tokens[index + 1];
    if (index + 1 < end && noun && SETTLEMENT_NOUN.test(noun.norm))
      return { metric: 'settlements', last: index + 1 };
    return undefined;
  }
  if (TIMES_TERM.test(token.norm)) return { metric: 'times', last: index };
  const metric = readTermWord(token.norm);
  if (!metric) return undefined;
  // "shelling attacks", "air strikes": keep the two words together as the term.
  const next = tokens[index + 1];
  if (index + 1 < end && next && next.kind === 'word' && readTermWord(next.norm) === metric) {
    return { metric, last: index + 1 };
  }
  return { metric, last: index };
}

function isModifier(word: string): boolean {
  if (ENGLISH_MODIFIERS.has(word)) return true;
  if (CYRILLIC_STOP_WORDS.has(word)) return false;
  return /^[\p{Script=Cyrillic}'-]+$/u.test(word) && word.length >= 4 && ADJECTIVE_ENDING.test(word);
}

/**
 * "3 обстріли з РСЗВ", "three strikes involving MLR systems": the one weapon right after the counted term.
 * A list ("313 снарядів з мінометів, артилерії, «Градів»") describes the whole day's fire, not a share of it.
 */
function readWeaponAfterTerm(
  tokens: readonly Token[],
  termLast: number,
  end: number,
): WeaponKind | undefined {
  const next = tokens[termLast + 1];
  if (!next || termLast + 1 >= end || !WEAPON_PREPOSITIONS.has(next.norm)) return undefined;
  for (let j = termLast + 2; j < end && j <= termLast + 3; j++) {
    const token = tokens[j];
    if (!token || token.kind !== 'word') break;
    const weapon = readWeaponWord(token.norm);
    if (weapon) return isWeaponList(tokens, j, end) ? undefined : weapon;
  }
  return undefined;
}

const LIST_JOINERS = new Set([',', 'та', 'і', 'й', 'and', 'и', 'or', 'або']);

function isWeaponList(tokens: readonly Token[], weaponIndex: number, end: number): boolean {
  for (let j = weaponIndex + 1; j < end && j <= weaponIndex + 3; j++) {
    const token = tokens[j];
    if (!token) return false;
    // "з мінометів, артилерії" is a list; "з РСЗВ та 162 артилерійських удари" starts the next figure.
    if (LIST_JOINERS.has(token.norm)) return isWeaponAhead(tokens, j + 1, end);
    if (token.kind === 'punct' && !isTransparentPunct(token)) return false;
  }
  return false;
}

function isWeaponAhead(tokens: readonly Token[], from: number, end: number): boolean {
  for (let j = from; j < end && j <= from + 2; j++) {
    const token = tokens[j];
    if (!token || token.kind === 'number') return false;
    if (token.kind === 'word' && readWeaponWord(token.norm)) return true;
  }
  return false;
}

const MUNITION_NOUN =
  /^(?:міна|міни|мін|мина|мины|мин|бомб\p{L}*|ракет\p{L}*|mines?|bombs?|rockets?|shells?)$/u;
const EXPLODE_VERB =
  /^(?:розірвал\p{L}*|розірвався|розірвалось|разорвал\p{L}*|вибухнул\p{L}*|вибухнув|вибухли|взорвал\p{L}*|exploded|detonated)$/u;
const HIT_VERB = /^(?:попал|попала|попали|попало|влучи\p{L}*|влучил\p{L}*)$/u;

/** An explosion verb right before the number ("розірвалися 13 снарядів") or right after the noun ("9 mines exploded"). */
function isSaidToExplode(tokens: readonly Token[], first: number, nounLast: number, end: number): boolean {
  for (let j = first - 1; j >= 0 && j >= first - 2; j--) {
    const token = tokens[j];
    if (!token || token.kind !== 'word') break;
    if (EXPLODE_VERB.test(token.norm)) return true;
  }
  for (let j = nounLast + 1; j < end && j <= nounLast + 2; j++) {
    const token = tokens[j];
    if (!token || token.kind !== 'word') break;
    if (EXPLODE_VERB.test(token.norm)) return true;
  }
  return false;
}

/** "враг попал 6 раз", "влучили тричі": a verb of hitting in the clause before or just after the figure. */
function hasHitVerbNear(
  tokens: readonly Token[],
  first: number,
  last: number,
  sentenceFirst: number,
  end: number,
): boolean {
  const isHitVerb = (norm: string): boolean => HIT_VERB.test(norm);
  return (
    clauseHasWord(tokens, first - 1, Math.max(sentenceFirst, first - 6), -1, isHitVerb) ||
    clauseHasWord(tokens, last + 1, Math.min(end - 1, last + 3), 1, isHitVerb)
  );
}

const ATTACK_NOUN = /^(?:обстріл\p{L}*|удар\p{L}*|атак\p{L}*|обстрел\p{L}*|attacks?|strikes?|shelling)$/u;

/**
 * For "двічі", "тричі", "twice": an attack verb or noun anywhere in the clause, which may run on past a list
 * of times ("тричі вранці (о 9:23, 9:51 та об 11:07) окупанти били з артилерії").
 */
function hasAttackWordNear(
  tokens: readonly Token[],
  first: number,
  last: number,
  sentenceFirst: number,
  end: number,
): boolean {
  if (hasAttackVerbNear(tokens, first, last, sentenceFirst, end)) return true;
  return clauseHasWord(
    tokens,
    last + 1,
    Math.min(end - 1, last + 14),
    1,
    (norm) => ATTACK_VERB.test(norm) || ATTACK_NOUN.test(norm),
  );
}

/** True when an attack verb sits in the same clause, up to ten words before or three after. */
export function hasAttackVerbNear(
  tokens: readonly Token[],
  first: number,
  last: number,
  sentenceFirst: number,
  end: number,
): boolean {
  const isAttackVerb = (norm: string): boolean => ATTACK_VERB.test(norm);
  return (
    clauseHasWord(tokens, first - 1, Math.max(sentenceFirst, first - 10), -1, isAttackVerb) ||
    clauseHasWord(tokens, last + 1, Math.min(end - 1, last + 3), 1, isAttackVerb)
  );
}

/**
 * Walks from `from` towards `to` (inclusive) in `step` direction and tells whether a word passing `test`
 * comes before the clause ends.
 */
function clauseHasWord(
  tokens: readonly Token[],
  from: number,
  to: number,
  step: 1 | -1,
  test: (norm: string) => boolean,
): boolean {
  for (let j = from; step > 0 ? j <= to : j >= to; j += step) {
    const token = tokens[j];
    if (!token || isClauseEnd(token)) return false;
    if (token.kind === 'word' && test(token.norm)) return true;
  }
  return false;
}
