import assert from 'node:assert/strict';
import {
  deriveHromadaAliases,
  respellPlaceInRussian,
  transliterateRussianStyle,
  transliterateUkrainian,
} from '../../scripts/gazetteer/derive-hromada-aliases.js';

describe('deriveHromadaAliases', () => {
  it('transliterates by the 2010 official system, including zgh and word-initial ye/yi', () => {
    assert.equal(transliterateUkrainian('Згорани'), 'Zghorany');
    assert.equal(transliterateUkrainian('Розгон'), 'Rozghon');
    assert.equal(transliterateUkrainian('Білопільська'), 'Bilopilska');
    assert.equal(transliterateUkrainian('Куп’янська'), 'Kupianska');
  });

  it('spells the adjective the Russian way', () => {
    assert.equal(transliterateRussianStyle('Білопільська'), 'Bilopilskaya');
    assert.equal(transliterateRussianStyle('Есманьська'), 'Esmanskaya');
  });

  it('respells centres by the regular Ukrainian-Russian correspondences', () => {
    assert.equal(respellPlaceInRussian('Очаків'), 'Очаков');
    assert.equal(respellPlaceInRussian('Білопілля'), 'Білополье');
    assert.equal(respellPlaceInRussian('Юнаківка'), 'Юнаковка');
    assert.equal(respellPlaceInRussian('Шалигине'), 'Шалигино');
    assert.equal(respellPlaceInRussian('Веселе'), 'Веселое');
  });

  it('adds the former centre of a renamed hromada and leaves out the English name itself', () => {
    const aliases = deriveHromadaAliases({
      katottg: 'UA59100050000059594',
      name_uk: 'Дружбівська',
      name_en: 'Khutir-Mykhailivskyi',
      center_uk: 'Хутір-Михайлівський',
      center_en: 'Khutir-Mykhailivskyi',
    });
    assert.deepEqual(aliases.aliases_en.slice(0, 3), ['Druzhbivska', 'Druzhbivskaya', 'Druzhba']);
    assert.deepEqual(aliases.aliases_uk, ['Дружба']);
    assert.ok(!aliases.aliases_en.includes('Khutir-Mykhailivskyi'));
  });
});
