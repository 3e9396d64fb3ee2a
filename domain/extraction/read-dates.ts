/**
 * Reads explicit dates ("28 серпня 2024 року", "on Oct. 28", "за 7 сентября", "станом на 06.00 23 вересня",
 * "у ніч проти 27 лютого", "за середу, 27 листопада") with the context words that change what they mean.
 */
import type { ParsedNumber } from './number-words.js';
import type { Token } from './scan-text.js';

export interface DateMention {
  /** Token index where the mention starts (the day or the month word, or a range's first day). */
  index: number;
  /** Token index one past the mention (after its year, if any). */
  end: number;
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
  /** "Wednesday, 12 March 2025, 07:10": a publication stamp, with its Kyiv clock time. */
  dateline?: { hour: number; minute: number };
  /** The first day of a two-day span ("у ніч з 4 на 5 липня"); `day` is the day the span is dated by. */
  rangeStartDay?: number;
  /** "за 7 сентября", "станом на ...", "у ніч на 27 лютого": the words name the date as the tally's own. */
  tallyMarked?: boolean;
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

/** Hours and minutes of a clock time token ("07:10", "20.45"), if it is one. */
function readClock(token: Token | undefined): { hour: number; minute: number } | undefined {
  if (!token || token.kind !== 'number') return undefined;
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(token.norm);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

// Ordinal days in the genitive ("п'ятого липня", "двадцять третього серпня", "первого сентября").
const ORDINAL_UNITS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['першого', 'первого']],
  [2, ['другого', 'второго']],
  [3, ['третього', 'третьего']],
  [4, ['четвертого']],
  [5, ["п'ятого", 'пятого']],
  [6, ['шостого', 'шестого']],
  [7, ['сьомого', 'седьмого']],
  [8, ['восьмого']],
  [9, ["дев'ятого", 'девятого']],
];
const ORDINAL_ROUND: ReadonlyArray<readonly [number, readonly string[]]> = [
  [10, ['десятого']],
  [11, ['одинадцятого', 'одиннадцатого']],
  [12, ['дванадцятого', 'двенадцатого']],
  [13, ['тринадцятого', 'тринадцатого']],
  [14, ['чотирнадцятого', 'четырнадцатого']],
  [15, ["п'ятнадцятого", 'пятнадцатого']],
  [16, ['шістнадцятого', 'шестнадцатого']],
  [17, ['сімнадцятого', 'семнадцатого']],
  [18, ['вісімнадцятого', 'восемнадцатого']],
  [19, ["дев'ятнадцятого", 'девятнадцатого']],
  [20, ['двадцятого', 'двадцатого']],
  [30, ['тридцятого', 'тридцатого']],
];
const ORDINAL_WORDS = new Map<string, number>();
for (const [value, words] of [...ORDINAL_UNITS, ...ORDINAL_ROUND])
  for (const word of words) ORDINAL_WORDS.set(word, value);
const TENS_WORDS = new Map<string, number>([
  ['двадцять', 20],
  ['двадцать', 20],
  ['тридцять', 30],
  ['тридцать', 30],
]);

/** A day written as an ordinal word, one or two tokens long, with the index of its last token. */
function readOrdinalDay(tokens: readonly Token[], index: number): { day: number; last: number } | undefined {
  const word = tokens[index]?.norm ?? '';
  const tens = TENS_WORDS.get(word);
  if (tens !== undefined) {
    const unit = ORDINAL_WORDS.get(tokens[index + 1]?.norm ?? '');
    if (unit === undefined || unit > 9 || tens + unit > 31) return undefined;
    return { day: tens + unit, last: index + 1 };
  }
  const day = ORDINAL_WORDS.get(word);
  return day === undefined ? undefined : { day, last: index };
}

/** Words a range of days may put between or before its ends ("з вечора 21 до ранку 22", "the morning of"). */
const RANGE_JOINERS = new Set(['-', '–', '—', 'to', 'на', 'по', 'до', 'and', 'і', 'й', 'та', 'и']);
const RANGE_END_WORDS = new Set(['ранку', 'утра', 'morning', 'the', 'of']);
const RANGE_START_WORDS = new Set([
  ...RANGE_END_WORDS,
  'вечора',
  'вечера',
  'evening',
  'ночі',
  'ночи',
  'night',
]);
const MORNING_START = new Set(['ранку', 'утра', 'morning']);

/** True when a range end starts in the morning ("з ранку 4", "the morning of February 4", "з 06:00 4"). */
function startsInMorning(tokens: readonly Token[], index: number): boolean {
  for (let j = index - 1; j >= 0 && j >= index - 3; j--) {
    const token = tokens[j];
    if (!token) break;
    if (MORNING_START.has(token.norm) || readClock(token) !== undefined) return true;
    if (!RANGE_START_WORDS.has(token.norm) && token.norm !== 'з' && token.norm !== 'с') break;
  }
  return false;
}

/**
 * The first day of a range that ends at the day token `dayIndex` ("21-22 серпня", "з 4 на 5 липня", "з вечора
 * 21 до ранку 22"), with the index where the range starts.
 */
function readRangeStart(
  tokens: readonly Token[],
  dayIndex: number,
): { day: number; index: number } | undefined {
  let k = dayIndex - 1;
  for (let skipped = 0; skipped < 2 && RANGE_END_WORDS.has(tokens[k]?.norm ?? ''); skipped++) k--;
  if (!RANGE_JOINERS.has(tokens[k]?.norm ?? '')) return undefined;
  k--;
  for (let skipped = 0; skipped < 3 && RANGE_START_WORDS.has(tokens[k]?.norm ?? ''); skipped++) k--;
  const day = readDayToken(tokens[k]);
  if (day === undefined || readMonthAt(tokens, k + 1) !== undefined) return undefined;
  return { day, index: k };
}

function newMention(index: number, end: number, day: number, month: number): DateMention {
  return { index, end, day, month, morningCutoff: false, incident: false, reportedOn: false };
}

/**
 * Picks the day a range of two days stands for. A night or an evening-to-morning span belongs to the morning
 * it ends in ("у ніч з 4 на 5 липня" is 5 July); a span from one morning to the next is the first day's tally.
 */
function placeRange(mention: DateMention, startDay: number, morningStart: boolean): void {
  mention.rangeStartDay = startDay;
  if (!morningStart) return;
  if (startDay > mention.day) mention.month = mention.month === 1 ? 12 : mention.month - 1;
  mention.day = startDay;
}

/** Every explicit day-and-month mention, in text order. */
export function findDateMentions(tokens: readonly Token[]): DateMention[] {
  const mentions: DateMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const numeric = readNumericDate(tokens[i]);
    if (numeric) {
      const mention = newMention(i, i + 1, numeric.day, numeric.month);
      mention.year = numeric.year;
      readContextBefore(tokens, i, mention);
      readDateline(tokens, mention, true);
      mentions.push(mention);
      continue;
    }
    let day = readDayToken(tokens[i]);
    let last = i;
    if (day === undefined) {
      const ordinal = readOrdinalDay(tokens, i);
      if (!ordinal || readMonthAt(tokens, ordinal.last + 1) === undefined) continue;
      day = ordinal.day;
      last = ordinal.last;
    }
    let month = readMonthAt(tokens, last + 1);
    let index = i;
    let after = last + 2;
    let rangeStart = month === undefined ? undefined : readRangeStart(tokens, i);
    if (month === undefined) {
      month = readEnglishMonthBefore(tokens, i);
      if (month === undefined) continue;
      index = i - 1;
      while (index > 0 && tokens[index]?.kind === 'punct') index--;
      after = i + 1;
      // "August 21-22": the range follows the month.
      const joiner = tokens[i + 1]?.norm ?? '';
      const second = readDayToken(tokens[i + 2]);
      if ((joiner === '-' || joiner === '–' || joiner === 'to') && second !== undefined && second > day) {
        rangeStart = { day, index };
        day = second;
        after = i + 3;
      }
    }
    if (tokens[after]?.norm === ',') after++;
    const yearToken = tokens[after];
    const mention = newMention(rangeStart?.index ?? index, after, day, month);
    if (
      yearToken?.kind === 'number' &&
      yearToken.value !== undefined &&
      yearToken.value >= 2000 &&
      yearToken.value <= 2100
    ) {
      mention.year = yearToken.value;
      mention.end = after + 1;
    }
    if (rangeStart) placeRange(mention, rangeStart.day, startsInMorning(tokens, rangeStart.index));
    readContextBefore(tokens, mention.index, mention);
    readDateline(tokens, mention, mention.year !== undefined || startsLine(tokens, mention.index));
    mentions.push(mention);
    i = Math.max(i, last);
  }
  return mergeRanges(tokens, mentions);
}

/**
 * Joins two full dates that make one span ("between the morning of February 4 and the morning of February 5",
 * "з 21 серпня по 22 серпня") into one mention, placed as `placeRange` does.
 */
function mergeRanges(tokens: readonly Token[], mentions: DateMention[]): DateMention[] {
  const merged: DateMention[] = [];
  for (const mention of mentions) {
    const previous = merged[merged.length - 1];
    if (previous && !previous.dateline && isRangeGap(tokens, previous.end, mention.index)) {
      const morningStart = startsInMorning(tokens, previous.index);
      if (morningStart) {
        previous.rangeStartDay = previous.day;
        previous.end = mention.end;
      } else {
        mention.rangeStartDay = previous.day;
        mention.index = previous.index;
        mention.morningCutoff ||= previous.morningCutoff;
        merged[merged.length - 1] = mention;
      }
      continue;
    }
    merged.push(mention);
  }
  return merged;
}

function isRangeGap(tokens: readonly Token[], from: number, to: number): boolean {
  if (to <= from || to - from > 5) return false;
  let joined = false;
  for (let k = from; k < to; k++) {
    const norm = tokens[k]?.norm ?? '';
    if (RANGE_JOINERS.has(norm)) joined = true;
    else if (!RANGE_END_WORDS.has(norm)) return false;
  }
  return joined;
}

/** True when only a weekday or punctuation stands between the line's start and `index`. */
function startsLine(tokens: readonly Token[], index: number): boolean {
  for (let j = index - 1; j >= 0; j--) {
    const token = tokens[j];
    if (!token || token.norm === '\n') return true;
    if (token.kind === 'punct') continue;
    if (token.kind === 'word' && readWeekdayWord(token.norm) !== undefined) continue;
    return false;
  }
  return true;
}

/**
 * "Wednesday, 12 March 2025, 07:10", "17.10.2025 08:05": a date followed at once by a clock time is the stamp
 * of the publication, not the day of the attacks.
 */
function readDateline(tokens: readonly Token[], mention: DateMention, eligible: boolean): void {
  if (!eligible) return;
  let k = mention.end;
  while (tokens[k]?.kind === 'punct' && /^[,|•\-–—/]$/.test(tokens[k]?.norm ?? '')) k++;
  const clock = readClock(tokens[k]);
  if (!clock) return;
  mention.dateline = clock;
}

const TODAY_WORDS = new Set(['сьогодні', 'сегодня', 'today']);

function isDateApposition(tokens: readonly Token[], word: number, index: number): boolean {
  return TODAY_WORDS.has(tokens[word]?.norm ?? '') && word === index - 2 && tokens[index - 1]?.norm === ',';
}

/** Words that name a date as the tally's own: "за 7 сентября", "зведення за середу, 27 листопада", "for March 3". */
const TALLY_PREPOSITIONS = new Set(['за', 'for']);
const NIGHT_WORDS = new Set(['ніч', 'ночь', 'night']);

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
    if (TALLY_PREPOSITIONS.has(token.norm) && j >= index - 4) mention.tallyMarked = true;
    // "у ніч на 27 лютого", "в ночь на 10 февраля": the night that ends on the date.
    if (NIGHT_WORDS.has(token.norm) && j >= index - 3) mention.tallyMarked = true;
    if (MORNING_WORDS.has(token.norm)) {
      // "in the morning of February 4", "on the morning of": an incident's time, not a cut-off.
      if (token.norm === 'morning' && /^(?:in|on)$/.test(tokens[j - 2]?.norm ?? '')) mention.incident = true;
      else sawTime ??= 8;
    }
    if (token.norm === 'станом' || token.norm === 'состоянию' || token.norm === 'as') sawCutoff = true;
    if (
      token.norm === 'на' &&
      tokens[j + 1]?.norm !== undefined &&
      MORNING_WORDS.has(tokens[j + 1]?.norm ?? '')
    ) {
      sawCutoff = true;
    }
  }
  // "станом на 06.00 23 вересня", "на ранок 11 серпня", "as of the morning of March 3": the tally ends that morning.
  if (sawCutoff && sawTime !== undefined && sawTime < 12) {
    mention.morningCutoff = true;
    mention.tallyMarked = true;
  }
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
    if (token?.kind !== 'word' || !isWeekdayLead(tokens, i)) continue;
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

/** "у ніч на п'ятницю", "в ночь на пятницу", "overnight into Sunday": the night that ends on the weekday. */
const NIGHT_PREPOSITIONS = new Set(['на', 'проти', 'into', 'to']);
const NIGHT_LEADS = new Set(['ніч', 'ночь', 'night', 'overnight']);

function isWeekdayLead(tokens: readonly Token[], index: number): boolean {
  const before = tokens[index - 1]?.norm ?? '';
  if (WEEKDAY_PREPOSITIONS.has(before)) return true;
  return NIGHT_PREPOSITIONS.has(before) && NIGHT_LEADS.has(tokens[index - 2]?.norm ?? '');
}

function hasDateNear(tokens: readonly Token[], index: number): boolean {
  for (let k = index + 1; k < tokens.length && k <= index + 4; k++) {
    const token = tokens[k];
    if (!token || token.norm === '.' || token.norm === '\n') return false;
    if (MONTH_WORDS.has(token.norm)) return true;
  }
  return false;
}
