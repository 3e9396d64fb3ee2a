/**
 * Exact-match rates by the extractor's confidence: if `confidence` means anything, reports in a higher band
 * are right more often. An item is exact when every numeric field, the date and the per-community figures
 * match; a false positive on a negative counts as a wrong report in its band.
 */
import { METRIC_NAMES } from '../extraction/types.js';
import type { ItemScore } from './score-item.js';

export interface ConfidenceBand {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound (1.01 for the top band). */
  to: number;
  reports: number;
  exactItems: number;
  /** Share of the band's reports whose item is exact; 1 for an empty band. */
  exactRate: number;
}

export const DEFAULT_BAND_EDGES: readonly number[] = [0, 0.6, 0.8];

export function summariseConfidenceBands(
  scores: readonly ItemScore[],
  edges: readonly number[] = DEFAULT_BAND_EDGES,
): ConfidenceBand[] {
  const bands: ConfidenceBand[] = edges.map((from, index) => ({
    from,
    to: edges[index + 1] ?? 1.01,
    reports: 0,
    exactItems: 0,
    exactRate: 1,
  }));
  const place = (confidence: number, exact: boolean): void => {
    const band = bands.find((b) => confidence >= b.from && confidence < b.to);
    if (!band) return;
    band.reports++;
    if (exact) band.exactItems++;
  };
  for (const score of scores) {
    if (score.negative) {
      for (const report of score.reports) place(report.confidence, false);
    } else if (score.selected) {
      place(score.selected.confidence, isExactItem(score));
    }
  }
  for (const band of bands)
    band.exactRate = band.reports === 0 ? 1 : Math.round((band.exactItems / band.reports) * 10000) / 10000;
  return bands;
}

/** Every numeric field, the date and the per-community figures match. */
export function isExactItem(score: ItemScore): boolean {
  if (score.negative || !score.fields) return !score.falsePositive;
  const fields = score.fields;
  return (
    METRIC_NAMES.every((name) => fields[name].correct) &&
    score.dateCorrect !== false &&
    (score.perCommunity?.correct ?? true)
  );
}

export function formatConfidenceBands(bands: readonly ConfidenceBand[]): string {
  const lines = ['confidence        reports   exact items'];
  for (const band of bands) {
    const label = `${band.from.toFixed(2)}–${band.to > 1 ? '1.00' : band.to.toFixed(2)}`;
    lines.push(
      `${label.padEnd(18)}${String(band.reports).padStart(7)}   ${band.exactItems} (${(band.exactRate * 100).toFixed(1)}%)`,
    );
  }
  return lines.join('\n');
}
