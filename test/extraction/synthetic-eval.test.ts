import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEvalJsonl } from '../../domain/evaluation/eval-item.js';
import { evaluateItems } from '../../domain/evaluation/evaluate-items.js';
import { resolveLabelledCommunity } from '../../domain/evaluation/resolve-labelled-community.js';
import { findThresholdFailures, summariseScores } from '../../domain/evaluation/summarise-scores.js';
import { extractReports } from '../../domain/extraction/extract-reports.js';

const SYNTHETIC_SET = fileURLToPath(new URL('../fixtures/eval/synthetic.jsonl', import.meta.url));
const MIXED_STYLES_SET = fileURLToPath(new URL('../fixtures/eval/mixed-styles.jsonl', import.meta.url));
const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
/** Every `families*.jsonl`: one file per failure family, so each family's texts live together. */
const FAMILY_SETS = readdirSync(FIXTURE_DIR)
  .filter((name) => name.startsWith('families') && name.endsWith('.jsonl'))
  .sort();

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

// Short texts across the families at once, in the styles of administrations and of uk/en/ru outlets.
describe('the extractor on the mixed-styles set', () => {
  const { items, problems } = parseEvalJsonl(readFileSync(MIXED_STYLES_SET, 'utf8'));
  const summary = summariseScores(
    evaluateItems(items, extractReports, { resolveCommunity: resolveLabelledCommunity }),
  );

  it('reads every item, negatives included', () => {
    assert.deepEqual(problems, []);
    assert.ok(items.length >= 20, `only ${items.length} items`);
    assert.ok(summary.negatives.count >= 4);
  });

  it('stays above the floors for every field, with no false positive', () => {
    assert.deepEqual(findThresholdFailures(summary, { ...FLOORS, minExact: 0.94 }), []);
  });
});

// One item per linguistic class the extractor must handle (casualty scope, time scope, hard negatives, oblast
// terms), each beside a counter-example that must not fire. Every item passes: any miss is a regression.
for (const file of FAMILY_SETS) {
  describe(`the extractor on the failure-family set ${file}`, () => {
    const { items, problems } = parseEvalJsonl(readFileSync(`${FIXTURE_DIR}${file}`, 'utf8'));
    const summary = summariseScores(
      evaluateItems(items, extractReports, { resolveCommunity: resolveLabelledCommunity }),
    );

    it('reads every item', () => {
      assert.deepEqual(problems, []);
      assert.ok(items.length >= 3, `only ${items.length} items`);
    });

    it('gets every field, date and negative of every item right', () => {
      assert.deepEqual(
        findThresholdFailures(summary, {
          minExact: 1,
          minRegion: 1,
          minDate: 1,
          maxFalsePositives: 0,
          minPerCommunity: 1,
        }),
        [],
      );
    });
  });
}

describe('the failure-family sets together', () => {
  it('keep at least 25 items, negatives among them', () => {
    const items = FAMILY_SETS.flatMap(
      (file) => parseEvalJsonl(readFileSync(`${FIXTURE_DIR}${file}`, 'utf8')).items,
    );
    assert.ok(items.length >= 25, `only ${items.length} items`);
    assert.ok(items.filter((item) => item.labels === null).length >= 5);
  });
});
