import assert from 'node:assert/strict';
import { extractReports } from '../../domain/extraction/extract-reports.js';
import { readCasualties } from '../../domain/extraction/read-casualties.js';
import { scanText } from '../../domain/extraction/scan-text.js';

function casualtiesIn(text: string) {
  const tokens = scanText(text);
  return readCasualties(tokens, 0, tokens.length)
    .filter((p) => p.strength !== 'unnumbered')
    .map((p) => [p.metric, p.value]);
}

function casualtiesOf(text: string) {
  const [report] = extractReports({ text, publishedAt: new Date('2025-03-08T07:00:00Z') });
  return { injured: report?.metrics.injured?.value ?? null, killed: report?.metrics.killed?.value ?? null };
}

describe('casualty statements', () => {
  it('counts victims listed one by one, and not their ages', () => {
    assert.deepEqual(casualtiesIn('Внаслідок удару поранені 52-річний чоловік та 67-річна жінка.'), [
      ['injured', 2],
    ]);
    assert.deepEqual(casualtiesIn('В районе ранения получили мужчина и женщина.'), [['injured', 2]]);
    assert.deepEqual(casualtiesIn('A 71-year-old man and his 68-year-old wife were killed.'), [
      ['killed', 2],
    ]);
    assert.deepEqual(casualtiesIn('Поранені чоловік 45 років і жінка 60 років.'), [['injured', 2]]);
  });

  it('keeps one victim beside a thing in the same list', () => {
    assert.deepEqual(casualtiesIn('У селі поранено жінку та пошкоджено будинок.'), [['injured', 1]]);
  });

  it('reads a count across ages, appositions and subset clauses between the numeral and the verb', () => {
    assert.deepEqual(
      casualtiesIn('Двоє чоловіків 41 та 57 років, працівники агрофірми, загинули на місці.'),
      [['killed', 2]],
    );
    assert.deepEqual(casualtiesIn('Five people, including a 9-year-old girl, were injured.'), [
      ['injured', 5],
    ]);
  });

  it('does not take a line-broken date for a count', () => {
    assert.deepEqual(casualtiesIn('Russian attacks on Oct.\n26 killed one civilian.'), [['killed', 1]]);
  });

  it('reads "без жертв" and "жертв немає" as both zeros, and missing information as unknown', () => {
    assert.deepEqual(casualtiesIn('Жертв та руйнувань немає.'), [
      ['injured', 0],
      ['killed', 0],
    ]);
    assert.deepEqual(
      casualtiesIn('Інформація про загиблих та поранених серед населення не зафіксована.'),
      [],
    );
    // Counter-example: without the information noun, "не зафіксовано" is a zero.
    assert.deepEqual(casualtiesIn('Загиблих та поранених серед населення не зафіксовано.'), [
      ['killed', 0],
      ['injured', 0],
    ]);
  });
});

describe('the day casualty figure of a report', () => {
  it('adds up the victims of incidents in different places when no total is given', () => {
    const text =
      'Минулої доби окупанти обстріляли три райони Харківщини.\n' +
      'У Золочеві загинули двоє чоловіків.\n' +
      'Крім того, внаслідок удару по Куп’янську загинула жінка.';
    assert.deepEqual(casualtiesOf(text), { injured: null, killed: 3 });
  });

  it('does not let an incident zero cancel victims elsewhere', () => {
    const text =
      'Минулої доби ворог 12 разів обстріляв Харківщину.\n' +
      'О 20:10 обстріляно село Гоптівка. Без постраждалих.\n' +
      'У Слатиному поранено двох чоловіків.';
    assert.deepEqual(casualtiesOf(text), { injured: 2, killed: null });
  });

  it('keeps the day summary over an incident restated in the body', () => {
    const text =
      'На Миколаївщині за минулу добу поранено трьох людей.\n' +
      '«У Очакові поранено чоловіка», — повідомив Кім.';
    assert.deepEqual(casualtiesOf(text).injured, 3);
  });

  it('takes the dead off the casualties that include them', () => {
    const text = 'Уночі ворог атакував Одесу. Постраждали шестеро людей. Одна з них загинула.';
    assert.deepEqual(casualtiesOf(text), { injured: 5, killed: 1 });
  });

  it('ignores a nationwide toll since the invasion', () => {
    const text =
      'Впродовж минулої доби ворог завдав 296 ударів по Запорізькій області. Поранено двох людей.\n' +
      'Від початку вторгнення в Україні загинули 12 300 цивільних, ще 27 800 поранені.';
    assert.deepEqual(casualtiesOf(text), { injured: 2, killed: null });
  });

  it('reads victims "в лікарні" as the injured when nothing else counts them', () => {
    const text = 'Протягом дня ворог 19 разів обстріляв Сумщину. Одна людина загинула, ще двоє – в лікарні.';
    assert.deepEqual(casualtiesOf(text), { injured: 2, killed: 1 });
  });

  it('leaves the day unknown when a zero closes one timed incident and another says nothing of victims', () => {
    const incidents =
      'Over the past day, Russian troops shelled 14 settlements in Kharkiv Oblast.\n' +
      'At 10:20, a drone hit a garage in Kupiansk. No one was injured.\n';
    assert.deepEqual(
      casualtiesOf(incidents + 'At 18:40, a shell damaged a house in Vovchansk.').injured,
      null,
    );
    // Counter-example: the other incident has its own statement, so the zeros cover the day.
    assert.deepEqual(
      casualtiesOf(incidents + 'At 18:40, a shell damaged a house in Vovchansk. There were no casualties.')
        .injured,
      0,
    );
  });

  it('sets aside a recalled earlier story', () => {
    const text =
      'За минулу добу ворог 64 рази обстріляв Херсонську область. Поранено трьох людей.\n' +
      'Нагадуємо, що напередодні в Херсоні загинула жінка.';
    assert.deepEqual(casualtiesOf(text), { injured: 3, killed: null });
  });
});
