import assert from 'node:assert/strict';
import { EXTRACTOR_VERSION, extractReports } from '../../domain/extraction/extract-reports.js';
import { getHromada } from '../../domain/gazetteer/hromadas.js';

const EVENING = new Date('2024-05-14T18:30:00Z');

function extract(text: string, publishedAt = EVENING, title: string | null = null) {
  return extractReports({ text, title, publishedAt });
}

describe('extractReports', () => {
  describe('when the text is not a daily strike tally', () => {
    const negatives: Array<[string, string]> = [
      [
        'Mediazona soldier deaths',
        'Mediazona has confirmed the names of 98 473 Russian soldiers killed in the war.',
      ],
      [
        'equipment losses',
        'Загальні бойові втрати противника: танків — 7 982 (+14) од., артилерійських систем — 13 744 (+52).',
      ],
      ['evacuations', 'З Покровського району за добу евакуйовано 214 людей, у тому числі 19 дітей.'],
      [
        'power outages',
        'Over 9,000 households in Kharkiv Oblast were left without power after Russian strikes.',
      ],
      ['a monthly total', 'У березні росіяни обстріляли Сумщину 2 134 рази.'],
      ['air-defence shoot-downs', 'Над Миколаївщиною сили ППО збили 12 ворожих БпЛА.'],
      ['a rising toll after one strike', 'Кількість постраждалих внаслідок удару по Запоріжжю зросла до 42.'],
    ];
    negatives.push([
      'a shoot-down report that names the crews of several communities',
      'Air defence destroyed 11 of the 16 attack drones launched at Kharkiv Oblast overnight. Mobile fire groups of four communities helped repel the attack.',
    ]);
    negatives.push([
      'a Ukrainian shoot-down report with the communities that took part',
      'Вночі над Полтавщиною знешкоджено 9 із 12 дронів. У відбитті атаки брали участь вогневі групи трьох громад.',
    ]);
    negatives.push([
      'a General Staff front-line report',
      "На Куп'янському напрямку ворог 12 разів атакував позиції наших захисників поблизу Куп'янська.",
    ]);
    for (const [kind, text] of negatives) {
      it(`yields nothing for ${kind}`, () => {
        assert.deepEqual(extract(text), []);
      });
    }
  });

  it('gives every figure its evidence span, the source word as its term and the extractor version', () => {
    const text =
      'Протягом дня росіяни здійснили 47 обстрілів прикордонних територій Сумської області. Зафіксовано 183 вибухи.';
    const [report] = extract(text);
    assert.ok(report);
    const attacks = report.metrics.attacks;
    assert.ok(attacks);
    assert.equal(text.slice(attacks.evidence.start, attacks.evidence.end), '47 обстрілів');
    assert.equal(attacks.term, 'обстрілів');
    assert.equal(report.metrics.explosions?.value, 183);
    assert.equal(report.metrics.injured, null, 'an unstated figure is null, never 0');
    assert.equal(report.extractorVersion, EXTRACTOR_VERSION);
  });

  it('marks a figure from the headline with field "title"', () => {
    const [report] = extract(
      'Про це повідомила Сумська ОВА.',
      EVENING,
      'Окупанти 38 разів обстріляли Сумщину',
    );
    assert.equal(report?.metrics.attacks?.value, 38);
    assert.equal(report?.metrics.attacks?.evidence.field, 'title');
  });

  it('splits a national round-up into one report per region with only that region’s figures', () => {
    const text = [
      'Russian attacks killed six civilians across Ukraine over the past day.',
      'In Kherson Oblast, Russian forces carried out 96 attacks, firing 480 shells. Three people were killed.',
      'In Zaporizhzhia Oblast, Russian troops launched 402 strikes on 16 settlements, injuring two people.',
    ].join('\n');
    const reports = extract(text, new Date('2024-09-12T07:00:00Z'));
    const kherson = reports.find((r) => r.region === 'kherson');
    const zaporizhzhia = reports.find((r) => r.region === 'zaporizhzhia');
    assert.equal(kherson?.metrics.attacks?.value, 96);
    assert.equal(kherson?.metrics.killed?.value, 3);
    assert.equal(kherson?.metrics.settlements, null);
    assert.equal(zaporizhzhia?.metrics.attacks?.value, 402);
    assert.equal(zaporizhzhia?.metrics.killed, null);
    assert.equal(zaporizhzhia?.metrics.injured?.value, 2);
  });

  it('gives the country-wide totals of a round-up to no region, even from a headline that names none', () => {
    const text = [
      'Russian strikes left nine dead and 31 wounded nationwide over the past day, officials said.',
      'In Mykolaiv Oblast, two people were wounded in Ochakiv, Governor Vitalii Kim said.',
      'In Kharkiv Oblast, Russian forces shelled 17 settlements, killing three people.',
    ].join('\n');
    const reports = extract(
      text,
      new Date('2024-10-03T06:00:00Z'),
      'Russian strikes kill 9, wound 31 in a day',
    );
    const mykolaiv = reports.find((r) => r.region === 'mykolaiv');
    const kharkiv = reports.find((r) => r.region === 'kharkiv');
    assert.equal(mykolaiv?.metrics.injured?.value, 2);
    assert.equal(mykolaiv?.metrics.killed, null);
    assert.equal(kharkiv?.metrics.killed?.value, 3);
    assert.equal(kharkiv?.metrics.injured, null);
  });

  it('reads "in N regions" and "по всій країні" as the whole country', () => {
    const text =
      'Загалом за добу росіяни поранили 40 людей у дев’яти областях. Херсонщина: ворог здійснив 61 обстріл, поранено 6 людей.';
    const [report] = extract(text, new Date('2024-10-03T06:00:00Z'));
    assert.equal(report?.region, 'kherson');
    assert.equal(report?.metrics.injured?.value, 6);
    assert.equal(report?.metrics.attacks?.value, 61);
  });

  it('keeps a headline’s figures when the body is about one region only', () => {
    const [report] = extract(
      'In Kharkiv Oblast, Russian forces shelled 17 settlements over the past day.',
      new Date('2024-10-03T06:00:00Z'),
      'Russian attacks kill 2, injure 5 over past day',
    );
    assert.equal(report?.metrics.killed?.value, 2);
    assert.equal(report?.metrics.injured?.value, 5);
  });

  it('takes a raised toll from an update as the figure and marks the report as a correction', () => {
    const text =
      'Russian shelling killed two people and wounded seven in Kharkiv Oblast on May 3; the enemy struck 12 settlements. ' +
      'Updated: the number of dead in Kharkiv Oblast for May 3 has risen to three, the governor said.';
    const [report] = extract(text, new Date('2024-05-04T06:00:00Z'));
    assert.equal(report?.metrics.killed?.value, 3);
    assert.equal(report?.metrics.injured?.value, 7);
    assert.equal(report?.isCorrection, true);
  });

  it('keeps the day’s count when a raised toll belongs to an earlier strike and nothing is updated', () => {
    const text =
      'Over the past day, Russian forces attacked Odesa Oblast 12 times, killing two people. ' +
      'The death toll from last week’s strike on the port has risen to 14.';
    const [report] = extract(text, new Date('2024-03-09T06:00:00Z'));
    assert.equal(report?.metrics.killed?.value, 2);
    assert.equal(report?.isCorrection, false);
  });

  it('reads "кількість загиблих зросла до N" in an updated summary as the latest figure', () => {
    const text =
      'Протягом доби ворог 48 разів обстріляв Херсонщину, загинули дві людини. Оновлено: кількість загиблих зросла до 3.';
    const [report] = extract(text);
    assert.equal(report?.metrics.killed?.value, 3);
    assert.equal(report?.metrics.attacks?.value, 48);
  });

  it('does not count a sentence about the previous day', () => {
    const text =
      'Russian forces attacked 10 communities in Sumy Oblast 21 times on April 13, causing 118 explosions. ' +
      'No casualties were reported. The day before, a Russian airstrike on Sumy injured three people.';
    const [report] = extract(text, new Date('2024-04-13T19:00:00Z'));
    assert.equal(report?.metrics.injured?.value, 0);
    assert.equal(report?.date, '2024-04-13');
  });

  it('keeps a community’s figures out of the oblast total and sums its sub-counts', () => {
    const text = [
      'Протягом дня росіяни здійснили 12 обстрілів Сумської області.',
      'Краснопільська громада: артилерія (21 вибух), міномет (9 вибухів).',
      'Білопільська громада: удар КАБ (2 вибухи).',
    ].join('\n');
    const [report] = extract(text);
    assert.ok(report);
    assert.equal(report.metrics.explosions, null);
    const krasnopillia = report.perCommunity.find(
      (c) => getHromada(c.community)?.nameUk === 'Краснопільська',
    );
    assert.equal(krasnopillia?.explosions?.value, 30);
    assert.deepEqual(krasnopillia?.weapons, ['artillery', 'mortar']);
    const bilopillia = report.perCommunity.find((c) => getHromada(c.community)?.nameUk === 'Білопільська');
    assert.equal(bilopillia?.explosions?.value, 2);
  });

  it('returns to the region after a breakdown when a sentence names the region again', () => {
    const text =
      "Новгород-Сіверська громада: 12 вибухів у напрямку н.п. Грем'яч. Протягом доби зафіксовано 40 вибухів на Чернігівщині.";
    const [report] = extract(text, new Date('2024-05-05T06:00:00Z'));
    assert.equal(report?.region, 'chernihiv');
    assert.equal(report?.metrics.explosions?.value, 40);
  });

  describe('per-community breakdowns', () => {
    function tallyOf(text: string, nameUk: string) {
      const [report] = extract(text);
      return report?.perCommunity.find((c) => getHromada(c.community)?.nameUk === nameUk);
    }

    it('adds a community’s later sentences in the same paragraph to its figure', () => {
      const text =
        'Russian forces fired 15 times at Sumy Oblast during the day, with 40 explosions recorded.\n' +
        'Velyka Pysarivka hromada was attacked with mortars, with six explosions. There was also one UAV explosion.\n' +
        'The Russians dropped three bombs on Esman hromada.';
      assert.equal(tallyOf(text, 'Великописарівська')?.explosions?.value, 7);
      assert.equal(tallyOf(text, 'Есманьська')?.explosions ?? null, null);
    });

    it('gives "N explosions in each area" to every community of the sentence', () => {
      const text =
        'Russian forces attacked 10 communities in Sumy Oblast 21 times, causing 118 explosions. ' +
        'The Bilopillia and Seredyna-Buda communities suffered the heaviest attacks, with 26 explosions in each area.';
      assert.equal(tallyOf(text, 'Білопільська')?.explosions?.value, 26);
      assert.equal(tallyOf(text, 'Середино-Будська')?.explosions?.value, 26);
    });

    it('gives each community the figure just before its name: "тричі обстріляв X ... двічі атакував Y"', () => {
      const text =
        'Протягом доби ворог тричі обстріляв Хотінську громаду з мінометів і двічі атакував Юнаківську громаду дронами. Загалом п’ять обстрілів на Сумщині.';
      assert.equal(tallyOf(text, 'Хотінська')?.attacks?.value, 3);
      assert.equal(tallyOf(text, 'Юнаківська')?.attacks?.value, 2);
    });

    it('reads a community named without its noun after a dash ("та один раз — Хотінську")', () => {
      const text =
        'За добу противник 4 рази атакував Білопільську громаду та один раз — Хотінську. Загалом 5 атак по Сумщині.';
      assert.equal(tallyOf(text, 'Білопільська')?.attacks?.value, 4);
      assert.equal(tallyOf(text, 'Хотінська')?.attacks?.value, 1);
      const withPreposition =
        'На Сумщині зафіксовано 14 вибухів. Найбільше ударів зазнала Миропільська громада - атака дронів (3 вибухи), міномет (4 вибухи) та у Юнаківській - артилерія (5 вибухів).';
      assert.equal(tallyOf(withPreposition, 'Миропільська')?.explosions?.value, 7);
      assert.equal(tallyOf(withPreposition, 'Юнаківська')?.explosions?.value, 5);
    });

    it('gives a figure about two places jointly to neither of them', () => {
      const text =
        'Протягом доби на Сумщині зафіксовано 30 обстрілів. Окупанти завдали 8 ударів по Кучерівці та Хотіню.';
      const [report] = extract(text);
      assert.equal(report?.metrics.attacks?.value, 30);
      assert.ok(report?.perCommunity.every((c) => c.attacks === null));
    });

    it('gives a community the clause that ends in its name after the region’s own clause', () => {
      const text =
        'Russian troops shelled Chernihiv Oblast 11 times, with 27 explosions recorded in the Semenivka community.';
      const [report] = extract(text);
      assert.equal(report?.metrics.attacks?.value, 11);
      const semenivka = report?.perCommunity.find((c) => getHromada(c.community)?.nameUk === 'Семенівська');
      assert.equal(semenivka?.explosions?.value, 27);
      assert.equal(semenivka?.attacks ?? null, null);
    });

    it('reports one victim in one community although another community had none there', () => {
      const text = [
        'Про ситуацію на Сумщині повідомили в ОВА.',
        'Вчора, 12 березня, двічі (о 8:10 та 17:45) ворог обстрілював з мінометів околиці Хотінської громади. Постраждалих там немає.',
        'Також під ударами дронів була Юнаківська громада: поранено 40-річну жінку.',
      ].join('\n');
      const [report] = extract(text, new Date('2024-03-13T07:00:00Z'));
      assert.equal(report?.region, 'sumy');
      assert.equal(report?.date, '2024-03-12');
      assert.equal(report?.metrics.injured?.value, 1);
      const khotin = report?.perCommunity.find((c) => getHromada(c.community)?.nameUk === 'Хотінська');
      assert.equal(khotin?.attacks?.value, 2);
    });

    it('ends a community’s stretch at a later paragraph with figures of a community it cannot name', () => {
      const text = [
        'Russian forces shelled Sumy Oblast 30 times yesterday, with 120 explosions.',
        'Khotin community: mortar fire (4 explosions). Two houses were damaged.',
        'Sunrise community: artillery shelling (9 explosions).',
      ].join('\n');
      assert.equal(tallyOf(text, 'Хотінська')?.explosions?.value, 4);
    });

    it('keeps a community’s stretch across a paragraph without figures', () => {
      const text = [
        'За добу ворог 12 разів обстріляв Сумщину.',
        'По Хотінській громаді противник бив з артилерії, зафіксовано 5 вибухів.',
        'Пошкоджено два приватні будинки.',
        'Також по громаді били з мінометів - 3 вибухи.',
      ].join('\n');
      assert.equal(tallyOf(text, 'Хотінська')?.explosions?.value, 8);
    });

    it('gives each item of a list the figure in its brackets', () => {
      const text =
        'За добу на Сумщині 11 вибухів. Їх зафіксовано у Хотінській (4 вибухи), Юнаківській (5 вибухів) та Есманьській (2 вибухи) громадах.';
      assert.equal(tallyOf(text, 'Хотінська')?.explosions?.value, 4);
      assert.equal(tallyOf(text, 'Юнаківська')?.explosions?.value, 5);
      assert.equal(tallyOf(text, 'Есманьська')?.explosions?.value, 2);
    });

    it('lists every community named after a shared figure, with no figure of its own', () => {
      const cases: Array<[string, string[]]> = [
        [
          'Russian forces shelled Sumy Oblast five times yesterday, causing 23 explosions in three communities, Khotin, Yunakivka and Myropillia.',
          ['Хотінська', 'Юнаківська', 'Миропільська'],
        ],
        [
          'Russian troops attacked Sumy Oblast 4 times, with 17 explosions recorded in the Esman and Seredyna-Buda communities.',
          ['Есманьська', 'Середино-Будська'],
        ],
        [
          'Протягом доби ворог 9 разів обстріляв чотири громади Сумщини: Глухівську, Есманьську, Березівську та Свеську.',
          ['Глухівська', 'Есманьська', 'Березівська', 'Свеська'],
        ],
      ];
      for (const [text, names] of cases) {
        const [report] = extract(text);
        assert.ok(report, text);
        const listed = report.perCommunity.map((c) => getHromada(c.community)?.nameUk);
        assert.deepEqual(listed, names, text);
        assert.ok(
          report.perCommunity.every((c) => c.attacks === null && c.explosions === null),
          text,
        );
      }
    });

    it('does not give a weapon’s count to the places listed after it', () => {
      const text =
        'Впродовж доби окупанти завдали 487 ударів по 19 населених пунктах Запорізької області. ' +
        '312 БпЛА атакували Гуляйполе, Оріхів та Малу Токмачку, 4 обстріли з РСЗВ накрили Щербаки.';
      const [report] = extract(text);
      assert.ok(report);
      assert.ok(report.perCommunity.every((c) => c.attacks === null && c.explosions === null));
    });
  });

  it('prefers the exact figure to a rounded one anywhere in the text', () => {
    const [report] = extract(
      'За добу майже 700 обстрілів. Впродовж доби окупанти завдали 698 ударів по 21 населеному пункту Запорізької області.',
    );
    assert.equal(report?.metrics.attacks?.value, 698);
    assert.equal(report?.metrics.attacks?.qualifier, 'exact');
  });

  it('keeps a rounded figure with its qualifier when it is the only one', () => {
    const [report] = extract('Окупанти здійснили понад 60 обстрілів по 28 населених пунктах Сумщини.');
    assert.equal(report?.metrics.attacks?.value, 60);
    assert.equal(report?.metrics.attacks?.qualifier, 'more_than');
  });

  it('reads the weapon subtotals', () => {
    const [report] = extract(
      'Упродовж доби окупанти завдали 487 ударів по 19 населених пунктах Запорізької області. ' +
        'Військові РФ здійснили 9 авіаційних ударів, 4 обстріли з РСЗВ та 162 артилерійських удари.',
    );
    assert.deepEqual(
      report?.weapons.map((w) => [w.weapon, w.value?.value]),
      [
        ['aviation', 9],
        ['mlrs', 4],
        ['artillery', 162],
      ],
    );
    assert.equal(report?.metrics.attacks?.value, 487);
  });

  it('finds the region from the official who signs the report when no oblast is named', () => {
    const [report] = extract(
      'Вночі агресор двічі обстріляв Нікопольщину. Загиблих та постраждалих немає. Про це повідомив Сергій Лисак.',
    );
    assert.equal(report?.region, 'dnipropetrovsk');
    assert.equal(report?.window.kind, 'night');
    assert.equal(report?.metrics.attacks?.value, 2);
  });
});
