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

/** The sentences (by object) whose every comparable date differs from `date` (yyyy-MM-dd). */
export function findOtherDaySentences(
  mentions: readonly DateMention[],
  sentences: readonly SentenceInfo[],
  date: string,
  published: DateTime | undefined,
): Set<SentenceInfo> {
  const verdicts = new Map<SentenceInfo, boolean>();
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
    const names = coversDate(mention, day, date);
    verdicts.set(sentence, (verdicts.get(sentence) ?? true) && !names);
  }
  const other = new Set<SentenceInfo>();
  for (const [sentence, differs] of verdicts) if (differs) other.add(sentence);
  return other;
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
