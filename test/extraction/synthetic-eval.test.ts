import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEvalJsonl } from '../../domain/evaluation/eval-item.js';
import { evaluateItems } from '../../domain/evaluation/evaluate-items.js';
import { resolveLabelledCommunity } from '../../domain/evaluation/resolve-labelled-community.js';
import { findThresholdFailures, summariseScores } from '../../domain/evaluation/summarise-scores.js';
import { extractReports } from '../../domain/extraction/extract-reports.js';

const SYNTHETIC_SET = fileURLToPath(new URL('../fixtures/eval/synthetic.jsonl', import.meta.url));

// A little under what the extractor reaches, so that a regression fails while a small relabelling does not.
const FLOORS = {
  minExact: 0.95,
  minRegion: 0.97,
  minDate: 0.97,
  maxFalsePositives: 0,
  minPerCommunity: 0.95,
};

describe('the extractor on the held-out synthetic set', () => {
  const { items, problems } = parseEvalJsonl(readFileSync(SYNTHETIC_SET, 'utf8'));
  const summary = summariseScores(
    evaluateItems(items, extractReports, { resolveCommunity: resolveLabelledCommunity }),
  );

  it('reads every item of the set', () => {
    assert.deepEqual(problems, []);
    assert.ok(items.length >= 60, `only ${items.length} items`);
    assert.ok(summary.negatives.count > 0);
  });

  it('stays above the floors for every numeric field, region, date and per-community figure, with no false positive', () => {
    assert.deepEqual(findThresholdFailures(summary, FLOORS), []);
  });
});
