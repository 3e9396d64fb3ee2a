import assert from 'node:assert/strict';
import { scoreMetric } from '../../domain/evaluation/score-metric.js';
import { metric } from './build-items.js';

describe('scoreMetric', () => {
  it('when an exact extraction equals the label, scores it exact', () => {
    const outcome = scoreMetric(61, null, metric(61));
    assert.deepEqual([outcome.correct, outcome.predicted, outcome.gold], [true, true, true]);
  });

  it('when an "at least" extraction equals the label, scores it exact', () => {
    assert.equal(scoreMetric(283, null, metric(283, 'at_least')).correct, true);
  });

  it('when an exact extraction differs from the label, scores a miss', () => {
    assert.equal(scoreMetric(61, null, metric(65)).correct, false);
  });

  it('when an approximate extraction equals approx.value, scores it exact', () => {
    const outcome = scoreMetric(null, { value: 60, qualifier: 'more_than' }, metric(60, 'more_than'));
    assert.deepEqual([outcome.correct, outcome.predicted, outcome.gold], [true, true, true]);
  });

  it('when an approximate extraction meets an exact label, scores a miss even with the same number', () => {
    assert.equal(scoreMetric(94, null, metric(94, 'more_than')).correct, false);
  });

  it('when the qualifier is dropped from an approximate figure, scores a miss', () => {
    assert.equal(scoreMetric(null, { value: 90, qualifier: 'almost' }, metric(90)).correct, false);
  });

  it('when both the label and the extraction are null and there is no approx, scores it exact', () => {
    const outcome = scoreMetric(null, null, null);
    assert.deepEqual([outcome.correct, outcome.predicted, outcome.gold], [true, false, false]);
  });

  it('when the label is null but an approx figure exists, a null extraction is a miss', () => {
    const outcome = scoreMetric(null, { value: 15, qualifier: 'about' }, null);
    assert.deepEqual([outcome.correct, outcome.gold], [false, true]);
  });

  it('when the text states nothing, any extracted figure is a miss that counts against precision', () => {
    const outcome = scoreMetric(null, null, metric(0));
    assert.deepEqual([outcome.correct, outcome.predicted, outcome.gold], [false, true, false]);
  });

  it('when the label is 0 ("no casualties"), an exact 0 matches and a null does not', () => {
    assert.equal(scoreMetric(0, null, metric(0)).correct, true);
    assert.equal(scoreMetric(0, null, null).correct, false);
  });
});
