import assert from 'node:assert/strict';
import { matchCommunity } from '../../domain/gazetteer/match-community.js';

function centreOf(name: string, region?: string): string | null {
  return matchCommunity(name, region)?.centreUk ?? null;
}

describe('matchCommunity', () => {
  describe('Ukrainian names', () => {
    it('tolerates the case endings of the adjective', () => {
      for (const name of [
        'Білопільська громада',
        'Білопільській громаді',
        'Білопільської громади',
        'Білопільську',
      ]) {
        assert.equal(centreOf(name, 'sumy'), 'Білопілля', name);
      }
    });

    it('resolves a centre named in any case to its hromada', () => {
      assert.equal(centreOf('Нікополь', 'dnipropetrovsk'), 'Нікополь');
      assert.equal(centreOf('по Нікополю', 'dnipropetrovsk'), 'Нікополь');
      assert.equal(centreOf('у Юнаківці', 'sumy'), 'Юнаківка');
      assert.equal(centreOf('м. Куп’янськ', 'kharkiv'), 'Куп’янськ');
    });

    it('accepts "сільська", "міська" and "територіальна" between the name and the noun', () => {
      assert.equal(centreOf('Новоолександрівській сільській громаді', 'kherson'), 'Новоолександрівка');
    });

    it('folds і/и spelling differences ("Шалигінська" for the codifier\'s "Шалигинська")', () => {
      assert.equal(centreOf('Шалигінська', 'sumy'), 'Шалигине');
      assert.equal(centreOf('Есманська', 'sumy'), 'Есмань');
    });

    it('reads a note in parentheses as a second name', () => {
      assert.equal(centreOf('Херсон (місто)', 'kherson'), 'Херсон');
    });
  });

  describe('Russian names', () => {
    it('matches Russian adjectives and centres', () => {
      assert.equal(centreOf('Середино-Будская', 'sumy'), 'Середина-Буда');
      assert.equal(centreOf('Эсманьская', 'sumy'), 'Есмань');
      assert.equal(centreOf('Марганецкая', 'dnipropetrovsk'), 'Марганець');
      assert.equal(centreOf('Никополь', 'dnipropetrovsk'), 'Нікополь');
      assert.equal(centreOf('в Очакове', 'mykolaiv'), 'Очаків');
    });
  });

  describe('English names', () => {
    it('matches the official transliteration with "community" or "hromada"', () => {
      assert.equal(centreOf('Bilopillia community', 'sumy'), 'Білопілля');
      assert.equal(centreOf('Bilopillia urban hromada', 'sumy'), 'Білопілля');
      assert.equal(centreOf('the Bilopilska community', 'sumy'), 'Білопілля');
    });

    it('matches transliteration variants', () => {
      assert.equal(centreOf('Bilopillya', 'sumy'), 'Білопілля');
      assert.equal(centreOf('Kupyansk', 'kharkiv'), 'Куп’янськ');
      assert.equal(centreOf('Dobropillya', 'donetsk'), 'Добропілля');
      assert.equal(centreOf('Seredyna Buda', 'sumy'), 'Середина-Буда');
    });

    it('matches Russian-derived outlet forms', () => {
      assert.equal(centreOf('Belopolskaya', 'sumy'), 'Білопілля');
      assert.equal(centreOf('Miropolskaya', 'sumy'), 'Миропілля');
      assert.equal(centreOf('Krasnopolskaya', 'sumy'), 'Краснопілля');
      assert.equal(centreOf('Ochakov', 'mykolaiv'), 'Очаків');
    });

    it('matches names outlets back-form from the adjective ("Hlukhivka" for Hlukhivska)', () => {
      assert.equal(centreOf('Hlukhivka', 'sumy'), 'Глухів');
    });
  });

  describe('renamed centres', () => {
    it('finds the hromada by its former centre, in Ukrainian and English', () => {
      assert.equal(matchCommunity('Druzhba', 'sumy')?.nameUk, 'Дружбівська');
      assert.equal(matchCommunity('Дружба', 'sumy')?.nameUk, 'Дружбівська');
      assert.equal(matchCommunity('Krasnohrad', 'kharkiv')?.nameUk, 'Красноградська');
      assert.equal(matchCommunity('Novomoskovsk', 'dnipropetrovsk')?.nameUk, 'Новомосковська');
    });

    it('finds it by its current centre too', () => {
      assert.equal(matchCommunity('Berestyn', 'kharkiv')?.nameUk, 'Красноградська');
      assert.equal(matchCommunity('Самар', 'dnipropetrovsk')?.nameUk, 'Новомосковська');
    });
  });

  describe('ambiguity', () => {
    it('keeps to the given region', () => {
      assert.equal(matchCommunity('Миколаївська', 'mykolaiv')?.oblast, 'mykolaiv');
      assert.equal(matchCommunity('Миколаївська', 'sumy')?.oblast, 'sumy');
    });

    it('among same-named hromadas of one oblast, prefers the urban one', () => {
      // Nikopol raion has Покровська with its centre in the city of Покров and one in the village of Покровське.
      assert.equal(centreOf('Покровська', 'dnipropetrovsk'), 'Покров');
    });

    it('returns null for names outside the gazetteer', () => {
      assert.equal(matchCommunity('Одеський район', 'odesa'), null);
      assert.equal(matchCommunity('Narnia community', 'sumy'), null);
      assert.equal(matchCommunity('', 'sumy'), null);
    });
  });
});
