/**
 * How sure the extractor is that a report is a daily strike tally for its region and date. The score starts
 * from how much of a tally the text gives and loses weight for each sign that the reading rests on a guess:
 * no stated date, a region inferred rather than named, a round-up of several regions, casualties alone, a
 * weapon's share standing in for the total. Measured on the dev set (docs/evaluation.md), reports under
 * `REVIEW_THRESHOLD` are wrong far more often, so they are flagged `needsReview`.
 */
import { isApproximate } from './qualifiers.js';
import type { Metrics } from './types.js';

export interface ConfidenceSignals {
  metrics: Metrics;
  /** A date is stated in the text rather than implied by the window and the publication time. */
  datedExplicitly: boolean;
  /** The region is named (oblast, administration or its head), not only inferred from cities or hromadas. */
  regionNamed: boolean;
  /** The text speaks of several regions. */
  roundUp: boolean;
  /** The casualty statements for the region disagree (a zero beside a victim, two different counts). */
  casualtiesDisagree: boolean;
  /** Two oblast-level figures of one count metric differ. */
  countsDisagree: boolean;
  /** A figure is one weapon's share standing in for the oblast's total. */
  fromWeaponShare: boolean;
}

/** Below this, a report is flagged for review. */
export const REVIEW_THRESHOLD = 0.6;

const COUNT_METRICS = ['communities', 'settlements', 'attacks', 'explosions', 'projectiles'] as const;

export function rateConfidence(signals: ConfidenceSignals): number {
  const { metrics } = signals;
  const counted = COUNT_METRICS.filter((name) => metrics[name] !== null).length;
  const casualties = metrics.injured !== null || metrics.killed !== null;
  let score = counted >= 2 ? 0.9 : counted === 1 ? 0.8 : casualties ? 0.6 : 0.3;
  if (casualties && counted > 0) score += 0.05;
  if (!signals.datedExplicitly) score -= 0.1;
  if (!signals.regionNamed) score -= 0.15;
  if (signals.roundUp) score -= 0.1;
  if (signals.fromWeaponShare) score -= 0.1;
  if (signals.casualtiesDisagree) score -= 0.2;
  if (signals.countsDisagree) score -= 0.1;
  const approximate = COUNT_METRICS.some((name) => {
    const value = metrics[name];
    return value !== null && isApproximate(value.qualifier);
  });
  if (approximate) score -= 0.05;
  return Math.round(Math.max(0.05, Math.min(0.99, score)) * 100) / 100;
}

export function needsReview(confidence: number): boolean {
  return confidence < REVIEW_THRESHOLD;
}
