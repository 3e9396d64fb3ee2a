/**
 * Fills an ExtractionTrace from the extractor's intermediate results. Only called when a trace was asked
 * for, so it may re-read what the normal path skipped (the figures of background sentences and clauses) to
 * say why they were dropped.
 */
import type { ExtractionTrace, SentenceRole, TraceCandidate } from './extraction-trace.js';
import { isApproximate } from './qualifiers.js';
import { readCasualties } from './read-casualties.js';
import { readCountPhrases, type CountPhrase } from './read-count-phrases.js';
import { findWindowMentions } from './read-window.js';
import type { Token } from './scan-text.js';
import type { ScopedCasualty, ScopedCount } from './scope-figures.js';
import type { SentenceInfo } from './scope-sentences.js';
import type { MetricName, Metrics, RegionKey, Span } from './types.js';

/** Records every sentence with its region, roles and window, and the figures set aside with it. */
export function recordSentences(
  trace: ExtractionTrace,
  text: string,
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  phrases: readonly CountPhrase[][],
): void {
  sentences.forEach((sentence, index) => {
    const roles: SentenceRole[] = [];
    if (sentence.fromTitle) roles.push('title');
    if (sentence.background) roles.push('background');
    if (sentence.namesRegion) roles.push('names-region');
    if (sentence.regionTotal) roles.push('region-total');
    if (sentence.placeIndex >= 0) roles.push('community');
    if (sentence.inSection) roles.push('in-section');
    trace.sentences.push({
      text: text.slice(sentence.start, sentence.stop),
      start: sentence.start,
      region: sentence.region,
      roles,
      window: findWindowMentions(tokens, sentence.first, sentence.end)[0]?.kind ?? null,
    });
    // What the normal path never read: the figures of background sentences and clauses.
    const kept = new Set((phrases[index] ?? []).map((phrase) => phrase.index));
    for (const phrase of readCountPhrases(tokens, sentence.first, sentence.end)) {
      if (kept.has(phrase.index)) continue;
      trace.candidates.push({
        ...describe(text, index, phrase, phrase.weapon === undefined ? 'oblast' : 'weapon'),
        kept: false,
        reason: sentence.background ? 'background sentence' : 'background clause',
      });
    }
    if (sentence.background) {
      for (const phrase of readCasualties(tokens, sentence.first, sentence.end)) {
        trace.candidates.push({
          ...describe(text, index, phrase, 'oblast'),
          kept: false,
          reason: 'background sentence',
        });
      }
    }
    if (sentence.region === null && !sentence.background) {
      for (const phrase of phrases[index] ?? [])
        trace.candidates.push({
          ...describe(text, index, phrase, 'oblast'),
          kept: false,
          reason: 'no region',
        });
    }
  });
}

/** Records the count and casualty figures of one region and why each was or was not picked. */
export function recordCandidates(
  trace: ExtractionTrace,
  text: string,
  sentences: readonly SentenceInfo[],
  region: RegionKey,
  counts: readonly ScopedCount[],
  casualties: readonly ScopedCasualty[],
  dropped: readonly ScopedCasualty[],
  metrics: Metrics,
): void {
  const indexOf = new Map(sentences.map((sentence, index) => [sentence, index]));
  for (const count of counts) {
    if (count.sentence.region !== region) continue;
    const scope = count.community ? 'community' : count.weapon === undefined ? 'oblast' : 'weapon';
    const chosen = isChosen(metrics, count.metric, count.evidence, count.value);
    trace.candidates.push({
      ...describe(text, indexOf.get(count.sentence) ?? -1, count, scope),
      kept: chosen,
      reason: chosen ? 'picked for the oblast' : explainDroppedCount(count, counts, metrics),
    });
  }
  for (const casualty of [...casualties, ...dropped]) {
    if (casualty.sentence.region !== region) continue;
    const chosen = isChosen(metrics, casualty.metric, casualty.evidence, casualty.value);
    trace.candidates.push({
      ...describe(
        text,
        indexOf.get(casualty.sentence) ?? -1,
        casualty,
        casualty.community ? 'community' : 'oblast',
      ),
      kept: chosen,
      reason: chosen
        ? `picked (${casualty.strength}${casualty.total ? ', total sentence' : ''})`
        : explainDroppedCasualty(casualty, dropped, metrics),
    });
  }
}

function isChosen(metrics: Metrics, metric: MetricName, evidence: Span, value: number): boolean {
  const picked = metrics[metric];
  return (
    picked !== null &&
    picked.value === value &&
    picked.evidence.start === evidence.start &&
    picked.evidence.end === evidence.end
  );
}

function explainDroppedCount(count: ScopedCount, all: readonly ScopedCount[], metrics: Metrics): string {
  if (count.community) return "one community's figure: goes to the breakdown";
  const picked = metrics[count.metric];
  if (count.weapon !== undefined) {
    const weapons = new Set(all.filter((c) => c.metric === count.metric && c.weapon).map((c) => c.weapon));
    return weapons.size > 1 || picked
      ? "one weapon's share, not the oblast's total"
      : "one weapon's share (lone subtotal)";
  }
  if (picked && !isApproximate(picked.qualifier) && isApproximate(count.qualifier))
    return 'an exact figure wins over a rounded one';
  return picked ? `another figure was picked (${picked.value})` : 'not picked';
}

function explainDroppedCasualty(
  casualty: ScopedCasualty,
  dropped: readonly ScopedCasualty[],
  metrics: Metrics,
): string {
  if (dropped.includes(casualty)) return 'a raised toll outside an update: an earlier strike';
  if (casualty.strength === 'unnumbered') return 'victims named without a count';
  if (casualty.community && metrics[casualty.metric] === null) return "one place's figure, not the oblast's";
  const picked = metrics[casualty.metric];
  if (!picked) return 'conflicting or weak evidence: left unstated';
  return `another figure was picked (${picked.value})`;
}

function describe(
  text: string,
  sentence: number,
  phrase: {
    metric: MetricName;
    value: number;
    qualifier: TraceCandidate['qualifier'];
    term: string;
    evidence: Span;
  },
  scope: TraceCandidate['scope'],
): Omit<TraceCandidate, 'kept' | 'reason'> {
  return {
    sentence,
    metric: phrase.metric,
    value: phrase.value,
    qualifier: phrase.qualifier,
    term: phrase.term,
    text: text.slice(phrase.evidence.start, phrase.evidence.end),
    scope,
  };
}
