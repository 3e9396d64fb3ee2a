/** Picks, per metric, the one figure the administration gave for the whole oblast. */
import type { ScopedCasualty, ScopedCount } from './scope-figures.js';
import { pickCasualties } from './pick-casualties.js';
import { isApproximate } from './qualifiers.js';
import { METRIC_NAMES, type MetricName, type MetricValue, type Metrics } from './types.js';

/** Every metric unstated: the start of a report's metrics. */
export const EMPTY_METRICS: Metrics = Object.fromEntries(METRIC_NAMES.map((name) => [name, null])) as Metrics;

/** Picks the oblast-wide figure for every metric. */
export function pickMetrics(counts: readonly ScopedCount[], casualties: readonly ScopedCasualty[]): Metrics {
  const metrics: Metrics = { ...EMPTY_METRICS };
  // A part of a figure ("з них 3", "two more hromadas") is not the oblast's total.
  const oblast = counts.filter((c) => !c.community && c.weapon === undefined && c.subset !== true);
  for (const name of ['communities', 'settlements', 'attacks', 'explosions', 'projectiles'] as const) {
    let candidates = dropRoundedHeadlines(oblast.filter((c) => c.metric === name));
    if (candidates.length === 0) candidates = pickLoneSubtotal(counts, name);
    // An exact figure wins over a rounded one anywhere in the text; among rounded ones the last restatement
    // (usually the quoted summary) is kept.
    const chosen = candidates.find((c) => !isApproximate(c.qualifier)) ?? candidates.at(-1);
    if (chosen) metrics[name] = toMetricValue(chosen);
  }
  const { injured, killed } = pickCasualties(casualties);
  metrics.injured = injured;
  metrics.killed = killed;
  return metrics;
}

/**
 * A headline states as a plain number what the body hedges ("60 обстрілів" over "понад 60 обстрілів"): the
 * headline dropped the hedge, so the body's figure stands. A headline figure the body does not hedge stays.
 */
function dropRoundedHeadlines(candidates: readonly ScopedCount[]): ScopedCount[] {
  return candidates.filter(
    (c) =>
      !c.sentence.fromTitle ||
      isApproximate(c.qualifier) ||
      !candidates.some(
        (other) => !other.sentence.fromTitle && other.value === c.value && isApproximate(other.qualifier),
      ),
  );
}

/**
 * "fired 34 artillery shells" with no other projectile figure: a single weapon's count is the day's total.
 * Several weapons' counts without a total stay subtotals, since they may overlap or leave gaps.
 */
function pickLoneSubtotal(counts: readonly ScopedCount[], name: MetricName): ScopedCount[] {
  const subtotals = counts.filter(
    (c) => !c.community && c.metric === name && c.weapon !== undefined && c.share !== true,
  );
  const weapons = new Set(subtotals.map((c) => c.weapon));
  return weapons.size === 1 ? subtotals : [];
}

export function toMetricValue(phrase: {
  value: number;
  qualifier: MetricValue['qualifier'];
  term: string;
  evidence: MetricValue['evidence'];
}): MetricValue {
  return {
    value: phrase.value,
    qualifier: phrase.qualifier,
    term: phrase.term,
    evidence: { ...phrase.evidence },
  };
}
