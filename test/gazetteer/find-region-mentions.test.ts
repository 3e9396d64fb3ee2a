import assert from 'node:assert/strict';
import { findRegionMentions } from '../../domain/gazetteer/find-region-mentions.js';
import { listRegions } from '../../domain/gazetteer/regions.js';

function summarise(text: string): string[] {
  return findRegionMentions(text).map((mention) => `${mention.region}/${mention.kind}/${mention.form}`);
}

describe('findRegionMentions', () => {
  describe('Ukrainian forms', () => {
    it('recognises the oblast adjective in every case with "область"', () => {
      assert.deepEqual(summarise('Сумська область, Сумської області, Сумській області, Сумську область'), [
        'sumy/oblast/Сумська область',
        'sumy/oblast/Сумської області',
        'sumy/oblast/Сумській області',
        'sumy/oblast/Сумську область',
      ]);
    });

    it('recognises the informal name in its case forms', () => {
      assert.deepEqual(
        summarise('Сумщина, Сумщини, Сумщину, на Сумщині').map((s) => s.split('/')[0]),
        ['sumy', 'sumy', 'sumy', 'sumy'],
      );
    });

    it('marks the administration when "ОВА" or "обласна військова адміністрація" follows', () => {
      assert.deepEqual(summarise('повідомляє Сумська ОВА. Запорізької обласної військової адміністрації'), [
        'sumy/administration/Сумська ОВА',
        'zaporizhzhia/administration/Запорізької обласної військової адміністрації',
      ]);
    });

    it('gives each adjective of a list its region when they share one plural noun', () => {
      assert.deepEqual(summarise('у Сумській та Харківській областях'), [
        'sumy/oblast/Сумській',
        'kharkiv/oblast/Харківській областях',
      ]);
    });

    it('reads the oblast centre as a city mention, not as the oblast', () => {
      assert.deepEqual(summarise('обстріляли м. Суми і Харків'), ['sumy/city/Суми', 'kharkiv/city/Харків']);
    });

    it('does not take a hromada or raion adjective for the oblast itself', () => {
      assert.deepEqual(summarise('Сумська громада, Сумській громаді'), []);
      // A raion lies in the region but is not all of it.
      assert.deepEqual(summarise('Сумський район, Харківського району'), [
        'sumy/raion/Сумський район',
        'kharkiv/raion/Харківського району',
      ]);
    });

    it('understands the abbreviations ХОВА and ДніпроОВА', () => {
      assert.deepEqual(summarise('начальник ХОВА; керівник ДніпроОВА'), [
        'kharkiv/administration/ХОВА',
        'dnipropetrovsk/administration/ДніпроОВА',
      ]);
    });

    it('folds Latin look-alike letters inside Cyrillic words', () => {
      // "Cумської" with a Latin C, as scraped pages sometimes carry.
      assert.deepEqual(
        summarise('\u0043умської області').map((s) => s.split('/')[0]),
        ['sumy'],
      );
    });
  });

  describe('English forms', () => {
    it('recognises Oblast, region and the military administration', () => {
      assert.deepEqual(
        summarise('Sumy Oblast; the Sumy region; Sumy Oblast Military Administration; Sumy RMA'),
        [
          'sumy/oblast/Sumy Oblast',
          'sumy/oblast/Sumy region',
          'sumy/administration/Sumy Oblast Military Administration',
          'sumy/administration/Sumy RMA',
        ],
      );
    });

    it('accepts the spelling variants outlets use', () => {
      const text =
        'Kharkov region, Zaporizhia Oblast, Zaporozhye region, Zaporizhzhia region, Dnipro region, ' +
        'Dnipropetrovsk Oblast, Nikolaev region, Mykolaiv Oblast, Chernigov region, Odessa region';
      assert.deepEqual(
        findRegionMentions(text).map((mention) => mention.region),
        [
          'kharkiv',
          'zaporizhzhia',
          'zaporizhzhia',
          'zaporizhzhia',
          'dnipropetrovsk',
          'dnipropetrovsk',
          'mykolaiv',
          'mykolaiv',
          'chernihiv',
          'odesa',
        ],
      );
    });

    it('splits "Chernihiv and Sumy regions" into two regions', () => {
      assert.deepEqual(
        findRegionMentions('shelled Chernihiv and Sumy regions').map((mention) => mention.region),
        ['chernihiv', 'sumy'],
      );
    });

    it('reads "Sumy city" and a bare "Kharkiv" as the city', () => {
      assert.deepEqual(summarise('Sumy city and Kharkiv'), ['sumy/city/Sumy city', 'kharkiv/city/Kharkiv']);
    });

    it('ignores "Sumy community", "Kyiv Independent" and Russian oblasts', () => {
      assert.deepEqual(
        summarise('the Sumy community, the Kyiv Independent, Sverdlovsk Oblast, Sumyoblenergo'),
        [],
      );
    });

    it('tells Kyiv Oblast from the city of Kyiv', () => {
      assert.deepEqual(summarise('Kyiv Oblast and Kyiv city'), [
        'kyiv/oblast/Kyiv Oblast',
        'kyiv_city/city/Kyiv city',
      ]);
    });
  });

  describe('headline and source-line forms', () => {
    it('reads capitals-only headlines', () => {
      assert.deepEqual(
        findRegionMentions('СУМЩИНА: 100 ОБСТРІЛІВ. SUMY OBLAST UNDER FIRE').map((mention) => mention.region),
        ['sumy', 'sumy'],
      );
    });

    it('reads "Source: Mykolaiv OVA" and a state administration', () => {
      assert.deepEqual(summarise('Source: Mykolaiv OVA. Kherson Regional State Administration'), [
        'mykolaiv/administration/Mykolaiv OVA',
        'kherson/administration/Kherson Regional State Administration',
      ]);
    });
  });

  describe('Russian forms', () => {
    it('recognises adjectives, informal names and the ОВА', () => {
      assert.deepEqual(
        summarise(
          'Сумской области; Харьковщины; Запорожской области; главы Днепропетровской ОВА; Херсонщине',
        ),
        [
          'sumy/oblast/Сумской области',
          'kharkiv/short/Харьковщины',
          'zaporizhzhia/oblast/Запорожской области',
          'dnipropetrovsk/administration/Днепропетровской ОВА',
          'kherson/short/Херсонщине',
        ],
      );
    });
  });

  it('recognises the Russian informal names of the frontline oblasts', () => {
    assert.deepEqual(
      findRegionMentions('Николаевщина, Черниговщины, Донетчине, Днепропетровщину, Одесщина').map(
        (m) => m.region,
      ),
      ['mykolaiv', 'chernihiv', 'donetsk', 'dnipropetrovsk', 'odesa'],
    );
  });

  it('finds every region by its Ukrainian official name', () => {
    for (const region of listRegions()) {
      if (region.nameUk.startsWith('місто') || region.key === 'crimea') continue;
      const found = findRegionMentions(`обстріл: ${region.nameUk}`).map((mention) => mention.region);
      assert.deepEqual(found, [region.key], region.nameUk);
    }
  });

  it('finds every oblast by its English official name', () => {
    for (const region of listRegions()) {
      if (!region.nameEn.endsWith('Oblast')) continue;
      const found = findRegionMentions(`in ${region.nameEn} today`).map((mention) => mention.region);
      assert.deepEqual(found, [region.key], region.nameEn);
    }
  });

  it('finds Kyiv city, Sevastopol and Crimea by their names', () => {
    assert.deepEqual(
      findRegionMentions('місто Київ, Севастополь, Крим, Crimea').map((mention) => mention.region),
      ['kyiv_city', 'sevastopol', 'crimea', 'crimea'],
    );
  });

  describe('raions', () => {
    it('places a raion in its oblast by its informal name, Ukrainian and Russian, in its case forms', () => {
      assert.deepEqual(summarise('обстріляв Нікопольщину; на Куп’янщині; атаковала Купянщину; Шосткинщина'), [
        'dnipropetrovsk/raion/Нікопольщину',
        'kharkiv/raion/Куп’янщині',
        'kharkiv/raion/Купянщину',
        'sumy/raion/Шосткинщина',
      ]);
    });

    it('reads a raion adjective or English root only with a raion noun after it', () => {
      assert.deepEqual(
        summarise('у Нікопольському районі; Никопольский район; the Nikopol district; Shostka Raion'),
        [
          'dnipropetrovsk/raion/Нікопольському районі',
          'dnipropetrovsk/raion/Никопольский район',
          'dnipropetrovsk/raion/Nikopol district',
          'sumy/raion/Shostka Raion',
        ],
      );
      assert.deepEqual(summarise('Нікопольському підприємству; Nikopol residents'), []);
    });

    it('keeps a city district named after a region out of that region', () => {
      assert.deepEqual(summarise("in Kharkiv's Kyivskyi district"), ["kharkiv/city/Kharkiv's"]);
      assert.deepEqual(summarise('the Kharkiv district'), []);
    });
  });

  it('reports spans that slice back to the mention', () => {
    const text = 'Вночі на Сумщині пролунали вибухи';
    const [mention] = findRegionMentions(text);
    assert.ok(mention);
    assert.equal(text.slice(mention.start, mention.end), 'Сумщині');
  });
});
