import assert from 'node:assert/strict';
import { readCountPhrases } from '../../domain/extraction/read-count-phrases.js';
import { readCasualties } from '../../domain/extraction/read-casualties.js';
import { scanText } from '../../domain/extraction/scan-text.js';

function countsIn(text: string) {
  const tokens = scanText(text);
  return readCountPhrases(tokens, 0, tokens.length).map((p) => ({
    metric: p.metric,
    value: p.value,
    qualifier: p.qualifier,
    weapon: p.weapon ?? null,
    evidence: text.slice(p.evidence.start, p.evidence.end),
  }));
}

function casualtiesIn(text: string) {
  const tokens = scanText(text);
  return readCasualties(tokens, 0, tokens.length)
    .filter((p) => p.strength !== 'unnumbered')
    .map((p) => ({ metric: p.metric, value: p.value, strength: p.strength }));
}

describe('readCountPhrases', () => {
  it('reads the term in any case form, with the evidence span of the phrase', () => {
    assert.deepEqual(countsIn('здійснили 66 обстрілів'), [
      { metric: 'attacks', value: 66, qualifier: 'exact', weapon: null, evidence: '66 обстрілів' },
    ]);
    assert.equal(countsIn('4 обстріли')[0]?.metric, 'attacks');
    assert.equal(countsIn('51 обстріл')[0]?.metric, 'attacks');
    assert.equal(countsIn('Зафіксовано 220 вибухів')[0]?.metric, 'explosions');
    assert.equal(countsIn('62 вибухи')[0]?.metric, 'explosions');
    assert.equal(countsIn('Усього 43 прильоти')[0]?.metric, 'explosions');
    assert.equal(countsIn('випустивши 313 снарядів')[0]?.metric, 'projectiles');
  });

  it('reads settlements in the dative and locative, and communities as a number word', () => {
    assert.deepEqual(
      countsIn('завдали 698 ударів по 21 населеному пункту').map((p) => [p.metric, p.value]),
      [
        ['attacks', 698],
        ['settlements', 21],
      ],
    );
    assert.deepEqual(
      countsIn('обстріли територій шістьох громад').map((p) => [p.metric, p.value]),
      [['communities', 6]],
    );
    assert.deepEqual(
      countsIn('у 14 територіальних громадах').map((p) => [p.metric, p.value]),
      [['communities', 14]],
    );
  });

  it('reads English phrasings: "struck 13 communities in 54 separate attacks", "attacked 21 settlements 698 times"', () => {
    assert.deepEqual(
      countsIn('struck 13 communities in 54 separate attacks').map((p) => [p.metric, p.value]),
      [
        ['communities', 13],
        ['attacks', 54],
      ],
    );
    assert.deepEqual(
      countsIn('attacked 21 settlements 698 times').map((p) => [p.metric, p.value]),
      [
        ['settlements', 21],
        ['attacks', 698],
      ],
    );
    assert.deepEqual(
      countsIn('fired 422 projectiles').map((p) => [p.metric, p.value]),
      [['projectiles', 422]],
    );
  });

  it('counts "N разів" and "двічі" as attacks only next to an attack verb', () => {
    assert.deepEqual(
      countsIn('росіяни 69 разів обстріляли').map((p) => [p.metric, p.value]),
      [['attacks', 69]],
    );
    assert.deepEqual(
      countsIn('Вночі агресор двічі обстріляв Нікопольщину').map((p) => [p.metric, p.value]),
      [['attacks', 2]],
    );
    assert.deepEqual(
      countsIn('у дванадцяти випадках завдали ударів').map((p) => [p.metric, p.value]),
      [['attacks', 12]],
    );
    assert.deepEqual(countsIn('це вже втретє, і двічі на тиждень'), []);
  });

  it('reads the spelled-out tens and hundreds in counts: "вісімдесят разів", "шістсот снарядів"', () => {
    assert.deepEqual(
      countsIn('За добу ворог вісімдесят разів обстріляв прикордоння').map((p) => [p.metric, p.value]),
      [['attacks', 80]],
    );
    assert.deepEqual(
      countsIn('випустивши шістсот снарядів і зафіксовано п’ятдесят вибухів').map((p) => [p.metric, p.value]),
      [
        ['projectiles', 600],
        ['explosions', 50],
      ],
    );
  });

  it('keeps the hedge: "понад 60 обстрілів" is more_than, "майже два десятки разів" is almost 20', () => {
    assert.equal(countsIn('здійснили понад 60 обстрілів')[0]?.qualifier, 'more_than');
    const hedged = countsIn('атакував Нікопольщину майже два десятки разів')[0];
    assert.equal(hedged?.value, 20);
    assert.equal(hedged?.qualifier, 'almost');
  });

  it('marks weapon shares as subtotals but not a list of the day’s weapons', () => {
    assert.equal(countsIn('199 артилерійських ударів')[0]?.weapon, 'artillery');
    assert.equal(countsIn('3 обстріли з РСЗВ')[0]?.weapon, 'mlrs');
    assert.equal(countsIn('26 UAV attacks')[0]?.weapon, 'drone');
    assert.equal(countsIn('випустивши 414 снарядів з мінометів, артилерії, «Градів»')[0]?.weapon, null);
  });

  it('does not read explosive devices, ages, calibres or dates as counts', () => {
    assert.deepEqual(countsIn('скидання 4 вибухових пристроїв'), []);
    assert.deepEqual(countsIn('постраждав 62-річний чоловік'), []);
    assert.deepEqual(countsIn('з мінометів 120 мм'), []);
    assert.deepEqual(countsIn('20 лютого'), []);
  });
});

describe('readCasualties', () => {
  it('reads counts on either side of the verb', () => {
    assert.deepEqual(casualtiesIn('Через російську агресію 2 людини дістали поранення.'), [
      { metric: 'injured', value: 2, strength: 'count' },
    ]);
    assert.deepEqual(casualtiesIn('killing one person and wounding seven more'), [
      { metric: 'killed', value: 1, strength: 'count' },
      { metric: 'injured', value: 7, strength: 'count' },
    ]);
    assert.deepEqual(casualtiesIn('погибли пятеро мирных жителей, а еще 11 получили ранения'), [
      { metric: 'killed', value: 5, strength: 'count' },
      { metric: 'injured', value: 11, strength: 'count' },
    ]);
  });

  it('reads a count with "in the region" between it and the verb', () => {
    assert.deepEqual(casualtiesIn('Ще 6 людей в області отримали поранення.'), [
      { metric: 'injured', value: 6, strength: 'count' },
    ]);
    assert.deepEqual(casualtiesIn('Four more people in the region were injured.'), [
      { metric: 'injured', value: 4, strength: 'count' },
    ]);
    assert.deepEqual(casualtiesIn('Еще 3 человека в области получили ранения.'), [
      { metric: 'injured', value: 3, strength: 'count' },
    ]);
  });

  it('reads a raised toll as an exact revised count: "has risen to five", "зросла до 6"', () => {
    const revised = (text: string) => {
      const tokens = scanText(text);
      return readCasualties(tokens, 0, tokens.length).map((p) => [p.metric, p.value, p.qualifier, p.revised]);
    };
    assert.deepEqual(revised('The death toll in the city for Nov. 2 has risen to five.'), [
      ['killed', 5, 'exact', true],
    ]);
    assert.deepEqual(revised('Кількість поранених зросла до 6.'), [['injured', 6, 'exact', true]]);
    assert.deepEqual(revised('Число погибших возросло до 4.'), [['killed', 4, 'exact', true]]);
  });

  it('reads one victim described in the singular as 1', () => {
    assert.deepEqual(casualtiesIn('Поранено жінку внаслідок ворожої атаки.'), [
      { metric: 'injured', value: 1, strength: 'singular' },
    ]);
    assert.deepEqual(casualtiesIn('A 74-year-old man died in hospital.'), [
      { metric: 'killed', value: 1, strength: 'singular' },
    ]);
  });

  it('reads "постраждалих немає", "no casualties" and "без жертв" as exact zeros of the right metrics', () => {
    assert.deepEqual(casualtiesIn('Постраждалих немає.'), [
      { metric: 'injured', value: 0, strength: 'zero' },
    ]);
    assert.deepEqual(casualtiesIn('No casualties were reported.'), [
      { metric: 'injured', value: 0, strength: 'zero' },
      { metric: 'killed', value: 0, strength: 'zero' },
    ]);
    // "Жертви" are victims as a whole: without them nobody was killed and nobody injured.
    assert.deepEqual(casualtiesIn('обійшлося без жертв'), [
      { metric: 'injured', value: 0, strength: 'zero' },
      { metric: 'killed', value: 0, strength: 'zero' },
    ]);
  });

  it('reads "no one", "nobody", "ніхто" and "никто" as a zero, not as one victim', () => {
    assert.deepEqual(casualtiesIn('No one was hurt or killed when the shell hit the depot.'), [
      { metric: 'injured', value: 0, strength: 'zero' },
      { metric: 'killed', value: 0, strength: 'zero' },
    ]);
    assert.deepEqual(casualtiesIn('Nobody was injured in the morning strike.'), [
      { metric: 'injured', value: 0, strength: 'zero' },
    ]);
    assert.deepEqual(casualtiesIn('No residents were killed, and two men were wounded.'), [
      { metric: 'killed', value: 0, strength: 'zero' },
      { metric: 'injured', value: 2, strength: 'count' },
    ]);
    assert.deepEqual(casualtiesIn('Внаслідок обстрілу ніхто не загинув.'), [
      { metric: 'killed', value: 0, strength: 'zero' },
    ]);
    // "Nobody was hurt" says nothing about deaths: injured 0 only.
    assert.deepEqual(casualtiesIn('Ні один мешканець села не постраждав.'), [
      { metric: 'injured', value: 0, strength: 'zero' },
    ]);
    assert.deepEqual(casualtiesIn('Предварительно, никто не пострадал.'), [
      { metric: 'injured', value: 0, strength: 'weak_zero' },
    ]);
    assert.deepEqual(casualtiesIn('Only one was killed.'), [
      { metric: 'killed', value: 1, strength: 'count' },
    ]);
  });

  it('gives nothing for "уточнюється" or for victims without a count', () => {
    assert.deepEqual(casualtiesIn('Інформація щодо постраждалих уточнюється.'), []);
    assert.deepEqual(casualtiesIn('Мешканці будинку отримали легкі поранення.'), []);
  });

  it('skips ages: "Two men aged 45 and 62 were wounded" is 2', () => {
    assert.deepEqual(casualtiesIn('Two men aged 45 and 62 were wounded.'), [
      { metric: 'injured', value: 2, strength: 'count' },
    ]);
  });

  it('marks a hedged zero ("Попередньо, без постраждалих") as weak', () => {
    assert.deepEqual(casualtiesIn('Попередньо, без постраждалих.'), [
      { metric: 'injured', value: 0, strength: 'weak_zero' },
    ]);
  });
});

describe('readCountPhrases: parts, hits and exploded munitions', () => {
  it('marks a figure after a subset marker as a part', () => {
    const tokens = scanText('41 вибух, з них 3 вибухи від КАБ');
    assert.deepEqual(
      readCountPhrases(tokens, 0, tokens.length).map((p) => [p.value, p.subset === true]),
      [
        [41, false],
        [3, true],
      ],
    );
    const english = scanText('27 explosions. In one of the attacks, 4 explosions');
    assert.equal(readCountPhrases(english, 0, english.length)[1]?.subset, true);
  });

  it('reads "попаданий", "попал N раз" and shells that exploded as explosions', () => {
    assert.equal(countsIn('зафиксировано 14 попаданий')[0]?.metric, 'explosions');
    assert.equal(countsIn('враг попал 6 раз')[0]?.metric, 'explosions');
    assert.equal(countsIn('враг обстрелял 6 раз')[0]?.metric, 'attacks');
    assert.equal(countsIn('розірвалися 13 снарядів')[0]?.metric, 'explosions');
    assert.equal(countsIn('випустили 13 снарядів')[0]?.metric, 'projectiles');
    assert.equal(countsIn('9 mines exploded')[0]?.metric, 'explosions');
    assert.deepEqual(countsIn('dropped 9 mines'), []);
  });
});
