/**
 * Reads the count phrases and casualty statements of the sentences that are not background, and marks each
 * figure as the oblast's or one community's.
 */
import { isRegionTotalSentence, namesOblastBetween } from './classify-sentences.js';
import type { BreakdownSentence } from './build-per-community.js';
import { readCasualties, type CasualtyPhrase } from './read-casualties.js';
import { readCountPhrases, type CountPhrase } from './read-count-phrases.js';
import type { Token } from './scan-text.js';
import type { SentenceInfo } from './scope-sentences.js';
import type { RegionKey } from './types.js';

export interface ScopedCount extends CountPhrase {
  sentence: SentenceInfo;
  community: boolean;
}

export interface ScopedCasualty extends CasualtyPhrase {
  sentence: SentenceInfo;
  community: boolean;
  total: boolean;
}

/** The count phrases of every sentence, outside background sentences and clauses (one array per sentence). */
export function readSentencePhrases(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
): CountPhrase[][] {
  return sentences.map((sentence) =>
    sentence.background
      ? []
      : readCountPhrases(tokens, sentence.first, sentence.end).filter(
          (phrase) => !inBackgroundClause(sentence, phrase.index),
        ),
  );
}

export function collectCounts(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  phrases: readonly CountPhrase[][],
): ScopedCount[] {
  const out: ScopedCount[] = [];
  sentences.forEach((sentence, s) => {
    if (sentence.region === null) return;
    for (const phrase of phrases[s] ?? []) {
      const scoped = phrase as ScopedCount;
      scoped.sentence = sentence;
      scoped.community = isCommunityScoped(tokens, sentence, phrase.index);
      out.push(scoped);
    }
  });
  readStrikesBesideTimes(out);
  return out;
}

const TIMES_WORD = /^(?:times|разів|рази|раз|раза)$/;
const STRIKES_WORD = /^(?:strikes?|hits?)$/;

/**
 * "struck ... 12 times; 31 strikes were recorded": beside a count of times, the strikes counted are the
 * impacts, so they are explosions.
 */
function readStrikesBesideTimes(counts: ScopedCount[]): void {
  const times = counts.filter(
    (c) => c.metric === 'attacks' && !c.community && c.weapon === undefined && TIMES_WORD.test(c.term),
  );
  if (times.length === 0) return;
  for (const count of counts) {
    if (count.metric !== 'attacks' || count.community || !STRIKES_WORD.test(count.term)) continue;
    const region = count.sentence.region;
    if (times.some((t) => t.sentence.region === region && t.value !== count.value))
      count.metric = 'explosions';
  }
}

/** The sentence facts the per-community breakdown reads. */
export function toBreakdownSentences(
  sentences: readonly SentenceInfo[],
  phrases: readonly CountPhrase[][],
): BreakdownSentence[] {
  return sentences.map((sentence, s) => ({
    first: sentence.first,
    end: sentence.end,
    region: sentence.region,
    background: sentence.background,
    // "up to 10 explosions were heard in Zaporizhzhia": a capital named alone is the city's hromada.
    namesRegion: sentence.namesOblast,
    regionTotal: sentence.regionTotal,
    phrases: phrases[s] ?? [],
  }));
}

function sameClause(tokens: readonly Token[], from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const norm = tokens[i]?.norm;
    // Commas inside brackets ("тричі (о 9:23, 9:51 та об 11:07) били") do not end the clause.
    if (norm === '(') depth++;
    else if (norm === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (norm === ',' || norm === ';' || norm === ':' || norm === '.')) return false;
  }
  return true;
}

function inBackgroundClause(sentence: SentenceInfo, index: number): boolean {
  return sentence.backgroundClauses.some(([from, to]) => index >= from && index < to);
}

/** A figure is a community's when a singular place comes before it with no oblast word in between. */
function isCommunityScoped(tokens: readonly Token[], sentence: SentenceInfo, index: number): boolean {
  if (sentence.inSection) return true;
  if (sentence.placeIndex < 0) return false;
  // "тричі били ... по акваторії Очаківської громади": the place follows the figure in the same clause.
  if (sentence.placeIndex > index) {
    return (
      !sentence.namesRegion &&
      !namesOblastBetween(tokens, sentence.first, sentence.placeIndex) &&
      sameClause(tokens, index, sentence.placeIndex)
    );
  }
  const place = tokens[sentence.placeIndex]?.norm ?? '';
  if (/^(?:each|кожній|кожному|кожен|каждой|каждом|area)$/.test(place)) return true;
  if (sentence.placeIndex > index) return false;
  return !namesOblastBetween(tokens, sentence.placeIndex, index);
}

export function collectCasualties(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
): ScopedCasualty[] {
  const out: ScopedCasualty[] = [];
  for (const sentence of sentences) {
    if (sentence.background || sentence.region === null) continue;
    const total = isRegionTotalSentence(tokens, sentence, true);
    for (const phrase of readCasualties(tokens, sentence.first, sentence.end)) {
      if (inBackgroundClause(sentence, phrase.index)) continue;
      const community =
        isCommunityScoped(tokens, sentence, phrase.index) ||
        (phrase.value === 0 && !sentence.namesRegion && refersToPlace(tokens, sentence));
      const scoped = phrase as ScopedCasualty;
      scoped.sentence = sentence;
      scoped.total = total;
      scoped.community = community;
      out.push(scoped);
    }
  }
  return out;
}

const PLACE_BACK_REFERENCE = /^(?:там|тут|there|here)$/;

/** "Постраждалих там немає", "No one was hurt there": the statement is about the place just named. */
function refersToPlace(tokens: readonly Token[], sentence: SentenceInfo): boolean {
  for (let i = sentence.first; i < sentence.end; i++) {
    if (!PLACE_BACK_REFERENCE.test(tokens[i]?.norm ?? '')) continue;
    // "There were no casualties": an empty subject, not a place.
    if (!EXISTENTIAL_VERB.test(tokens[i + 1]?.norm ?? '')) return true;
  }
  return false;
}

const EXISTENTIAL_VERB = /^(?:is|are|was|were|have|has|had|will|would)$/;

/** Regions with any figure, the one with the most figures first. */
export function orderRegions(
  sentences: readonly SentenceInfo[],
  counts: readonly ScopedCount[],
  casualties: readonly ScopedCasualty[],
): RegionKey[] {
  const weight = new Map<RegionKey, number>();
  for (const item of [...counts, ...casualties]) {
    const region = item.sentence.region;
    if (region) weight.set(region, (weight.get(region) ?? 0) + 1);
  }
  const first = sentences.find((s) => s.region !== null)?.region ?? null;
  return [...weight.keys()].sort(
    (a, b) => Number(b === first) - Number(a === first) || (weight.get(b) ?? 0) - (weight.get(a) ?? 0),
  );
}
