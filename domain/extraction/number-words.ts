/**
 * Reads numbers written as digits or as words in Ukrainian, Russian and English, in all the case forms
 * reports use ("одну", "двох", "шістьох", "п'ятеро", "дванадцяти", "четверо", "nine", "twenty-five"),
 * plus multiplicatives ("двічі", "тричі", "twice", "дважды") and grouped counts ("два десятки",
 * "a dozen and a half", "сотні").
 */
import type { Token } from './scan-text.js';

/** What a number phrase means beyond its value. */
export interface ParsedNumber {
  value: number;
  /** Index of the first token of the phrase. */
  first: number;
  /** Index of the last token of the phrase (inclusive). */
  last: number;
  /** "двічі", "twice", "once": the number is itself a count of times. */
  multiplicative: boolean;
  /** Written as a word, not digits. */
  spelled: boolean;
  /** Vague quantity words ("a dozen", "сотня", "десятки") that only approximate a count. */
  vague: boolean;
}

const UNITS_UK: ReadonlyArray<readonly [number, readonly string[]]> = [
  [
    1,
    [
      'один',
      'одна',
      'одне',
      'одно',
      'одного',
      'одної',
      'однієї',
      'одній',
      'одному',
      'одну',
      'одним',
      'одною',
      'однією',
      'одной',
      'одни',
    ],
  ],
  [
    2,
    ['два', 'дві', 'две', 'двох', 'двом', 'двома', 'двоє', 'двоїх', 'двух', 'двум', 'двумя', 'двое', 'двоих'],
  ],
  [3, ['три', 'трьох', 'трьом', 'трьома', 'троє', 'трох', 'трех', 'трем', 'тремя', 'трое', 'троих']],
  [
    4,
    [
      'чотири',
      'чотирьох',
      'чотирьом',
      'чотирма',
      'четверо',
      'четверых',
      'четырe',
      'четыре',
      'четырех',
      'четырем',
      'четырьмя',
    ],
  ],
  [
    6,
    ['шість', 'шести', 'шістьох', 'шістьом', 'шістьма', 'шістьома', 'шестеро', 'шесть', 'шестью', 'шестерых'],
  ],
  [7, ['сім', 'семи', 'сімох', 'сімом', 'сьома', 'сімома', 'семеро', 'семь', 'семью', 'семерых']],
  [
    8,
    [
      'вісім',
      'восьми',
      'вісьмох',
      'вісьмом',
      'вісьма',
      'вісьмома',
      'восьмеро',
      'восемь',
      'восемью',
      'восьмерых',
    ],
  ],
  [40, ['сорок', 'сорока']],
  [90, ["дев'яносто", "дев'яноста", 'девяносто', 'девяноста']],
  [100, ['сто', 'ста']],
  [200, ['двісті', 'двохсот', 'двомстам', 'двести', 'двухсот']],
  [300, ['триста', 'трьохсот', 'трехсот']],
  [400, ['чотириста', 'чотирьохсот', 'четыреста', 'четырехсот']],
  [500, ["п'ятсот", "п'ятисот", 'пятьсот', 'пятисот']],
  [600, ['шістсот', 'шестисот', 'шестьсот']],
  [700, ['сімсот', 'семисот', 'семьсот']],
  [800, ['вісімсот', 'восьмисот', 'восемьсот']],
  [900, ["дев'ятсот", "дев'ятисот", 'девятьсот', 'девятисот']],
];

// Numbers whose Ukrainian forms follow one pattern: stem + ь/и/ьох/ьом/ьма/ьома/еро.
const REGULAR_STEMS_UK: ReadonlyArray<readonly [number, string]> = [
  [5, "п'ят"],
  [9, "дев'ят"],
  [10, 'десят'],
  [11, 'одинадцят'],
  [12, 'дванадцят'],
  [13, 'тринадцят'],
  [14, 'чотирнадцят'],
  [15, "п'ятнадцят"],
  [16, 'шістнадцят'],
  [17, 'сімнадцят'],
  [18, 'вісімнадцят'],
  [19, "дев'ятнадцят"],
  [20, 'двадцят'],
  [30, 'тридцят'],
  [50, "п'ятдесят"],
  [60, 'шістдесят'],
  [70, 'сімдесят'],
  [80, 'вісімдесят'],
];
const REGULAR_ENDINGS_UK = ['ь', 'и', 'ьох', 'ьом', 'ьма', 'ьома', 'еро', 'ьох', ''];

// Russian: stem + ь/и/ью/еро.
const REGULAR_STEMS_RU: ReadonlyArray<readonly [number, string]> = [
  [5, 'пят'],
  [9, 'девят'],
  [10, 'десят'],
  [11, 'одиннадцат'],
  [12, 'двенадцат'],
  [13, 'тринадцат'],
  [14, 'четырнадцат'],
  [15, 'пятнадцат'],
  [16, 'шестнадцат'],
  [17, 'семнадцат'],
  [18, 'восемнадцат'],
  [19, 'девятнадцат'],
  [20, 'двадцат'],
  [30, 'тридцат'],
];
const REGULAR_ENDINGS_RU = ['ь', 'и', 'ью', 'еро', 'ерых'];
const TENS_RU: ReadonlyArray<readonly [number, readonly string[]]> = [
  [50, ['пятьдесят', 'пятидесяти']],
  [60, ['шестьдесят', 'шестидесяти']],
  [70, ['семьдесят', 'семидесяти']],
  [80, ['восемьдесят', 'восьмидесяти']],
];

const ENGLISH: ReadonlyArray<readonly [number, string]> = [
  [1, 'one'],
  [2, 'two'],
  [3, 'three'],
  [4, 'four'],
  [5, 'five'],
  [6, 'six'],
  [7, 'seven'],
  [8, 'eight'],
  [9, 'nine'],
  [10, 'ten'],
  [11, 'eleven'],
  [12, 'twelve'],
  [13, 'thirteen'],
  [14, 'fourteen'],
  [15, 'fifteen'],
  [16, 'sixteen'],
  [17, 'seventeen'],
  [18, 'eighteen'],
  [19, 'nineteen'],
  [20, 'twenty'],
  [30, 'thirty'],
  [40, 'forty'],
  [50, 'fifty'],
  [60, 'sixty'],
  [70, 'seventy'],
  [80, 'eighty'],
  [90, 'ninety'],
];

const MULTIPLICATIVES: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['once']],
  [2, ['двічі', 'дважды', 'twice']],
  [3, ['тричі', 'трижды', 'thrice']],
  [4, ['чотиричі', 'четырежды']],
];

// Group words: "два десятки" = 20, "a dozen" = 12, "сотня" = 100. On their own they are vague.
const GROUPS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [10, ['десяток', 'десятка', 'десятки', 'десятків', 'десятков', 'десятком']],
  [12, ['dozen', 'dozens', 'дюжина', 'дюжини', 'дюжину', 'дюжины']],
  [100, ['сотня', 'сотні', 'сотню', 'сотень', 'сотни', 'hundred', 'hundreds']],
  [
    1000,
    ['тисяча', 'тисячі', 'тисячу', 'тисяч', 'тысяча', 'тысячи', 'тысячу', 'тысяч', 'thousand', 'thousands'],
  ],
];

/** "півтори сотні" = 150, "полтора десятка" = 15. */
const ONE_AND_A_HALF = new Set(['півтора', 'півтори', 'полтора', 'полторы']);

const ONCE_FOLLOWERS = new Set(['again', 'more']);

const CARDINALS = buildCardinalTable();
const MULTIPLIERS = buildTable(MULTIPLICATIVES);
const GROUP_WORDS = buildTable(GROUPS);

function buildTable(entries: ReadonlyArray<readonly [number, readonly string[]]>): Map<string, number> {
  const table = new Map<string, number>();
  for (const [value, forms] of entries) for (const form of forms) table.set(form, value);
  return table;
}

function buildCardinalTable(): Map<string, number> {
  const table = buildTable(UNITS_UK);
  for (const [value, forms] of TENS_RU) for (const form of forms) table.set(form, value);
  for (const [value, stem] of REGULAR_STEMS_UK) {
    for (const ending of REGULAR_ENDINGS_UK) if (ending) table.set(stem + ending, value);
  }
  for (const [value, stem] of REGULAR_STEMS_RU) {
    for (const ending of REGULAR_ENDINGS_RU) table.set(stem + ending, value);
  }
  for (const [value, word] of ENGLISH) table.set(word, value);
  // Ukrainian collective forms that do not follow the regular stems.
  table.set("п'ятеро", 5);
  table.set("п'ятьох", 5);
  table.set("дев'ятеро", 9);
  table.set('десятеро', 10);
  // The nominative of the Ukrainian tens from 50 to 80 is the bare stem ("сімдесят разів").
  for (const [value, stem] of REGULAR_STEMS_UK) if (value >= 50) table.set(stem, value);
  return table;
}

/** The value of a single cardinal number word, or undefined. */
export function readCardinalWord(word: string): number | undefined {
  return CARDINALS.get(word);
}

/** The value of a multiplicative word ("двічі" = 2), or undefined. */
export function readMultiplicativeWord(word: string): number | undefined {
  return MULTIPLIERS.get(word);
}

function isCountNumber(token: Token | undefined): token is Token & { value: number } {
  return token !== undefined && token.kind === 'number' && token.value !== undefined && !token.notCount;
}

/**
 * Reads the number phrase that starts at token `index`, if any. Handles digits, compound number words
 * ("двадцять п'ять", "twenty-five", "сто двадцять"), multiplicatives, "N десятки/dozen" and
 * "a dozen and a half".
 */
export function parseNumberAt(tokens: readonly Token[], index: number): ParsedNumber | undefined {
  const token = tokens[index];
  if (!token) return undefined;
  if (isCountNumber(token)) {
    return {
      value: token.value,
      first: index,
      last: index,
      multiplicative: false,
      spelled: false,
      vague: false,
    };
  }
  if (token.kind !== 'word') return undefined;
  const times = MULTIPLIERS.get(token.norm);
  // "once again", "once more", "at once": a repetition or a manner, not one attack.
  if (times === 1 && (ONCE_FOLLOWERS.has(tokens[index + 1]?.norm ?? '') || tokens[index - 1]?.norm === 'at'))
    return undefined;
  if (times !== undefined) {
    return { value: times, first: index, last: index, multiplicative: true, spelled: true, vague: false };
  }
  if (ONE_AND_A_HALF.has(token.norm)) {
    const group = GROUP_WORDS.get(tokens[index + 1]?.norm ?? '');
    if (group === undefined) return undefined;
    return {
      value: group * 1.5,
      first: index,
      last: index + 1,
      multiplicative: false,
      spelled: true,
      vague: false,
    };
  }
  const english = readEnglishCompound(token.norm);
  if (english !== undefined) return readGroupTail(tokens, index, index, english, false);
  const first = CARDINALS.get(token.norm);
  if (first !== undefined) {
    let value = first;
    let last = index;
    // Additive compounds: hundreds + tens + units, each a separate word ("сто двадцять п'ять").
    let previous = first;
    for (let next = index + 1; next <= index + 3; next++) {
      const word = tokens[next];
      if (!word || word.kind !== 'word') break;
      const part = CARDINALS.get(word.norm);
      if (part === undefined || part >= previous || !fitsAfter(previous, part)) break;
      value += part;
      previous = part;
      last = next;
    }
    return readGroupTail(tokens, index, last, value, false);
  }
  // "a dozen", "a hundred", "десятки", "сотні": a group word on its own is a vague count.
  const articleGroup =
    token.norm === 'a' || token.norm === 'one' ? GROUP_WORDS.get(tokens[index + 1]?.norm ?? '') : undefined;
  if (articleGroup !== undefined) return readGroupTail(tokens, index, index + 1, articleGroup, true, true);
  const bareGroup = GROUP_WORDS.get(token.norm);
  if (bareGroup !== undefined) return readGroupTail(tokens, index, index, bareGroup, true, true);
  return undefined;
}

function fitsAfter(previous: number, part: number): boolean {
  if (previous >= 100) return part < 100;
  if (previous >= 20 && previous % 10 === 0) return part < 10;
  return false;
}

function readEnglishCompound(word: string): number | undefined {
  const dash = word.indexOf('-');
  if (dash < 0) return undefined;
  const tens = CARDINALS.get(word.slice(0, dash));
  const unit = CARDINALS.get(word.slice(dash + 1));
  if (tens === undefined || unit === undefined || tens < 20 || tens % 10 !== 0 || unit >= 10)
    return undefined;
  return tens + unit;
}

/**
 * Extends a number with a following group word ("два десятки" = 20, "three dozen" = 36) and "and a half"
 * ("a dozen and a half" = 18, "півтора десятки" is handled by the caller's lexicon).
 */
function readGroupTail(
  tokens: readonly Token[],
  first: number,
  last: number,
  value: number,
  vague: boolean,
  isGroupAlready = false,
): ParsedNumber {
  let end = last;
  let total = value;
  let groupSize = isGroupAlready ? value : 0;
  if (!isGroupAlready) {
    const group = GROUP_WORDS.get(tokens[last + 1]?.norm ?? '');
    if (group !== undefined && (value < 10 || (group === 1000 && value < 1000))) {
      total = value * group;
      groupSize = group;
      end = last + 1;
    }
  }
  if (
    groupSize > 0 &&
    tokens[end + 1]?.norm === 'and' &&
    tokens[end + 2]?.norm === 'a' &&
    tokens[end + 3]?.norm === 'half'
  ) {
    total += groupSize / 2;
    end += 3;
  } else if (groupSize >= 100 && !vague) {
    // "one hundred and twelve", "дві тисячі сорок": the rest of the number after the group word.
    const andSkip = tokens[end + 1]?.norm === 'and' ? 1 : 0;
    const restToken = tokens[end + 1 + andSkip];
    const rest =
      restToken?.kind === 'word'
        ? (CARDINALS.get(restToken.norm) ?? readEnglishCompound(restToken.norm))
        : undefined;
    if (rest !== undefined && rest < groupSize) {
      total += rest;
      end += 1 + andSkip;
    }
  }
  return { value: total, first, last: end, multiplicative: false, spelled: true, vague };
}
