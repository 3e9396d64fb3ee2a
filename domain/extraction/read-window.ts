/**
 * Reads the period a report covers: "протягом доби", "за минулу добу", "вночі і зранку", "впродовж дня",
 * "throughout the day", "past 24 hours", "at night", "over the past week".
 */
import { memoiseWord } from './memoise-word.js';
import type { Token } from './scan-text.js';
import type { TimeWindow } from './types.js';

export type WindowKind = TimeWindow['kind'] | 'week';

export interface WindowMention {
  index: number;
  kind: WindowKind;
  /** "минулої доби", "past day", "yesterday": the words point back to the previous day. */
  pointsBack: boolean;
}

type Phrase = readonly RegExp[];

const w = (source: string): RegExp => new RegExp(`^(?:${source})$`, 'u');

// Longest phrases first: "вночі і зранку" must win over "вночі".
const PHRASES: ReadonlyArray<readonly [WindowKind, Phrase]> = [
  ['night_and_morning', [w('вночі|уночі|ночью'), w('і|й|та|и'), w('зранку|вранці|утром')]],
  ['night_and_morning', [w('at'), w('night'), w('and'), w('in'), w('the'), w('morning')]],
  ['night_and_morning', [w('overnight'), w('and'), w('in'), w('the'), w('morning')]],
  ['night_and_morning', [w('since'), w('nightfall')]],
  ['week', [w('past|last|the'), w('week')]],
  ['week', [w('минулий|минулого|прошедшую|прошлую|за'), w('тиждень|тижня|неделю|недели')]],
  ['past_24h', [w('past|last'), w('24'), w('hours|hrs')]],
  ['past_24h', [w('past|previous|last'), w('day')]],
  ['past_24h', [w('past'), w('24hrs')]],
  ['past_24h', [w('in'), w('one'), w('day')]],
  ['past_24h', [w('доби|добу|добі|доба|сутки|суток')]],
  ['past_24h', [w('за'), w('минулий'), w('день')]],
  ['day', [w('протягом|впродовж|упродовж|продовж|протягом'), w('дня')]],
  ['day', [w('за'), w('день|сьогодні')]],
  ['day', [w('цілий|весь'), w('день')]],
  ['day', [w('вдень|днем')]],
  ['day', [w('throughout|during'), w('the'), w("day|day's")]],
  ['day', [w('over'), w('the'), w('course'), w('of'), w('the'), w('day')]],
  ['day', [w('течение'), w('дня')]],
  ['day', [w('за'), w('день')]],
  ['night', [w('вночі|уночі|ночью|overnight|нічн\\p{L}*|ночн\\p{L}*')]],
  ['night', [w('ніч|ночь'), w('на|проти|с')]],
  ['night', [w('at|last|the|throughout'), w('night')]],
  ['morning', [w('зранку|вранці|утром')]],
  ['morning', [w('this'), w('morning')]],
];

/** Whether any window phrase can start with this word; most words are rejected by one cached lookup. */
const startsPhrase = memoiseWord((word: string) =>
  PHRASES.some(([, phrase]) => phrase[0]?.test(word) === true),
);

const BACK_WORDS =
  /^(?:минул\p{L}*|вчора|вчера|напередодні|накануне|минувш\p{L}*|прошедш\p{L}*|past|previous|yesterday|last)$/u;

/** Every window phrase in tokens [first, end), in order. */
export function findWindowMentions(tokens: readonly Token[], first: number, end: number): WindowMention[] {
  const mentions: WindowMention[] = [];
  for (let i = first; i < end; i++) {
    if (!startsPhrase(tokens[i]?.norm ?? '')) continue;
    for (const [kind, phrase] of PHRASES) {
      if (!matchesAt(tokens, i, end, phrase)) continue;
      const before = tokens[i - 1];
      const pointsBack =
        phrase.some((_, k) => BACK_WORDS.test(tokens[i + k]?.norm ?? '')) ||
        (before !== undefined && BACK_WORDS.test(before.norm));
      mentions.push({ index: i, kind, pointsBack });
      i += phrase.length - 1;
      break;
    }
  }
  return mentions;
}

function matchesAt(tokens: readonly Token[], index: number, end: number, phrase: Phrase): boolean {
  if (index + phrase.length > end) return false;
  for (let k = 0; k < phrase.length; k++) {
    const token = tokens[index + k];
    const pattern = phrase[k];
    if (!token || !pattern || !pattern.test(token.norm)) return false;
  }
  return true;
}

const YESTERDAY_WORDS = new Set(['вчора', 'учора', 'вчера', 'yesterday', 'напередодні', 'накануне']);

/** True when the tokens say "yesterday" ("вчора", "вчера", "yesterday", "напередодні", "накануне"). */
export function mentionsYesterday(tokens: readonly Token[], first: number, end: number): boolean {
  for (let i = first; i < end; i++) if (YESTERDAY_WORDS.has(tokens[i]?.norm ?? '')) return true;
  return false;
}
