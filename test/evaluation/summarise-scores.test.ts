import assert from 'node:assert/strict';
import type { ExtractedReport, ReportInput } from '../../domain/extraction/types.js';
import { evaluateItems } from '../../domain/evaluation/evaluate-items.js';
import { describeMisses } from '../../domain/evaluation/format-eval-report.js';
import { findThresholdFailures, summariseScores } from '../../domain/evaluation/summarise-scores.js';
import { item, labels, metric, report } from './build-items.js';

const noCommunities = (): null => null;

function firstOf<T>(values: readonly T[]): T {
  const [first] = values;
  assert.ok(first !== undefined);
  return first;
}

/** Scores items against fixed outputs keyed by item id, the way the eval script scores a real extractor. */
function evaluate(items: ReturnType<typeof item>[], outputs: Record<string, ExtractedReport[]>) {
  const byText = new Map(items.map((entry) => [entry.text, outputs[entry.id] ?? []]));
  const extract = (input: ReportInput): ExtractedReport[] => byText.get(input.text) ?? [];
  return evaluateItems(items, extract, { resolveCommunity: noCommunities });
}

describe('summariseScores', () => {
  it('prints the summary in the documented --json shape', () => {
    const summary = summariseScores(evaluate([item()], { 'item-1': [report({}, { attacks: metric(12) })] }));
    assert.deepEqual(Object.keys(summary).slice(0, 5), ['items', 'fields', 'region', 'date', 'negatives']);
    assert.deepEqual(Object.keys(summary.fields), [
      'communities',
      'settlements',
      'attacks',
      'explosions',
      'projectiles',
      'injured',
      'killed',
    ]);
    assert.deepEqual(summary.fields.attacks, { precision: 1, recall: 1, exact: 1 });
    assert.deepEqual(summary.region, { accuracy: 1 });
    assert.deepEqual(summary.date, { accuracy: 1 });
    assert.deepEqual(summary.negatives, { count: 0, falsePositives: 0 });
  });

  it('computes precision over stated figures and recall over labelled ones', () => {
    const items = [
      item({ id: 'right', text: 'a', labels: labels({ attacks: 5 }) }),
      item({ id: 'wrong', text: 'b', labels: labels({ attacks: 7 }) }),
      item({ id: 'missed', text: 'c', labels: labels({ attacks: 9 }) }),
      item({ id: 'invented', text: 'd', labels: labels({}) }),
    ];
    const summary = summariseScores(
      evaluate(items, {
        right: [report({}, { attacks: metric(5) })],
        wrong: [report({}, { attacks: metric(8) })],
        missed: [report()],
        invented: [report({}, { attacks: metric(3) })],
      }),
    );
    // 1 right of 3 stated; 1 found of 3 labelled; exact: only "right" (the null-null fields do not apply here).
    assert.deepEqual(summary.fields.attacks, { precision: 0.3333, recall: 0.3333, exact: 0.25 });
    // Every other field is null in both labels and output: exact everywhere, nothing claimed, nothing missed.
    assert.deepEqual(summary.fields.killed, { precision: 1, recall: 1, exact: 1 });
  });

  it('counts an approximate figure found with its qualifier towards recall', () => {
    const approxItem = item({
      labels: labels({}, { approx: { attacks: { value: 60, qualifier: 'more_than' } } }),
    });
    const summary = summariseScores(
      evaluate([approxItem], { 'item-1': [report({}, { attacks: metric(60, 'more_than') })] }),
    );
    assert.deepEqual(summary.fields.attacks, { precision: 1, recall: 1, exact: 1 });
  });

  it('when the extractor names the wrong region, scores a region miss and every labelled field as missing', () => {
    const scores = evaluate([item()], { 'item-1': [report({ region: 'kharkiv' }, { attacks: metric(12) })] });
    const summary = summariseScores(scores);
    assert.equal(summary.region.accuracy, 0);
    assert.equal(summary.fields.attacks.exact, 0);
  });

  it('scores the date only on items that have a report_date', () => {
    const items = [
      item({ id: 'dated', text: 'a', reportDate: '2024-05-14' }),
      item({ id: 'undated', text: 'b', reportDate: null }),
    ];
    const summary = summariseScores(
      evaluate(items, {
        dated: [report({ date: '2024-05-13' }, { attacks: metric(12) })],
        undated: [report({ date: '1999-01-01' }, { attacks: metric(12) })],
      }),
    );
    assert.equal(summary.date.accuracy, 0);
    assert.equal(summary.region.accuracy, 1);
  });

  it('counts a negative as a false positive when any report comes out', () => {
    const items = [
      item({ id: 'quiet', text: 'a', region: null, labels: null }),
      item({ id: 'noisy', text: 'b', region: 'Sumy', labels: null }),
    ];
    const summary = summariseScores(evaluate(items, { noisy: [report({}, { killed: metric(950) })] }));
    assert.deepEqual(summary.negatives, { count: 2, falsePositives: 1 });
    assert.equal(summary.items, 2);
  });

  it('when the extractor throws, scores the item as producing nothing and keeps the error for the diff', () => {
    const scores = evaluateItems(
      [item()],
      () => {
        throw new RangeError('boom');
      },
      { resolveCommunity: noCommunities },
    );
    assert.equal(scores[0]?.error, 'RangeError: boom');
    assert.equal(summariseScores(scores).fields.attacks.exact, 0);
    assert.match(describeMisses(firstOf(scores), '').join('\n'), /extractor threw: RangeError: boom/);
  });
});

describe('describeMisses', () => {
  it('shows the expected value, the extracted one and the evidence it came from', () => {
    const text = 'Протягом доби 14 обстрілів';
    const scores = evaluate([item({ text })], {
      'item-1': [
        report(
          {},
          { attacks: { value: 14, qualifier: 'exact', term: 'обстрілів', evidence: { start: 14, end: 26 } } },
        ),
      ],
    });
    const diff = describeMisses(firstOf(scores), text).join('\n');
    assert.match(diff, /item-1 \[uk sumy\]/);
    assert.match(diff, /attacks: expected 12, got 14 \(exact, "обстрілів"\) from "14 обстрілів"/);
  });

  it('is empty for a perfect item', () => {
    const scores = evaluate([item()], { 'item-1': [report({}, { attacks: metric(12) })] });
    assert.deepEqual(describeMisses(firstOf(scores), ''), []);
  });
});

describe('findThresholdFailures', () => {
  const scores = evaluate(
    [item({ id: 'a', text: 'a' }), item({ id: 'b', text: 'b', labels: null, region: null })],
    { a: [report({}, { attacks: metric(11) })], b: [report()] },
  );
  const summary = summariseScores(scores);

  it('names each field below --min-exact', () => {
    assert.deepEqual(findThresholdFailures(summary, { minExact: 0.97 }), ['attacks exact 0.0000 < 0.97']);
  });

  it('checks region, date and false positives', () => {
    assert.deepEqual(
      findThresholdFailures(summary, { minRegion: 0.98, minDate: 0.98, maxFalsePositives: 0 }),
      ['false positives on negatives 1 > 0'],
    );
  });

  it('passes when no threshold is given', () => {
    assert.deepEqual(findThresholdFailures(summary, {}), []);
  });
});
