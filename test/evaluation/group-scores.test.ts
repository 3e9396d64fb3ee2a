import assert from 'node:assert/strict';
import type { ExtractedReport, ReportInput } from '../../domain/extraction/types.js';
import { summariseConfidenceBands } from '../../domain/evaluation/confidence-bands.js';
import { evaluateItems } from '../../domain/evaluation/evaluate-items.js';
import { formatGroupTable, groupScores, readGroupName } from '../../domain/evaluation/group-scores.js';
import { item, labels, metric, report } from './build-items.js';

const noCommunities = (): null => null;

function evaluate(items: ReturnType<typeof item>[], outputs: Record<string, ExtractedReport[]>) {
  const byText = new Map(items.map((entry) => [entry.text, outputs[entry.id] ?? []]));
  const extract = (input: ReportInput): ExtractedReport[] => byText.get(input.text) ?? [];
  return evaluateItems(items, extract, { resolveCommunity: noCommunities });
}

describe('groupScores', () => {
  const items = [
    item({ id: 'a', lang: 'uk', outlet: 'One', text: 'a' }),
    item({ id: 'b', lang: 'en', outlet: 'Two', text: 'b', reportDate: '2023-02-01', published: null }),
    item({ id: 'c', lang: 'en', outlet: null, text: 'c', region: null, labels: null }),
  ];
  const scores = evaluate(items, {
    a: [report({}, { attacks: metric(12) })],
    b: [report({ date: '2023-02-01' }, { attacks: metric(7) })],
    c: [report()],
  });

  it('scores each group on its own, so one group dropping shows beside another rising', () => {
    const groups = groupScores(scores, items, 'lang');
    assert.deepEqual(
      groups.map((group) => [group.name, group.summary.items, group.summary.fields.attacks.exact]),
      [
        ['en', 2, 0],
        ['uk', 1, 1],
      ],
    );
    assert.equal(groups[0]?.summary.negatives.falsePositives, 1);
  });

  it('names groups by outlet, region and year, with a placeholder where the set says nothing', () => {
    assert.equal(readGroupName(items[2]!, 'outlet'), '(unknown outlet)');
    assert.equal(readGroupName(items[2]!, 'region'), '(negative)');
    assert.equal(readGroupName(items[1]!, 'year'), '2023');
    assert.equal(readGroupName(items[0]!, 'year'), '2024');
  });

  it('prints one row per group with the false positives over the negatives', () => {
    const table = formatGroupTable(groupScores(scores, items, 'outlet'), 'outlet');
    const lines = table.split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0] ?? '', /^outlet\s+items\s+comm/);
    assert.match(table, /\(unknown outlet\)\s+1 .* 1\/1$/m);
    assert.match(table, /^One\s+1\s+100%/m);
  });
});

describe('summariseConfidenceBands', () => {
  it('puts each report in its band and counts an item exact only when everything matches', () => {
    const items = [
      item({ id: 'hi', text: 'hi' }),
      item({ id: 'lo', text: 'lo', labels: labels({ attacks: 5 }) }),
      item({ id: 'neg', text: 'neg', region: null, labels: null }),
    ];
    const scores = evaluate(items, {
      hi: [report({ confidence: 0.9 }, { attacks: metric(12) })],
      lo: [report({ confidence: 0.4 }, { attacks: metric(6) })],
      neg: [report({ confidence: 0.7 })],
    });
    const bands = summariseConfidenceBands(scores, [0, 0.6, 0.8]);
    assert.deepEqual(
      bands.map((band) => [band.reports, band.exactItems, band.exactRate]),
      [
        [1, 0, 0],
        [1, 0, 0],
        [1, 1, 1],
      ],
    );
  });
});
