/** Picks the window a region's figures cover and the date mentions that may date them. */
import type { DateMention } from './read-dates.js';
import { findWindowMentions, mentionsYesterday, type WindowKind } from './read-window.js';
import { toKyivTime, type MentionScope, type ScopedMention } from './resolve-report-date.js';
import type { Token } from './scan-text.js';
import type { SentenceInfo } from './scope-sentences.js';
import { type MetricName, type Metrics, type RegionKey, type TimeWindow } from './types.js';

export interface PickedWindow {
  kind: WindowKind;
  pointsBack: boolean;
  /** The window was named in a sentence that gave one of the picked figures. */
  inFigure: boolean;
}

const COUNT_METRICS = ['communities', 'settlements', 'attacks', 'explosions', 'projectiles'] as const;
const CASUALTY_METRICS = ['injured', 'killed'] as const;

/**
 * Indexes of the sentences that gave the picked counts, in text order; where no count was picked, those
 * that gave the casualties. A casualty figure can come from an aside; the counts carry the day's tally.
 */
export function findFigureSentences(sentences: readonly SentenceInfo[], metrics: Metrics): number[] {
  const counts = collectSentences(sentences, metrics, COUNT_METRICS);
  return counts.length > 0 ? counts : collectSentences(sentences, metrics, CASUALTY_METRICS);
}

function collectSentences(
  sentences: readonly SentenceInfo[],
  metrics: Metrics,
  names: readonly MetricName[],
): number[] {
  const found: number[] = [];
  for (const name of names) {
    const start = metrics[name]?.evidence.start;
    if (start === undefined) continue;
    const index = sentences.findIndex((s) => start >= s.start && start <= s.stop);
    if (index >= 0 && !found.includes(index)) found.push(index);
  }
  return found.sort((a, b) => a - b);
}

/** The window named in the sentence that gave the first figure, else the first window in the text. */
export function pickWindow(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  region: RegionKey,
  figureSentences: readonly number[],
): PickedWindow {
  for (const index of figureSentences) {
    const sentence = sentences[index];
    if (!sentence || sentence.background) continue;
    const found = findWindowMentions(tokens, sentence.first, sentence.end)[0];
    if (found) return { kind: found.kind, pointsBack: found.pointsBack, inFigure: true };
  }
  for (const sentence of sentences) {
    if (sentence.background || (sentence.region !== null && sentence.region !== region)) continue;
    const found = findWindowMentions(tokens, sentence.first, sentence.end)[0];
    if (found) return { kind: found.kind, pointsBack: found.pointsBack, inFigure: false };
  }
  return { kind: 'past_24h', pointsBack: false, inFigure: false };
}

/**
 * The date mentions that may date the region's figures, each with where it sits: beside a picked figure, in
 * the headline, before the first figure (the lead) or further on. Mentions in background sentences and in
 * sentences about another region are left out.
 */
export function pickDateMentions(
  mentions: readonly DateMention[],
  sentences: readonly SentenceInfo[],
  region: RegionKey,
  figureSentences: readonly number[] = [],
): ScopedMention[] {
  const kept: ScopedMention[] = [];
  const firstFigure = figureSentences[0] ?? Number.POSITIVE_INFINITY;
  let cursor = 0;
  for (const mention of mentions) {
    while (cursor < sentences.length && (sentences[cursor]?.end ?? 0) <= mention.index) cursor++;
    const sentence = sentences[cursor];
    const inside = sentence !== undefined && mention.index >= sentence.first;
    if (!inside) {
      kept.push({ ...mention, scope: 'other' });
      continue;
    }
    if ((sentence.region !== null && sentence.region !== region) || sentence.background) continue;
    let scope: MentionScope = 'other';
    if (figureSentences.includes(cursor)) scope = 'figure';
    else if (sentence.fromTitle) scope = 'title';
    else if (cursor < firstFigure) scope = 'lead';
    kept.push({ ...mention, scope });
  }
  return kept;
}

/** "Вчора", "yesterday", "накануне" in a sentence that gave a picked figure. */
export function saysYesterdayInFigure(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  figureSentences: readonly number[],
): boolean {
  return figureSentences.some((index) => {
    const sentence = sentences[index];
    return sentence !== undefined && mentionsYesterday(tokens, sentence.first, sentence.end);
  });
}

/** "Вчора" in any sentence about the region that is not background. */
export function saysYesterday(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  region: RegionKey,
): boolean {
  return sentences.some(
    (s) =>
      !s.background &&
      (s.region === null || s.region === region) &&
      mentionsYesterday(tokens, s.first, s.end),
  );
}

export function toTimeWindow(kind: WindowKind, publishedAt: Date): TimeWindow {
  if (kind !== 'week' && kind !== 'range') return { kind };
  const published = toKyivTime(publishedAt);
  const to = published?.minus({ days: 1 }).toISODate() ?? '';
  const from = published?.minus({ days: 7 }).toISODate() ?? '';
  return { kind: 'range', from, to };
}
