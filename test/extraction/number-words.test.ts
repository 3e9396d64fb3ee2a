import assert from 'node:assert/strict';
import { parseNumberAt } from '../../domain/extraction/number-words.js';
import { scanText } from '../../domain/extraction/scan-text.js';

/** Parses the number phrase at the start of `text`. */
function readNumber(text: string) {
  return parseNumberAt(scanText(text), 0);
}

describe('parseNumberAt', () => {
  describe('digits', () => {
    it('reads plain digits', () => {
      assert.equal(readNumber('283 explosions')?.value, 283);
    });

    it('reads thousands grouped by a space, a no-break space or a comma', () => {
      assert.equal(readNumber('1 234 вибухи')?.value, 1234);
      assert.equal(readNumber('122\u00a0883 servicemen')?.value, 122883);
      assert.equal(readNumber('4,000 residents')?.value, 4000);
    });

    it('does not read clock times, decimals, ages or calibres as counts', () => {
      for (const text of [
        '06.00 23 вересня',
        '21:26 по 21:28',
        '3,5-річну',
        '63-річний',
        '120-mm mortar',
        '24hrs',
      ]) {
        assert.equal(readNumber(text), undefined, text);
      }
    });
  });

  describe('Ukrainian and Russian number words in their case forms', () => {
    const cases: Array<[string, number]> = [
      ['одну людину', 1],
      ['одного мешканця', 1],
      ['дві людини', 2],
      ['двох мешканок', 2],
      ['двоє людей', 2],
      ['трьох', 3],
      ['четверо цивільних', 4],
      ['чотирьох громадах', 4],
      ["п'ять громад", 5],
      ["п'ятеро", 5],
      ['шістьох громад', 6],
      ['семеро дітей', 7],
      ['вісім', 8],
      ["дев'ять вибухів", 9],
      ['дванадцяти випадках', 12],
      ["п'ятнадцять", 15],
      ["двадцять п'ять", 25],
      ['сто двадцять три', 123],
      ['пятеро', 5],
      ['девять человек', 9],
      ['семь обстрелов', 7],
      ['четыре раза', 4],
      ["п'ятдесят обстрілів", 50],
      ['шістдесят вибухів', 60],
      ['сімдесят разів', 70],
      ['вісімдесят снарядів', 80],
      ['вісімдесяти населених пунктах', 80],
      ["п'ятдесятьма", 50],
      ['сімдесят чотири', 74],
      ['сорока двох', 42],
      ["дев'яноста", 90],
      ['шістсот', 600],
      ['сімсот сорок', 740],
      ["дев'ятсот", 900],
      ['восемьсот', 800],
      ['семьсот двадцать', 720],
      ['шестидесяти', 60],
    ];
    for (const [text, value] of cases) {
      it(`reads "${text}" as ${value}`, () => {
        assert.equal(readNumber(text)?.value, value);
      });
    }
  });

  describe('English number words', () => {
    const cases: Array<[string, number]> = [
      ['four communities', 4],
      ['nine explosions', 9],
      ['eleven', 11],
      ['twenty-five', 25],
      ['fifty times', 50],
      ['one hundred and twelve', 112],
      ['two hundred forty-five', 245],
    ];
    for (const [text, value] of cases) {
      it(`reads "${text}" as ${value}`, () => {
        assert.equal(readNumber(text)?.value, value);
      });
    }
  });

  describe('multiplicatives and groups', () => {
    it('reads "двічі", "тричі", "twice" and "дважды" as counts of times', () => {
      for (const [text, value] of [
        ['двічі', 2],
        ['тричі', 3],
        ['twice', 2],
        ['дважды', 2],
        ['once', 1],
      ] as const) {
        const parsed = readNumber(text);
        assert.equal(parsed?.value, value, text);
        assert.equal(parsed?.multiplicative, true, text);
      }
    });

    it('multiplies a count by a group word: "два десятки" is 20', () => {
      const parsed = readNumber('два десятки разів');
      assert.equal(parsed?.value, 20);
      assert.equal(parsed?.last, 1);
    });

    it('reads "a dozen and a half" as 18 and marks a bare group word as vague', () => {
      const parsed = readNumber('a dozen and a half shells');
      assert.equal(parsed?.value, 18);
      assert.equal(parsed?.vague, true);
      assert.equal(readNumber('сотні прильотів')?.vague, true);
    });

    it('reads "півтори сотні" as 150 and "дві тисячі" as 2000', () => {
      assert.equal(readNumber('півтори сотні обстрілів')?.value, 150);
      assert.equal(readNumber('дві тисячі вибухів')?.value, 2000);
    });

    it('reads nothing from ordinary words', () => {
      for (const text of ['громада', 'attacks', 'the', 'п’ятниця'])
        assert.equal(readNumber(text), undefined, text);
    });
  });
});
