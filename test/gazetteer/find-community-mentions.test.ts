import assert from 'node:assert/strict';
import { findCommunityMentions } from '../../domain/gazetteer/find-community-mentions.js';
import { getHromada } from '../../domain/gazetteer/hromadas.js';

function names(text: string, region: string): string[] {
  return findCommunityMentions(text, region).map(
    (mention) => `${mention.mention}=${getHromada(mention.community)?.nameUk ?? '?'}`,
  );
}

describe('findCommunityMentions', () => {
  it('finds a Ukrainian list of adjectives that ends in "громади"', () => {
    assert.deepEqual(names('Обстрілів зазнали Хотінська, Юнаківська та Середино-Будська громади.', 'sumy'), [
      'Хотінська=Хотінська',
      'Юнаківська=Юнаківська',
      'Середино-Будська=Середино-Будська',
    ]);
  });

  it('finds a list that "громад ...:" opens', () => {
    assert.deepEqual(
      names('Під ударом чотири громади області: Краснопільська, Білопільська і Шалигінська.', 'sumy'),
      ['Краснопільська=Краснопільська', 'Білопільська=Білопільська', 'Шалигінська=Шалигинська'],
    );
  });

  it('finds a list that a community noun and a dash open', () => {
    assert.deepEqual(
      names('Ворог атакував три громади — Миропільська, Хотінська та Середино-Будська.', 'sumy'),
      ['Миропільська=Миропільська', 'Хотінська=Хотінська', 'Середино-Будська=Середино-Будська'],
    );
  });

  it('reads a list whose items carry bracketed notes', () => {
    assert.deepEqual(
      names(
        'Вибухи пролунали у Хотінській (4 вибухи), Юнаківській (2) та Білопільській (1) громадах.',
        'sumy',
      ),
      ['Хотінській=Хотінська', 'Юнаківській=Юнаківська', 'Білопільській=Білопільська'],
    );
    assert.deepEqual(names('Shelling hit the Esman (6 explosions) and Svesa (2) communities.', 'sumy'), [
      'Esman=Есманьська',
      'Svesa=Свеська',
    ]);
  });

  it('does not take a lone adjective for a hromada', () => {
    assert.deepEqual(names('Краснопільська вулиця, Сумська область, Сумська ОВА.', 'sumy'), []);
  });

  it('reads the case forms and the hyphen written in lower case', () => {
    assert.deepEqual(names('по Юнаківській громаді; у Середино-будській громаді', 'sumy'), [
      'Юнаківській=Юнаківська',
      'Середино-будській=Середино-Будська',
    ]);
  });

  it('finds centres named alone, including two-word ones', () => {
    assert.deepEqual(names('Удари по Нікополю, Марганецьку громаду обстріляли.', 'dnipropetrovsk'), [
      'Нікополю=Нікопольська',
      'Марганецьку=Марганецька',
    ]);
    assert.deepEqual(names('shelling of Velyka Pysarivka and Seredyna-Buda', 'sumy'), [
      'Velyka Pysarivka=Великописарівська',
      'Seredyna-Buda=Середино-Будська',
    ]);
  });

  it('finds English outlet forms: Russian-derived adjectives and hromada nouns', () => {
    assert.deepEqual(names('Belopolskaya, Miropolskaya and Konotop communities were shelled', 'sumy'), [
      'Belopolskaya=Білопільська',
      'Miropolskaya=Миропільська',
      'Konotop=Конотопська',
    ]);
    assert.deepEqual(names('In the Bilopilska community and Khotin hromada', 'sumy'), [
      'Bilopilska=Білопільська',
      'Khotin=Хотінська',
    ]);
  });

  it('takes back-formed names only inside a "communities of" list', () => {
    assert.deepEqual(names('The communities of Khotin, Hlukhivka and Esman were targeted.', 'sumy'), [
      'Khotin=Хотінська',
      'Hlukhivka=Глухівська',
      'Esman=Есманьська',
    ]);
    assert.deepEqual(names('Near Hlukhivka a man was hurt.', 'sumy'), []);
  });

  it('skips the oblast name and "district"', () => {
    assert.deepEqual(names('Sumy Oblast: the Sumy district and Konotop district were hit', 'sumy'), []);
  });

  it('needs a "громада" noun for centres that are everyday words', () => {
    assert.deepEqual(names('Нове життя. Мирне небо.', 'zaporizhzhia'), []);
    assert.deepEqual(names('Мирненська громада', 'zaporizhzhia'), ['Мирненська=Мирненська']);
  });

  it('keeps to the region it is given', () => {
    assert.deepEqual(names('Білопільська громада', 'kharkiv'), []);
  });

  it('gives a name two hromadas of the oblast share to the one in the district of the other names', () => {
    const codes = (text: string) => findCommunityMentions(text, 'zaporizhzhia').map((m) => m.community);
    const nearVilniansk = codes('Обстріляно Вільнянську, Михайлівську та Матвіївську громади.');
    const nearVasylivka = codes('Обстріляно Василівську, Михайлівську та Степногірську громади.');
    assert.equal(nearVilniansk[1]?.slice(0, 6), 'UA2306');
    assert.equal(nearVasylivka[1]?.slice(0, 6), 'UA2304');
    assert.equal(getHromada(nearVilniansk[1] ?? '')?.nameUk, 'Михайлівська');
    assert.equal(getHromada(nearVasylivka[1] ?? '')?.nameUk, 'Михайлівська');
  });

  it('reports spans that slice back to the mention', () => {
    const text = 'Вночі ворог атакував Білопільську громаду.';
    const [mention] = findCommunityMentions(text, 'sumy');
    assert.ok(mention);
    assert.equal(text.slice(mention.start, mention.end), 'Білопільську');
    assert.equal(mention.kind, 'adjective');
  });
});
