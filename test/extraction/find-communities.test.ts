import assert from 'node:assert/strict';
import { findCommunities } from '../../domain/extraction/find-communities.js';
import { getHromada, listHromadas } from '../../domain/gazetteer/hromadas.js';
import { describeGrowth, GROWTH_HANG_GUARD_MS, measureGrowth, repeatToLength } from '../setup/growth.js';

function namesIn(text: string, region: Parameters<typeof findCommunities>[1]) {
  return findCommunities(text, region).map((m) => getHromada(m.community)?.nameUk);
}

describe('findCommunities', () => {
  it('finds a name whose noun an earlier name carries ("Очаківську громаду та двічі — Куцурубську")', () => {
    assert.deepEqual(
      namesIn('Ворог тричі атакував Очаківську громаду та один раз — Куцурубську.', 'mykolaiv'),
      ['Очаківська', 'Куцурубська'],
    );
  });

  it('finds bare names listed after a plural community noun', () => {
    assert.deepEqual(
      namesIn('Під обстрілом були три громади — Хотінську, Юнаківську та Миропільську.', 'sumy'),
      ['Хотінська', 'Юнаківська', 'Миропільська'],
    );
  });

  it('finds an elided name after a preposition: "двох у Білопільській громаді та одну в Краснопільській"', () => {
    assert.deepEqual(namesIn('Поранено двох у Білопільській громаді та одну в Краснопільській.', 'sumy'), [
      'Білопільська',
      'Краснопільська',
    ]);
  });

  it('finds an elided name after "а також" and an elided hyphenated name', () => {
    assert.deepEqual(
      namesIn('Вибухи пролунали в Хотінській громаді, а також у Юнаківській та Середино-Будській.', 'sumy'),
      ['Хотінська', 'Юнаківська', 'Середино-Будська'],
    );
  });

  it('finds an elided name followed by its figure ("у Юнаківській 5 вибухів")', () => {
    assert.deepEqual(
      namesIn(
        'У Хотінській громаді зафіксовано 4 вибухи, у Юнаківській 5 вибухів, а в Есманьській (2) тихо.',
        'sumy',
      ),
      ['Хотінська', 'Юнаківська', 'Есманьська'],
    );
  });

  it('finds a heading that names a community by its adjective alone when the text names one with its noun', () => {
    const text =
      'Хотінська громада: 6 вибухів.\nЮнаківська: удар дрона (1 вибух).\nСередино-Будська: 2 вибухи.';
    assert.deepEqual(namesIn(text, 'sumy'), ['Хотінська', 'Юнаківська', 'Середино-Будська']);
    assert.deepEqual(namesIn('Юнаківська: удар дрона (1 вибух).', 'sumy'), []);
  });

  it('grows linearly on a megabyte dense with names, headings and community nouns', function () {
    // A hang guard, not a speed limit: the timed runs take a few seconds on a quiet machine.
    this.timeout(GROWTH_HANG_GUARD_MS);
    const unit = 'Хотінська громада: 5 вибухів. Юнаківська: 3 вибухи.\nгромади — Білопільську, Ббббська: ';
    const large = repeatToLength(unit, 1_000_000);
    const small = large.slice(0, large.length / 8);
    assert.ok(findCommunities(large, 'sumy').length > 30_000);
    const growth = measureGrowth((text: string) => findCommunities(text, 'sumy'), small, large);
    assert.ok(growth.ratio < 24, describeGrowth(growth, 8));
  });

  it('does not read a pair of oblast adjectives that share their noun as communities', () => {
    assert.deepEqual(
      namesIn(
        'Обстріляно Хотінську громаду, а також прикордоння у Сумській та Харківській областях.',
        'sumy',
      ),
      ['Хотінська'],
    );
  });

  it('does not read an oblast adjective followed by its noun as a community', () => {
    assert.deepEqual(namesIn('Ворог атакував Хотінську громаду, а також райони Сумської області.', 'sumy'), [
      'Хотінська',
    ]);
  });
  describe('a hromada adjective whose noun another name of the list carries', () => {
    // Each case of the first name, with the second in the same case and its noun left out.
    const frames: Array<[string, (anchor: string, name: string) => string]> = [
      ['nominative', (a, n) => `Під обстріл потрапили ${a}а громада та ${n}а.`],
      ['genitive', (a, n) => `Жителі ${a}ої громади та ${n}ої зазнали обстрілів.`],
      ['locative', (a, n) => `Вибухи пролунали у ${a}ій громаді та у ${n}ій.`],
      ['accusative', (a, n) => `Ворог обстріляв ${a}у громаду і ${n}у.`],
      ['instrumental', (a, n) => `Противник вдарив за ${a}ою громадою та ${n}ою.`],
    ];

    it('is found in every case for every hromada whose name is unique in its oblast', () => {
      const missed: string[] = [];
      for (const hromada of listHromadas()) {
        const inOblast = listHromadas(hromada.oblast);
        if (inOblast.filter((other) => other.nameUk === hromada.nameUk).length > 1) continue;
        const anchor = inOblast.find((other) => other !== hromada && !/[\s-]/.test(other.nameUk));
        if (!anchor) continue;
        for (const [caseName, frame] of frames) {
          const text = frame(anchor.nameUk.slice(0, -1), hromada.nameUk.slice(0, -1));
          const found = findCommunities(text, hromada.oblast).some((m) => m.community === hromada.katottg);
          if (!found) missed.push(`${hromada.nameUk} (${caseName})`);
        }
      }
      assert.deepEqual(missed, []);
    });
  });
});
