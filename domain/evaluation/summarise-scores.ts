/**
 * Aggregates item scores into the summary `npm run eval -- --json` prints, and checks it against thresholds.
 * Ratios with an empty denominator are 1: nothing claimed is nothing wrong, nothing to find is nothing missed.
 */
import { METRIC_NAMES, type MetricName } from '../extraction/types.js';
import type { MetricOutcome } from './score-metric.js';
import type { ItemScore } from './score-item.js';

export interface FieldSummary {
  precision: number;
  recall: number;
  exact: number;
}

export interface EvalSummary {
  items: number;
  fields: Record<MetricName, FieldSummary>;
  region: { accuracy: number };
  date: { accuracy: number };
  negatives: { count: number; falsePositives: number };
  /** Per-community figures after gazetteer matching; `names` is the share of labelled hromadas found at all. */
  perCommunity: FieldSummary & { names: number };
}

export interface Thresholds {
  /** Minimum exact-match rate for each numeric field. */
  minExact?: number;
  minPrecision?: number;
  minRecall?: number;
  minRegion?: number;
  minDate?: number;
  maxFalsePositives?: number;
  /** Minimum exact-match rate of the per-community figures, per item. */
  minPerCommunity?: number;
}

/** Builds the summary from scored items. */
export function summariseScores(scores: readonly ItemScore[]): EvalSummary {
  const positives = scores.filter((score) => !score.negative);
  const negatives = scores.filter((score) => score.negative);

  const fields = Object.fromEntries(
    METRIC_NAMES.map((name) => [
      name,
      summariseOutcomes(
        positives.flatMap((score) => (score.fields ? [score.fields[name]] : [])),
        positives.length,
      ),
    ]),
  ) as Record<MetricName, FieldSummary>;

  const dated = positives.filter((score) => score.dateCorrect !== null);
  const communityScores = positives.flatMap((score) => (score.perCommunity ? [score.perCommunity] : []));
  const figures = communityScores.flatMap((score) => score.figures);
  const labelledNames = sum(communityScores.map((score) => score.labelledNames));

  return {
    items: scores.length,
    fields,
    region: {
      accuracy: ratio(
        count(positives, (score) => score.regionCorrect === true),
        positives.length,
      ),
    },
    date: {
      accuracy: ratio(
        count(dated, (score) => score.dateCorrect === true),
        dated.length,
      ),
    },
    negatives: { count: negatives.length, falsePositives: count(negatives, (score) => score.falsePositive) },
    perCommunity: {
      ...summariseOutcomes(figures, 0),
      exact: ratio(
        count(communityScores, (score) => score.correct),
        communityScores.length,
      ),
      names: ratio(sum(communityScores.map((score) => score.foundNames)), labelledNames),
    },
  };
}

/** The thresholds the summary falls below, as readable lines; empty when it passes. */
export function findThresholdFailures(summary: EvalSummary, thresholds: Thresholds): string[] {
  const failures: string[] = [];
  const check = (label: string, value: number, minimum: number | undefined): void => {
    if (minimum !== undefined && value < minimum) failures.push(`${label} ${format(value)} < ${minimum}`);
  };
  for (const name of METRIC_NAMES) {
    const field = summary.fields[name];
    check(`${name} exact`, field.exact, thresholds.minExact);
    check(`${name} precision`, field.precision, thresholds.minPrecision);
    check(`${name} recall`, field.recall, thresholds.minRecall);
  }
  check('region accuracy', summary.region.accuracy, thresholds.minRegion);
  check('date accuracy', summary.date.accuracy, thresholds.minDate);
  check('per-community exact', summary.perCommunity.exact, thresholds.minPerCommunity);
  const maxFalsePositives = thresholds.maxFalsePositives;
  if (maxFalsePositives !== undefined && summary.negatives.falsePositives > maxFalsePositives) {
    failures.push(`false positives on negatives ${summary.negatives.falsePositives} > ${maxFalsePositives}`);
  }
  return failures;
}

function summariseOutcomes(outcomes: readonly MetricOutcome[], itemCount: number): FieldSummary {
  const truePositives = count(outcomes, (outcome) => outcome.predicted && outcome.correct);
  return {
    precision: ratio(
      truePositives,
      count(outcomes, (outcome) => outcome.predicted),
    ),
    recall: ratio(
      count(outcomes, (outcome) => outcome.gold && outcome.predicted && outcome.correct),
      count(outcomes, (outcome) => outcome.gold),
    ),
    exact: ratio(
      count(outcomes, (outcome) => outcome.correct),
      itemCount,
    ),
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : round(numerator / denominator);
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function count<T>(values: readonly T[], predicate: (value: T) => boolean): number {
  return values.reduce((total, value) => total + (predicate(value) ? 1 : 0), 0);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function format(value: number): string {
  return value.toFixed(4);
}
