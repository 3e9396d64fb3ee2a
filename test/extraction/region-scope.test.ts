import assert from 'node:assert/strict';
import { extractReports } from '../../domain/extraction/extract-reports.js';

const PUBLISHED = new Date('2024-05-10T06:00:00Z');

function reportsOf(text: string) {
  return extractReports({ text, publishedAt: PUBLISHED });
}

function metricOf(
  text: string,
  region: string,
  metric: 'attacks' | 'explosions' | 'projectiles' | 'injured',
) {
  return reportsOf(text).find((r) => r.region === region)?.metrics[metric]?.value ?? null;
}

describe('region scope', () => {
  it('gives a figure for another region named by its city to that region, not the text region', () => {
    const text =
      'Russian troops attacked Sumy Oblast 20 times on May 9, with 70 explosions. Elsewhere, a drone strike on Kharkiv injured 3 people.';
    assert.equal(metricOf(text, 'sumy', 'injured'), null);
    assert.equal(metricOf(text, 'kharkiv', 'injured'), 3);
  });

  it('keeps the region own city, and a city in an outlet name is no place', () => {
    assert.equal(
      metricOf(
        'Russian troops attacked Sumy Oblast 20 times on May 9. A drone strike on Sumy injured 2 people.',
        'sumy',
        'injured',
      ),
      2,
    );
    assert.equal(
      metricOf(
        'Russian troops attacked Sumy Oblast 20 times on May 9, the administration told the Kyiv Independent.',
        'sumy',
        'attacks',
      ),
      20,
    );
  });

  it('gives a figure stated for two regions together to neither', () => {
    const text =
      '9 травня ворог 50 разів обстріляв Сумщину та Харківщину. На Сумщині зафіксовано 90 вибухів.';
    assert.equal(metricOf(text, 'sumy', 'attacks'), null);
    assert.equal(metricOf(text, 'sumy', 'explosions'), 90);
    assert.equal(
      metricOf('9 травня ворог 41 раз обстріляв Сумщину, а Харківщину — 30 разів.', 'sumy', 'attacks'),
      41,
    );
  });

  it('gives the oblast a figure whose own clause ends in the oblast, even after a named place', () => {
    const text = '9 травня ворожих ударів зазнали місто Харків і 8 населених пунктів Харківської області.';
    assert.equal(reportsOf(text).find((r) => r.region === 'kharkiv')?.metrics.settlements?.value, 8);
  });

  it('reads no tally from a daily average', () => {
    assert.deepEqual(reportsOf('Russian forces fire about 600 shells at Kherson Oblast every day.'), []);
  });
});

describe('oblast terms', () => {
  it('does not take one weapon share beside another weapon munitions as the projectile total', () => {
    const share =
      'On May 9, Russians launched 70 attacks on Kherson region, firing 100 artillery shells and dropping 30 bombs.';
    assert.equal(metricOf(share, 'kherson', 'projectiles'), null);
    const lone =
      'On May 9, the enemy fired 30 artillery shells at Nikopol district of Dnipropetrovsk region.';
    assert.equal(metricOf(lone, 'dnipropetrovsk', 'projectiles'), 30);
  });

  it('reads the strikes beside a count of times as explosions', () => {
    const text = 'On May 9, Russians struck Zaporizhzhia region 10 times; 25 strikes were recorded.';
    assert.equal(metricOf(text, 'zaporizhzhia', 'attacks'), 10);
    assert.equal(metricOf(text, 'zaporizhzhia', 'explosions'), 25);
    assert.equal(
      metricOf('On May 9, Russians launched 40 strikes on Zaporizhzhia region.', 'zaporizhzhia', 'attacks'),
      40,
    );
  });
});
