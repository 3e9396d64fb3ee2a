/**
 * How sure the extractor is that a report is right: its region, its date, every figure and its per-community
 * breakdown. The score starts near certainty and is multiplied down by each sign that the reading had to make
 * a judgement call, each one a kind of mistake the extractor is known to make:
 * - casualties whose scope is open: several different victim counts, victims named without a count, victims
 *   in one community's sentences, or a zero picked beside victims named elsewhere;
 * - figures that compete: two oblast-level values of one count;
 * - approximations ("понад 60", "about 40");
 * - a long breakdown (three or more community figures) or a long story (many sentences, many asides);
 * - casualties alone, with no count of attacks to anchor the report;
 * - a date inferred from the window and the publication time rather than stated;
 * - a region inferred rather than named, or a round-up of several regions;
 * - a weapon's share standing in for the total.
 * A count restated with the same value raises the score a little. On the dev set the bands come out
 * monotonic (docs/evaluation.md); a report under `REVIEW_THRESHOLD` is flagged `needsReview`.
 */
import { isApproximate } from './qualifiers.js';
import type { ScopedCasualty, ScopedCount } from './scope-figures.js';
import type { SentenceInfo } from './scope-sentences.js';
import type { Metrics } from './types.js';

export interface ConfidenceSignals {
  metrics: Metrics;
  /** A date is stated in the text rather than implied by the window and the publication time. */
  datedExplicitly: boolean;
  /** The region is named (oblast, administration or its head), not only inferred from cities or hromadas. */
  regionNamed: boolean;
  /** The text speaks of several regions. */
  roundUp: boolean;
  /** Two oblast-level figures of one count metric differ. */
  countsDisagree: boolean;
  /** An oblast-level count is stated twice with the same value. */
  countsRestated: boolean;
  /** A figure is one weapon's share standing in for the oblast's total. */
  fromWeaponShare: boolean;
  /** Distinct casualty figures (metric and value) read for the region. */
  casualtyFigures: number;
  /** Victims named without a count ("there are injured"). */
  victimsUncounted: boolean;
  /** Casualty statements in sentences about one community or incident. */
  casualtiesInCommunities: boolean;
  /** A zero casualty figure was picked while victims are counted elsewhere in the text. */
  zeroBesideVictims: boolean;
  /** Community-level count figures read for the region. */
  communityFigures: number;
  /** Sentences in the text, title included. */
  sentenceCount: number;
}

/** Below this, a report is flagged for review. */
export const REVIEW_THRESHOLD = 0.6;

const COUNT_METRICS = ['communities', 'settlements', 'attacks', 'explosions', 'projectiles'] as const;

/** A breakdown of this many community figures or more is a place where attribution can slip. */
const LONG_BREAKDOWN = 3;
/** A story of this many sentences or more carries asides, restatements and other days. */
const LONG_STORY = 15;

export function rateConfidence(signals: ConfidenceSignals): number {
  const { metrics } = signals;
  const counted = COUNT_METRICS.filter((name) => metrics[name] !== null).length;
  const casualties = metrics.injured !== null || metrics.killed !== null;
  if (counted === 0 && !casualties) return 0.05;
  let score = 0.97;
  if (counted === 0) score *= 0.85;
  if (signals.casualtyFigures > 2) score *= 0.85;
  if (signals.victimsUncounted) score *= 0.9;
  if (signals.casualtiesInCommunities) score *= 0.9;
  if (signals.zeroBesideVictims) score *= 0.85;
  if (signals.countsDisagree) score *= 0.92;
  if (hasApproximation(metrics)) score *= 0.85;
  if (signals.communityFigures >= LONG_BREAKDOWN) score *= 0.94;
  if (signals.sentenceCount >= LONG_STORY) score *= 0.9;
  if (!signals.datedExplicitly) score *= 0.97;
  if (!signals.regionNamed) score *= 0.8;
  if (signals.roundUp) score *= 0.85;
  if (signals.fromWeaponShare) score *= 0.85;
  if (signals.countsRestated) score *= 1.06;
  return Math.round(Math.max(0.05, Math.min(0.99, score)) * 100) / 100;
}

function hasApproximation(metrics: Metrics): boolean {
  for (const name of [...COUNT_METRICS, 'injured', 'killed'] as const) {
    const value = metrics[name];
    if (value !== null && isApproximate(value.qualifier)) return true;
  }
  return false;
}

export interface SignalSources {
  metrics: Metrics;
  region: string;
  counts: readonly ScopedCount[];
  casualties: readonly ScopedCasualty[];
  sentences: readonly SentenceInfo[];
  datedExplicitly: boolean;
  roundUp: boolean;
}

/** Reads the signals from the region's candidate figures and the text's sentences. */
export function readConfidenceSignals(sources: SignalSources): ConfidenceSignals {
  const { metrics, counts, casualties, sentences, region } = sources;
  const oblast = counts.filter((c) => !c.community && c.weapon === undefined);
  const zeroPicked = metrics.injured?.value === 0 || metrics.killed?.value === 0;
  return {
    metrics,
    datedExplicitly: sources.datedExplicitly,
    regionNamed: sentences.some((s) => s.region === region && s.namesOblast && !s.background),
    roundUp: sources.roundUp,
    countsDisagree: haveDisagreement(oblast),
    countsRestated: haveRestatement(oblast),
    fromWeaponShare: counts.some(
      (c) => c.weapon !== undefined && metrics[c.metric]?.evidence.start === c.evidence.start,
    ),
    casualtyFigures: new Set(casualties.map((c) => `${c.metric}:${c.value}`)).size,
    victimsUncounted: casualties.some((c) => c.value < 0),
    casualtiesInCommunities: casualties.some((c) => c.community),
    zeroBesideVictims: zeroPicked && casualties.some((c) => c.value > 0),
    communityFigures: counts.filter((c) => c.community).length,
    sentenceCount: sentences.length,
  };
}

/** Figures of one metric that differ (two different totals): a judgement call. */
function haveDisagreement(figures: readonly { metric: string; value: number }[]): boolean {
  const seen = new Map<string, number>();
  for (const figure of figures) {
    const previous = seen.get(figure.metric);
    if (previous !== undefined && previous !== figure.value) return true;
    seen.set(figure.metric, figure.value);
  }
  return false;
}

/** A figure of one metric stated twice with the same value: the text corroborates itself. */
function haveRestatement(figures: readonly { metric: string; value: number }[]): boolean {
  const seen = new Set<string>();
  for (const figure of figures) {
    const key = `${figure.metric}:${figure.value}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

export function needsReview(confidence: number): boolean {
  return confidence < REVIEW_THRESHOLD;
}
