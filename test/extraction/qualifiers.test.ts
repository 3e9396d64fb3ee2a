import assert from 'node:assert/strict';
import { readQualifierBefore } from '../../domain/extraction/qualifiers.js';
import { scanText } from '../../domain/extraction/scan-text.js';

/** The qualifier in front of the first digit token in `text`. */
function qualifierOf(text: string): string {
  const tokens = scanText(text);
  const index = tokens.findIndex((token) => token.kind === 'number');
  return readQualifierBefore(tokens, index).qualifier;
}

describe('readQualifierBefore', () => {
  const cases: Array<[string, string]> = [
    ['283 explosions', 'exact'],
    ['At least 283 explosions', 'at_least'],
    ['щонайменше 18 населених пунктів', 'at_least'],
    ['не менше 12 ударів', 'at_least'],
    ['понад 60 обстрілів', 'more_than'],
    ['більше 150 снарядів', 'more_than'],
    ['більш як 50 обстрілів', 'more_than'],
    ['more than 50 times', 'more_than'],
    ['over 700 strikes', 'more_than'],
    ['Более 250 взрывов', 'more_than'],
    ['майже 90 обстрілів', 'almost'],
    ['almost 40 projectiles', 'almost'],
    ['почти 100 взрывов', 'almost'],
    ['близько 15 населених пунктів', 'about'],
    ['приблизно 30 ударів', 'about'],
    ['about 15 settlements', 'about'],
    ['около 20 обстрелов', 'about'],
    ['до 20 ударів', 'up_to'],
    ['up to 20 strikes', 'up_to'],
  ];
  for (const [text, qualifier] of cases) {
    it(`reads "${text}" as ${qualifier}`, () => {
      assert.equal(qualifierOf(text), qualifier);
    });
  }
});
