import assert from 'node:assert/strict';
import { selectReport } from '../../domain/evaluation/select-report.js';
import { report } from './build-items.js';

describe('selectReport', () => {
  it('when only another region was extracted, selects nothing', () => {
    assert.equal(selectReport([report({ region: 'kharkiv' })], 'sumy', null), null);
  });

  it('picks the report for the item region out of a round-up', () => {
    const sumy = report({ region: 'sumy' });
    assert.equal(
      selectReport([report({ region: 'kharkiv' }), sumy, report({ region: 'kherson' })], 'sumy', null),
      sumy,
    );
  });

  it('among several reports for the region, prefers the labelled date', () => {
    const wanted = report({ date: '2024-05-14' });
    assert.equal(selectReport([report({ date: '2024-05-13' }), wanted], 'sumy', '2024-05-14'), wanted);
  });

  it('then prefers a correction over the report it revises', () => {
    const correction = report({ isCorrection: true, confidence: 0.5 });
    assert.equal(selectReport([report({ confidence: 0.9 }), correction], 'sumy', '2024-05-14'), correction);
  });

  it('then prefers the more confident report', () => {
    const confident = report({ confidence: 0.95 });
    assert.equal(selectReport([report({ confidence: 0.4 }), confident], 'sumy', null), confident);
  });
});
