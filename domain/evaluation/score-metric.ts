/**
 * The scoring rule for one numeric field of one item, shared by everyone who scores the extractor:
 * - an `exact` or `at_least` extraction is right when it equals the label;
 * - an approximate extraction (over, almost, about, up to) is right when it equals `approx.value`;
 * - no extraction is right when the label is null and there is no approx entry.
 */
import type { MetricValue, Qualifier } from '../extraction/types.js';
import type { ApproxLabel } from './eval-item.js';

const APPROXIMATE_QUALIFIERS: ReadonlySet<Qualifier> = new Set(['more_than', 'almost', 'about', 'up_to']);

export interface MetricOutcome {
  expected: number | null;
  approx: ApproxLabel | null;
  got: MetricValue | null;
  /** The field scores as an exact match. */
  correct: boolean;
  /** The extractor stated a figure (counts towards precision). */
  predicted: boolean;
  /** The text states a figure, exact or approximate (counts towards recall). */
  gold: boolean;
}

/** True for the qualifiers that make a figure approximate. */
export function isApproximate(qualifier: Qualifier): boolean {
  return APPROXIMATE_QUALIFIERS.has(qualifier);
}

/** Scores one extracted figure against its label and optional approximate label. */
export function scoreMetric(
  expected: number | null,
  approx: ApproxLabel | null | undefined,
  got: MetricValue | null | undefined,
): MetricOutcome {
  const approxLabel = approx ?? null;
  const gotValue = got ?? null;
  return {
    expected,
    approx: approxLabel,
    got: gotValue,
    correct: isCorrect(expected, approxLabel, gotValue),
    predicted: gotValue !== null,
    gold: expected !== null || approxLabel !== null,
  };
}

function isCorrect(expected: number | null, approx: ApproxLabel | null, got: MetricValue | null): boolean {
  if (got === null) return expected === null && approx === null;
  if (isApproximate(got.qualifier)) return approx !== null && got.value === approx.value;
  return expected !== null && got.value === expected;
}
