/**
 * Time scope: a sentence whose stated dates all name a day other than the report's speaks of another day (a
 * late report of an earlier strike's victims, a recalled attack, a UN figure "станом на 21 лютого", this
 * morning's incident under yesterday's tally). Its figures are not the day's.
 */
import type { DateTime } from 'luxon';
import type { DateMention } from './read-dates.js';
import { placeMention } from './resolve-report-date.js';
import type { Token } from './scan-text.js';
import type { SentenceInfo } from './scope-sentences.js';
import type { Sentence } from './split-sentences.js';

const TODAY_WORDS = new Set(['сьогодні', 'сегодня', 'today']);
const YESTERDAY_WORDS = new Set(['вчора', 'учора', 'вчера', 'yesterday', 'напередодні', 'накануне']);
const BACK_WORDS = /^(?:минул\p{L}*|минувш\p{L}*|прошедш\p{L}*|past|previous|last)$/u;
const REPORTING =
  /^(?:reported|said|announced|earlier|повідомив|повідомила|повідомили|сообщил|сообщила|сообщили)$/;

/**
 * The sentences (by object) whose every day they name differs from `date` (yyyy-MM-dd). A sentence names a
 * day by a stated date, or by "сьогодні"/"today" and "вчора"/"yesterday" read against the publication.
 */
export function findOtherDaySentences(
  tokens: readonly Token[],
  mentions: readonly DateMention[],
  sentences: readonly SentenceInfo[],
  date: string,
  published: DateTime | undefined,
): Set<SentenceInfo> {
  const verdicts = new Map<SentenceInfo, boolean>();
  const judge = (sentence: SentenceInfo, names: boolean): void => {
    verdicts.set(sentence, (verdicts.get(sentence) ?? true) && !names);
  };
  let cursor = 0;
  for (const mention of mentions) {
    // A dateline or "reported on" dates the report, not what the sentence tells.
    if (mention.dateline || mention.reportedOn) continue;
    while (cursor < sentences.length && (sentences[cursor]?.end ?? 0) <= mention.index) cursor++;
    const sentence = sentences[cursor];
    if (!sentence || mention.index < sentence.first || sentence.fromTitle) continue;
    const placed = placeMention(mention, published);
    if (!placed) continue;
    const day = mention.morningCutoff ? placed.minus({ days: 1 }) : placed;
    judge(sentence, coversDate(mention, day, date));
  }
  if (published) {
    const today = published.toISODate();
    const yesterday = published.minus({ days: 1 }).toISODate();
    for (const sentence of sentences) {
      if (sentence.fromTitle) continue;
      let saysToday = false;
      let looksBack = false;
      for (let i = sentence.first; i < sentence.end; i++) {
        const norm = tokens[i]?.norm ?? '';
        if (YESTERDAY_WORDS.has(norm)) judge(sentence, yesterday === date);
        if (BACK_WORDS.test(norm)) looksBack = true;
        // "reported earlier today" dates the reporting, not the strikes.
        if (TODAY_WORDS.has(norm) && !followsReporting(tokens, i, sentence.first)) saysToday = true;
      }
      // "Сьогодні ОВА повідомила, що за минулу добу ...": today is when it was told, not what it tells.
      if (saysToday && !looksBack) judge(sentence, today === date);
    }
  }
  const other = new Set<SentenceInfo>();
  for (const [sentence, differs] of verdicts) if (differs) other.add(sentence);
  return other;
}

function followsReporting(tokens: readonly Token[], index: number, first: number): boolean {
  for (let j = index - 1; j >= first && j >= index - 3; j--)
    if (REPORTING.test(tokens[j]?.norm ?? '')) return true;
  return false;
}

/** True when the mention's day, or any day of its two-day span, is `date`. */
function coversDate(mention: DateMention, day: DateTime, date: string): boolean {
  if (day.toISODate() === date) return true;
  if (mention.rangeStartDay === undefined) return false;
  const span = Math.abs(mention.day - mention.rangeStartDay);
  for (let back = 1; back <= Math.min(span, 2); back++)
    if (day.minus({ days: back }).toISODate() === date || day.plus({ days: back }).toISODate() === date)
      return true;
  return false;
}

const RECALL_OPENERS = new Set(['earlier', 'previously', 'раніше', 'ранее']);
const SAME_DAY = new Set(['today', 'this', 'сьогодні', 'сегодня']);

/**
 * "Earlier, the governor reported ...", "Раніше повідомлялося ...", "Ранее сообщалось ...": a sentence that
 * opens by recalling earlier reporting speaks of another day. "Earlier today" does not.
 */
export function opensWithRecall(tokens: readonly Token[], sentence: Sentence): boolean {
  let i = sentence.first;
  while (i < sentence.end && tokens[i]?.kind === 'punct') i++;
  if (!RECALL_OPENERS.has(tokens[i]?.norm ?? '')) return false;
  return !SAME_DAY.has(tokens[i + 1]?.norm ?? '') && !SAME_DAY.has(tokens[i + 2]?.norm ?? '');
}
