import assert from 'node:assert/strict';
import { extractReports } from '../../domain/extraction/extract-reports.js';
import { blankEditorialGlosses } from '../../domain/extraction/detect-text-kind.js';
import { findCommunityMentions } from '../../domain/gazetteer/find-community-mentions.js';

const PUBLISHED = new Date('2024-05-10T06:00:00Z');

/** Per-community figures of the first report, as `mention -> [attacks, explosions]` with hedges. */
function breakdownOf(text: string, sourceRegion: string | null = null) {
  const [report] = extractReports({ text, publishedAt: PUBLISHED, sourceRegion });
  const out: Record<string, [string | null, string | null]> = {};
  for (const tally of report?.perCommunity ?? []) {
    const show = (v: { value: number; qualifier: string } | null) =>
      v === null ? null : v.qualifier === 'exact' ? String(v.value) : `${v.qualifier} ${v.value}`;
    out[tally.mention.split(' ')[0] ?? ''] = [show(tally.attacks), show(tally.explosions)];
  }
  return { report, out };
}

describe('per-community attribution', () => {
  it('keeps a community rounded figure with its hedge, and sums exact sub-counts over a rounded one', () => {
    assert.deepEqual(
      breakdownOf(
        '9 травня ворог 12 разів обстріляв Сумщину.\nНайбільше дісталося Шалигінській громаді – понад 40 прильотів.',
      ).out,
      { Шалигінській: [null, 'more_than 40'] },
    );
    assert.deepEqual(
      breakdownOf(
        '9 травня ворог 12 разів обстріляв Сумщину.\nХотінська громада: міномет (7 вибухів), артилерія (9 вибухів) – загалом близько 20 вибухів.',
      ).out,
      { Хотінська: [null, '16'] },
    );
  });

  it('gives bracketed figures to the names of a list even after a count of the places', () => {
    assert.deepEqual(
      breakdownOf(
        'Russians attacked Sumy Oblast 40 times on May 9. Two more hromadas were hit hard, Krasnopillia (over 60 explosions) and Bilopillia (33 explosions).',
      ).out,
      { Krasnopillia: [null, 'more_than 60'], Bilopillia: [null, '33'] },
    );
  });

  it('does not add a part of a figure already given ("з них", "in one of the attacks")', () => {
    assert.deepEqual(
      breakdownOf(
        '9 травня ворог 12 разів обстріляв Сумщину.\nМиропільська громада: 4 обстріли, 25 вибухів, з них 6 від КАБ.',
      ).out['Миропільська'],
      ['4', '25'],
    );
    assert.deepEqual(
      breakdownOf(
        'Russians attacked Sumy Oblast 40 times on May 9.\nEsman hromada came under 3 attacks with 19 explosions. In one of the attacks, 5 explosions came from mortars.',
      ).out['Esman'],
      ['3', '19'],
    );
  });

  it('takes a total over the weapon shares that follow it, but adds shares said to come on top', () => {
    assert.deepEqual(
      breakdownOf(
        '9 травня ворог 12 разів обстріляв Сумщину.\nБілопільська громада: п’ять обстрілів. Три мінометні обстріли.',
      ).out['Білопільська'],
      ['5', null],
    );
    assert.deepEqual(
      breakdownOf(
        'Russians attacked Sumy Oblast 40 times on May 9.\nKhotin hromada was shelled, with four explosions. There was also one UAV explosion.',
      ).out['Khotin'],
      [null, '5'],
    );
  });

  it('does not give a count over a list of settlements to the hromada centre that opens it', () => {
    assert.deepEqual(
      breakdownOf(
        '9 травня ворог 12 разів обстріляв Сумщину.\nОкупанти 5 разів атакували Білопілля, Павлівку та Рижівку.',
      ).out,
      { Білопілля: [null, null] },
    );
    assert.deepEqual(
      breakdownOf('9 травня ворог 12 разів обстріляв Сумщину.\nОкупанти 5 разів атакували Білопілля.').out,
      { Білопілля: ['5', null] },
    );
  });

  it('reads Russian hits and munitions stated as exploded as explosions, not munitions dropped', () => {
    assert.deepEqual(
      breakdownOf(
        '9 мая враг 12 раз обстрелял Сумскую область.\nВ Хотинской громаде зафиксировано 8 попаданий. По Эсманьской громаде враг попал 3 раза.',
      ).out,
      { Хотинской: [null, '8'], Эсманьской: [null, '3'] },
    );
    assert.deepEqual(
      breakdownOf(
        '9 мая враг 12 раз обстрелял Сумскую область.\nВ Хотинской громаде разорвались 7 мин. На Эсманьскую громаду сбросили 4 мины.',
      ).out,
      { Хотинской: [null, '7'], Эсманьскую: [null, null] },
    );
  });

  it('gives a city sub-tally stated with its hedge to the city hromada', () => {
    const { out } = breakdownOf(
      'Russians struck Zaporizhzhia Oblast 300 times on May 9. Up to 12 explosions were heard in Zaporizhzhia.',
    );
    assert.deepEqual(out['Zaporizhzhia'], [null, 'up_to 12']);
  });

  it('reads "N times" in a verbless sentence that goes on from an attack sentence', () => {
    assert.deepEqual(
      breakdownOf(
        '9 травня ворог 8 разів атакував Дніпропетровщину. Ворог тричі вдарив по Нікополю. Та один раз – по Марганецькій громаді.',
      ).out,
      { Нікополю: ['3', null], Марганецькій: ['1', null] },
    );
    assert.deepEqual(
      breakdownOf(
        '9 травня ворог 8 разів атакував Дніпропетровщину. У Марганецькій громаді було гучно. А двічі оголошували тривогу.',
      ).out,
      { Марганецькій: [null, null] },
    );
  });

  it('reads a hromada named twice in its sentence as one place, and one inside a list as a list item', () => {
    assert.deepEqual(
      breakdownOf(
        '9 травня ворог 12 разів атакував Миколаївщину. Зокрема, 7 разів ворог атакував Очаків та акваторію Очаківської громади.',
      ).out,
      { Очаків: ['7', null] },
    );
    assert.deepEqual(
      breakdownOf(
        '9 травня окупанти завдали 300 ударів по Запорізькій області. 4 обстріли з РСЗВ накрили Щербаки, Степногірськ, Рівнопілля.',
      ).out,
      { Степногірськ: [null, null] },
    );
  });

  it('matches a name cut short before "community" to the one hromada it begins', () => {
    const [mention] = findCommunityMentions('The Sve community came under fire.', 'sumy');
    assert.equal(mention?.mention, 'Sve');
    assert.equal(findCommunityMentions('The Su community came under fire.', 'sumy').length, 0);
  });
});

describe('editorial glosses', () => {
  it('are blanked character for character', () => {
    const text = 'Attacks on hromadas [a hromada is a unit – ed.] of Sumy Oblast.';
    const blanked = blankEditorialGlosses(text);
    assert.equal(blanked.length, text.length);
    assert.equal(blanked.includes('hromada is'), false);
    assert.equal(blankEditorialGlosses('Хотінська громада (3 вибухи).'), 'Хотінська громада (3 вибухи).');
  });

  it('do not open a per-community section that swallows the oblast total', () => {
    const { report } = breakdownOf(
      'Russians launched 50 attacks on hromadas of Sumy Oblast on May 9. [A hromada is an administrative unit – ed.]\n\nA total of 180 explosions were recorded.',
    );
    assert.equal(report?.metrics.explosions?.value, 180);
  });
});
