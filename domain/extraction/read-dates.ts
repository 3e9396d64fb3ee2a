/**
 * Reads explicit dates ("28 серпня 2024 року", "on Oct. 28", "за 7 сентября", "станом на 06.00 23 вересня",
 * "у ніч проти 27 лютого", "за середу, 27 листопада") with the context words that change what they mean.
 */
import type { ParsedNumber } from './number-words.js';
import type { Token } from './scan-text.js';

export interface DateMention {
  /** Token index where the mention starts (the day or the month word). */
  index: number;
  day: number;
  /** 1..12 */
  month: number;
  year?: number;
  /** ISO weekday 1..7 named next to the date ("за середу, 27 листопада"). */
  weekday?: number;
  /** "станом на 06.00 23 вересня" / "на ранок 11 серпня": a morning cut-off, so the tally covers the day before. */
  morningCutoff: boolean;
  /** "вранці 20 листопада", "this morning": a same-day incident, not the date of a daily tally. */
  incident: boolean;
  /** "reported on Feb. 3", "повідомив 3 лютого": the day of the report, which may follow the attacks. */
  reportedOn: boolean;
}

const MONTHS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['січня', 'января', 'january', 'jan']],
  [2, ['лютого', 'февраля', 'february', 'feb']],
  [3, ['березня', 'марта', 'march', 'mar']],
  [4, ['квітня', 'апреля', 'april', 'apr']],
  [5, ['травня', 'мая', 'may']],
  [6, ['червня', 'июня', 'june', 'jun']],
  [7, ['липня', 'июля', 'july', 'jul']],
  [8, ['серпня', 'августа', 'august', 'aug']],
  [9, ['вересня', 'сентября', 'september', 'sep', 'sept']],
  [10, ['жовтня', 'октября', 'october', 'oct']],
  [11, ['листопада', 'ноября', 'november', 'nov']],
  [12, ['грудня', 'декабря', 'december', 'dec']],
];
const MONTH_WORDS = new Map<string, number>();
for (const [month, words] of MONTHS) for (const word of words) MONTH_WORDS.set(word, month);
const ENGLISH_MONTH = /^[a-z]+$/;

const WEEKDAYS: ReadonlyArray<readonly [number, RegExp]> = [
  [1, /^(?:понеділ\p{L}*|понедельник\p{L}*|monday)$/u],
  [2, /^(?:вівтор\p{L}*|вторник\p{L}*|tuesday)$/u],
  [3, /^(?:серед[ауи]|среду|среда|среды|wednesday)$/u],
  [4, /^(?:четвер\p{L}*|четверг\p{L}*|thursday)$/u],
  [5, /^(?:п'ятниц\p{L}*|пятниц\p{L}*|friday)$/u],
  [6, /^(?:субот\p{L}*|суббот\p{L}*|saturday)$/u],
  [7, /^(?:неділ\p{L}*|воскресен\p{L}*|sunday)$/u],
];

/** ISO weekday named by a word, if any. */
export function readWeekdayWord(word: string): number | undefined {
  for (const [day, pattern] of WEEKDAYS) if (pattern.test(word)) return day;
  return undefined;
}

const INCIDENT_WORDS = new Set(['вранці', 'зранку', 'сьогодні', 'утром', 'сегодня', 'today']);
const REPORTED_WORDS =
  /^(?:reported|said|announced|повідомив|повідомила|повідомили|сообщил|сообщила|сообщили)$/;
const MORNING_WORDS = new Set(['ранок', 'ранку', 'утро', 'morning']);

function readDayToken(token: Token | undefined): number | undefined {
  if (!token || token.kind !== 'number' || token.value === undefined) return undefined;
  // "19-го лютого" is scanned as a compound number; its digits are still a day.
  if (token.notCount && !/^\d{1,2}$/.test(token.norm)) return undefined;
  const value = token.value;
  return Number.isInteger(value) && value >= 1 && value <= 31 ? value : undefined;
}

/** "13.07.2024", "13.07.24": a day, month and year written with dots. */
function readNumericDate(token: Token | undefined): { day: number; month: number; year: number } | undefined {
  if (!token || token.kind !== 'number') return undefined;
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(token.norm);
  if (!match) return undefined;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const rawYear = Number(match[3]);
  const year = rawYear < 100 ? 2000 + rawYear : rawYear;
  if (day < 1 || day > 31 || month < 1 || month > 12 || year < 2000 || year > 2100) return undefined;
  return { day, month, year };
}

function readMonthAt(tokens: readonly Token[], index: number): number | undefined {
  const token = tokens[index];
  if (!token || token.kind !== 'word') return undefined;
  return MONTH_WORDS.get(token.norm);
}

/** True when a parsed number is the day of a date ("20 лютого", "Oct. 28", "April 13"). */
export function isDateNumber(tokens: readonly Token[], number: ParsedNumber): boolean {
  if (number.spelled) return false;
  const token = tokens[number.first];
  if (readDayToken(token) === undefined) return false;
  if (readMonthAt(tokens, number.last + 1) !== undefined) return true;
  return readEnglishMonthBefore(tokens, number.first) !== undefined;
}

function readEnglishMonthBefore(tokens: readonly Token[], index: number): number | undefined {
  let j = index - 1;
  while (j >= 0 && tokens[j]?.kind === 'punct' && (tokens[j]?.norm === '.' || tokens[j]?.norm === '\n')) j--;
  const token = tokens[j];
  if (!token || !ENGLISH_MONTH.test(token.norm)) return undefined;
  return MONTH_WORDS.get(token.norm);
}

/** Every explicit day-and-month mention, in text order. */
export function findDateMentions(tokens: readonly Token[]): DateMention[] {
  const mentions: DateMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const numeric = readNumericDate(tokens[i]);
    if (numeric) {
      const mention: DateMention = {
        index: i,
        ...numeric,
        morningCutoff: false,
        incident: false,
        reportedOn: false,
      };
      readContextBefore(tokens, i, mention);
      mentions.push(mention);
      continue;
    }
    const day = readDayToken(tokens[i]);
    if (day === undefined) continue;
    let month = readMonthAt(tokens, i + 1);
    let index = i;
    let after = i + 2;
    if (month === undefined) {
      month = readEnglishMonthBefore(tokens, i);
      if (month === undefined) continue;
      index = i - 1;
      while (index > 0 && tokens[index]?.kind === 'punct') index--;
      after = i + 1;
    }
    if (tokens[after]?.norm === ',') after++;
    const yearToken = tokens[after];
    const mention: DateMention = {
      index,
      day,
      month,
      morningCutoff: false,
      incident: false,
      reportedOn: false,
    };
    if (
      yearToken?.kind === 'number' &&
      yearToken.value !== undefined &&
      yearToken.value >= 2000 &&
      yearToken.value <= 2100
    ) {
      mention.year = yearToken.value;
    }
    readContextBefore(tokens, index, mention);
    mentions.push(mention);
  }
  return mentions;
}

const TODAY_WORDS = new Set(['сьогодні', 'сегодня', 'today']);

function isDateApposition(tokens: readonly Token[], word: number, index: number): boolean {
  return TODAY_WORDS.has(tokens[word]?.norm ?? '') && word === index - 2 && tokens[index - 1]?.norm === ',';
}

function readContextBefore(tokens: readonly Token[], index: number, mention: DateMention): void {
  let sawCutoff = false;
  let sawTime: number | undefined;
  for (let j = index - 1; j >= 0 && j >= index - 5; j--) {
    const token = tokens[j];
    if (!token) break;
    if (token.kind === 'punct' && token.norm === '\n') break;
    if (token.kind === 'number' && token.notCount && /^\d{1,2}[.:]\d{2}$/.test(token.norm)) {
      sawTime ??= Number(token.norm.slice(0, token.norm.search(/[.:]/)));
      continue;
    }
    if (token.kind !== 'word') continue;
    const weekday = readWeekdayWord(token.norm);
    if (weekday !== undefined) mention.weekday ??= weekday;
    // "Сьогодні, 26 листопада, ...", "Today, Nov. 26": the date names the day itself, not an incident's time.
    if (INCIDENT_WORDS.has(token.norm) && !isDateApposition(tokens, j, index)) mention.incident = true;
    if (REPORTED_WORDS.test(token.norm) && j >= index - 3) mention.reportedOn = true;
    if (MORNING_WORDS.has(token.norm)) sawTime ??= 8;
    if (token.norm === 'станом' || token.norm === 'состоянию' || token.norm === 'as') sawCutoff = true;
    if (
      token.norm === 'на' &&
      tokens[j + 1]?.norm !== undefined &&
      MORNING_WORDS.has(tokens[j + 1]?.norm ?? '')
    ) {
      sawCutoff = true;
    }
  }
  if (sawCutoff && sawTime !== undefined && sawTime < 12) mention.morningCutoff = true;
  // "станом на ранок" counts as a cut-off even without the word "станом".
  if (!sawCutoff && sawTime === 8) mention.morningCutoff = true;
}

export interface WeekdayMention {
  index: number;
  /** ISO weekday 1..7. */
  weekday: number;
}

const WEEKDAY_PREPOSITIONS = new Set(['on', 'у', 'в', 'во', 'last', 'this']);

/**
 * Weekdays named on their own ("on Tuesday", "у вівторок", "во вторник"), without a day and month: the day is
 * the last such weekday up to the publication. A weekday beside a date is read with the date, and one after
 * a verb of reporting ("said on Thursday") dates the report, not the attacks.
 */
export function findWeekdayMentions(tokens: readonly Token[]): WeekdayMention[] {
  const mentions: WeekdayMention[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.kind !== 'word' || !WEEKDAY_PREPOSITIONS.has(tokens[i - 1]?.norm ?? '')) continue;
    const weekday = readWeekdayWord(token.norm);
    if (weekday === undefined) continue;
    if (hasDateNear(tokens, i)) continue;
    let reported = false;
    for (let j = i - 2; j >= 0 && j >= i - 3; j--)
      if (REPORTED_WORDS.test(tokens[j]?.norm ?? '')) reported = true;
    if (!reported) mentions.push({ index: i, weekday });
  }
  return mentions;
}

function hasDateNear(tokens: readonly Token[], index: number): boolean {
  for (let k = index + 1; k < tokens.length && k <= index + 4; k++) {
    const token = tokens[k];
    if (!token || token.norm === '.' || token.norm === '\n') return false;
    if (MONTH_WORDS.has(token.norm)) return true;
  }
  return false;
}
