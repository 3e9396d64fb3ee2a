import assert from 'node:assert/strict';
import type { CommunityTally } from '../../domain/extraction/types.js';
import type { LabelledCommunity } from '../../domain/evaluation/eval-item.js';
import { resolveLabelledCommunity } from '../../domain/evaluation/resolve-labelled-community.js';
import { scorePerCommunity } from '../../domain/evaluation/score-per-community.js';
import { summariseScores } from '../../domain/evaluation/summarise-scores.js';
import { evaluateItems } from '../../domain/evaluation/evaluate-items.js';
import { matchCommunity } from '../../domain/gazetteer/match-community.js';
import { item, labels, metric, report } from './build-items.js';

function codeOf(name: string): string {
  const hromada = matchCommunity(name, 'sumy');
  assert.ok(hromada, name);
  return hromada.katottg;
}

function tally(name: string, figures: { attacks?: number; explosions?: number } = {}): CommunityTally {
  return {
    community: codeOf(name),
    mention: name,
    attacks: figures.attacks === undefined ? null : metric(figures.attacks),
    explosions: figures.explosions === undefined ? null : metric(figures.explosions, 'exact', 'вибухів'),
    weapons: [],
    evidence: { start: 0, end: 1 },
  };
}

const labelled = (
  name: string,
  explosions: number | null,
  attacks: number | null = null,
): LabelledCommunity => ({
  name,
  attacks,
  explosions,
  weapons: [],
  approx: {},
});

describe('scorePerCommunity', () => {
  it('matches a labelled English name to the extracted hromada through the gazetteer', () => {
    const score = scorePerCommunity(
      [labelled('Bilopillia (Belopolskaya)', 2)],
      [tally('Білопільська', { explosions: 2 })],
      'sumy',
      resolveLabelledCommunity,
    );
    assert.equal(score.correct, true);
    assert.equal(score.foundNames, 1);
    assert.deepEqual(
      score.figures.map((figure) => [figure.field, figure.correct]),
      [
        ['attacks', true],
        ['explosions', true],
      ],
    );
  });

  it('scores a wrong or missing figure as a miss', () => {
    const score = scorePerCommunity(
      [labelled('Краснопільська', 38), labelled('Есманьська', 34)],
      [tally('Krasnopillia', { explosions: 25 })],
      'sumy',
      resolveLabelledCommunity,
    );
    assert.equal(score.correct, false);
    assert.equal(score.foundNames, 1);
    const explosions = score.figures.filter((figure) => figure.field === 'explosions');
    assert.deepEqual(
      explosions.map((figure) => [figure.name, figure.got?.value ?? null, figure.correct]),
      [
        ['Краснопільська', 25, false],
        ['Есманьська', null, false],
      ],
    );
  });

  it('counts figures for hromadas the labels do not list against precision', () => {
    const score = scorePerCommunity(
      [],
      [tally('Хотінська', { explosions: 4 })],
      'sumy',
      resolveLabelledCommunity,
    );
    assert.equal(score.correct, false);
    assert.deepEqual(
      score.figures.map((figure) => [figure.predicted, figure.gold]),
      [[true, false]],
    );
  });

  it('treats a listed hromada without figures on both sides as exact', () => {
    const score = scorePerCommunity(
      [labelled('Юнаківська', null)],
      [tally('Юнаківська')],
      'sumy',
      resolveLabelledCommunity,
    );
    assert.equal(score.correct, true);
    assert.equal(
      score.figures.every((figure) => !figure.predicted && !figure.gold),
      true,
    );
  });

  it('scores an approximate per-community figure against its approx label', () => {
    const approximate = {
      ...labelled('Краснопільська', null),
      approx: { explosions: { value: 100, qualifier: 'about' as const } },
    };
    const hundred = tally('Краснопільська');
    hundred.explosions = metric(100, 'about', 'прильотів');
    const score = scorePerCommunity([approximate], [hundred], 'sumy', resolveLabelledCommunity);
    assert.equal(score.correct, true);
    const exactHundred = { ...hundred, explosions: metric(100) };
    assert.equal(
      scorePerCommunity([approximate], [exactHundred], 'sumy', resolveLabelledCommunity).correct,
      false,
    );
  });

  it('leaves names the gazetteer cannot resolve out of the score and reports them', () => {
    const score = scorePerCommunity(
      [labelled('Одеський район', null)],
      [],
      'odesa',
      resolveLabelledCommunity,
    );
    assert.deepEqual(score.unresolved, ['Одеський район']);
    assert.equal(score.labelledNames, 0);
    assert.equal(score.correct, true);
  });

  it('rolls up into the summary as precision, recall, exact and names found', () => {
    const withCommunities = item({
      labels: labels({ attacks: 12 }, { perCommunity: [labelled('Khotin', 26), labelled('Esman', null)] }),
    });
    const scores = evaluateItems(
      [withCommunities],
      () => [report({ perCommunity: [tally('Хотінська', { explosions: 26 })] }, { attacks: metric(12) })],
      { resolveCommunity: resolveLabelledCommunity },
    );
    assert.deepEqual(summariseScores(scores).perCommunity, { precision: 1, recall: 1, exact: 1, names: 0.5 });
  });
});
