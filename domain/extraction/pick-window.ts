/** Picks the window a region's figures cover and the date mentions that may date them. */
import type { DateMention } from './read-dates.js';
import { findWindowMentions, type WindowKind } from './read-window.js';
import { toKyivTime } from './resolve-report-date.js';
import type { Token } from './scan-text.js';
import type { SentenceInfo } from './scope-sentences.js';
import { METRIC_NAMES, type Metrics, type RegionKey, type TimeWindow } from './types.js';

export interface PickedWindow {
  kind: WindowKind;
  pointsBack: boolean;
}

/** The window named in the sentence that gave the first figure, else the first window in the text. */
export function pickWindow(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  region: RegionKey,
  metrics: Metrics,
): PickedWindow {
  const evidenceStarts = METRIC_NAMES.map((name) => metrics[name]?.evidence.start).filter(
    (start): start is number => start !== undefined,
  );
  const ordered = [...sentences].sort((a, b) => {
    const aHit = evidenceStarts.some((s) => s >= a.start && s <= a.stop) ? 0 : 1;
    const bHit = evidenceStarts.some((s) => s >= b.start && s <= b.stop) ? 0 : 1;
    return aHit - bHit || a.start - b.start;
  });
  for (const sentence of ordered) {
    if (sentence.background || (sentence.region !== null && sentence.region !== region)) continue;
    const found = findWindowMentions(tokens, sentence.first, sentence.end)[0];
    if (found) return { kind: found.kind, pointsBack: found.pointsBack };
  }
  return { kind: 'past_24h', pointsBack: false };
}

export function pickDateMentions(
  mentions: readonly DateMention[],
  sentences: readonly SentenceInfo[],
  region: RegionKey,
): DateMention[] {
  const kept: DateMention[] = [];
  let cursor = 0;
  for (const mention of mentions) {
    while (cursor < sentences.length && (sentences[cursor]?.end ?? 0) <= mention.index) cursor++;
    const sentence = sentences[cursor];
    const inside = sentence !== undefined && mention.index >= sentence.first;
    if (!inside || ((sentence.region === null || sentence.region === region) && !isSetAside(sentence))) {
      kept.push(mention);
    }
  }
  return kept;
}

function isSetAside(sentence: SentenceInfo): boolean {
  return sentence.background;
}

export function toTimeWindow(kind: WindowKind, publishedAt: Date): TimeWindow {
  if (kind !== 'week' && kind !== 'range') return { kind };
  const published = toKyivTime(publishedAt);
  const to = published?.minus({ days: 1 }).toISODate() ?? '';
  const from = published?.minus({ days: 7 }).toISODate() ?? '';
  return { kind: 'range', from, to };
}
