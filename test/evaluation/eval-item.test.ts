import assert from 'node:assert/strict';
import { parseEvalJsonl } from '../../domain/evaluation/eval-item.js';

const positive = {
  id: 'a',
  lang: 'en',
  region: 'Sumy',
  report_date: '2024-04-20',
  published: '2024-04-21',
  title: null,
  text: 'Russian forces hit 3 communities.',
  labels: {
    communities: 3,
    settlements: null,
    attacks: null,
    explosions: null,
    projectiles: null,
    injured: null,
    killed: null,
    per_community: [
      { name: 'Khotin', attacks: null, explosions: 4, weapons: ['mortar'] },
      {
        name: 'Esman',
        attacks: null,
        explosions: null,
        weapons: [],
        approx: { explosions: { value: 100, qualifier: 'about' } },
      },
    ],
    approx: { attacks: { value: 90, qualifier: 'almost' } },
  },
};
const negative = {
  id: 'b',
  lang: 'ru',
  region: null,
  report_date: null,
  published: null,
  title: 'x',
  text: 'y',
  labels: null,
};

describe('parseEvalJsonl', () => {
  it('reads labelled items and negatives, skipping blank lines', () => {
    const { items, problems } = parseEvalJsonl(
      `${JSON.stringify(positive)}\n\n${JSON.stringify(negative)}\n`,
    );
    assert.deepEqual(problems, []);
    assert.equal(items.length, 2);
    assert.equal(items[0]?.labels?.values.communities, 3);
    assert.deepEqual(items[0]?.labels?.approx.attacks, { value: 90, qualifier: 'almost' });
    assert.equal(items[0]?.labels?.perCommunity[0]?.explosions, 4);
    assert.deepEqual(items[0]?.labels?.perCommunity[0]?.approx, {});
    assert.deepEqual(items[0]?.labels?.perCommunity[1]?.approx.explosions, {
      value: 100,
      qualifier: 'about',
    });
    assert.equal(items[1]?.labels, null);
  });

  it('reports a line that is not JSON with its line number, and keeps the others', () => {
    const { items, problems } = parseEvalJsonl(`${JSON.stringify(negative)}\n{oops\n`);
    assert.equal(items.length, 1);
    assert.equal(problems[0]?.line, 2);
  });

  it('rejects a label that is not a whole number', () => {
    const bad = { ...positive, labels: { ...positive.labels, injured: 'two' } };
    const { problems } = parseEvalJsonl(JSON.stringify(bad));
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /injured/);
  });

  it('rejects an approx entry with an unknown qualifier', () => {
    const bad = {
      ...positive,
      labels: { ...positive.labels, approx: { attacks: { value: 9, qualifier: 'roughly' } } },
    };
    assert.equal(parseEvalJsonl(JSON.stringify(bad)).problems.length, 1);
  });
});
