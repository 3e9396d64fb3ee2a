import assert from 'node:assert/strict';
import { findDateMentions } from '../../domain/extraction/read-dates.js';
import { resolveReportDate } from '../../domain/extraction/resolve-report-date.js';
import { findWindowMentions } from '../../domain/extraction/read-window.js';
import { scanText } from '../../domain/extraction/scan-text.js';
import { extractReports } from '../../domain/extraction/extract-reports.js';

function windowOf(text: string): string | undefined {
  const tokens = scanText(text);
  return findWindowMentions(tokens, 0, tokens.length)[0]?.kind;
}

function dateOf(text: string, publishedAt: string): string | null {
  const tokens = scanText(text);
  const window = findWindowMentions(tokens, 0, tokens.length)[0];
  return resolveReportDate({
    mentions: findDateMentions(tokens),
    window: window?.kind ?? 'past_24h',
    pointsBack: window?.pointsBack ?? false,
    yesterday: false,
    publishedAt: new Date(publishedAt),
  });
}

describe('report windows', () => {
  const cases: Array<[string, string]> = [
    ['Протягом доби росіяни здійснили 11 обстрілів', 'past_24h'],
    ['За минулу добу противник здійснив 63 обстріли', 'past_24h'],
    ['Упродовж доби окупанти завдали 487 ударів', 'past_24h'],
    ['over the past 24 hours', 'past_24h'],
    ['За прошедшие сутки враг совершил 72 обстрела', 'past_24h'],
    ['Протягом дня росіяни здійснили 47 обстрілів', 'day'],
    ['впродовж дня агресор атакував', 'day'],
    ['throughout the day', 'day'],
    ['В течение дня россияне совершили семь обстрелов', 'day'],
    ['Вночі і зранку росіяни здійснили 6 атак', 'night_and_morning'],
    ['At night and in the morning, the Russians carried out 6 attacks', 'night_and_morning'],
    ['Вночі агресор двічі обстріляв Нікопольщину', 'night'],
    ['у ніч проти 27 лютого', 'night'],
    ['over the past week, russian troops fired 56 times', 'week'],
  ];
  for (const [text, kind] of cases) {
    it(`reads "${text}" as ${kind}`, () => {
      assert.equal(windowOf(text), kind);
    });
  }
});

describe('report dates in Europe/Kyiv', () => {
  it('takes an explicit date over the publication date', () => {
    assert.equal(
      dateOf('Russian forces attacked four communities on Oct. 28', '2023-10-29T09:00:00Z'),
      '2023-10-28',
    );
  });

  it('reads the year written after the date', () => {
    assert.equal(dateOf('станом на 21:00 28 серпня 2024 року', '2025-01-01T09:00:00Z'), '2024-08-28');
  });

  it('moves a morning cut-off ("станом на 06.00 23 вересня") to the day before', () => {
    assert.equal(
      dateOf('Обстановка за добу станом на 06.00 23 вересня 2023', '2023-09-23T05:00:00Z'),
      '2023-09-22',
    );
  });

  it('ignores a same-morning incident date ("Вранці 20 листопада") and dates the tally by its window', () => {
    const [report] = extractReports({
      text:
        'Вранці 20 листопада ворог обстріляв село на Харківщині. ' +
        'Протягом минулої доби під вогнем опинилися 18 населених пунктів Харківської області.',
      publishedAt: new Date('2023-11-20T07:00:00Z'),
    });
    assert.equal(report?.date, '2023-11-19');
    assert.equal(report?.metrics.settlements?.value, 18);
  });

  it('dates a morning "за минулу добу" post to the previous Kyiv day', () => {
    assert.equal(dateOf('За минулу добу росіяни 69 разів обстріляли', '2023-07-14T06:00:00Z'), '2023-07-13');
  });

  it('dates a "протягом дня" post to the publication Kyiv day', () => {
    assert.equal(dateOf('Протягом дня росіяни здійснили 4 обстріли', '2024-04-13T18:30:00Z'), '2024-04-13');
  });

  it('uses the Kyiv date, not the UTC date, shortly after Kyiv midnight', () => {
    // 22:30 UTC on 30 March 2024 is 00:30 on 31 March in Kyiv (still winter time, UTC+2).
    assert.equal(dateOf('Протягом дня росіяни здійснили 4 обстріли', '2024-03-30T22:30:00Z'), '2024-03-31');
  });

  it('handles the night the clocks go back: 03:30 Kyiv on 27 October 2024 covers 26 October', () => {
    // 00:30 UTC is 03:30 EEST, half an hour before the switch back to EET.
    assert.equal(
      dateOf('За минулу добу противник здійснив 50 обстрілів', '2024-10-27T00:30:00Z'),
      '2024-10-26',
    );
  });

  it('places a bare "за середу, 27 листопада" by its weekday when the publication date is unknown', () => {
    assert.equal(dateOf('у зведенні за середу, 27 листопада', 'invalid'), '2024-11-27');
  });

  it('reads a dotted date with its year ("станом на 06.00 23.09.2023") as a morning cut-off', () => {
    assert.equal(
      dateOf('Обстановка за добу станом на 06.00 23.09.2023', '2023-09-30T06:00:00Z'),
      '2023-09-22',
    );
  });

  it('returns null when neither the text nor the publication time gives a date', () => {
    assert.equal(dateOf('Протягом дня росіяни здійснили 4 обстріли', 'invalid'), null);
  });

  it('puts a late-December date read in January into the previous year', () => {
    assert.equal(dateOf('За 30 грудня росіяни обстріляли область', '2025-01-02T08:00:00Z'), '2024-12-30');
  });
});

describe('corrections', () => {
  it('marks "за уточненою інформацією" as a correction of the same region and date', () => {
    const [report] = extractReports({
      text: 'За уточненою інформацією, протягом минулої доби окупанти завдали 533 удари по 24 населених пунктах Запорізької області.',
      publishedAt: new Date('2025-05-30T09:30:00Z'),
    });
    assert.equal(report?.isCorrection, true);
    assert.equal(report?.region, 'zaporizhzhia');
    assert.equal(report?.date, '2025-05-29');
    assert.equal(report?.metrics.attacks?.value, 533);
  });

  it('does not mark an ordinary report as a correction', () => {
    const [report] = extractReports({
      text: 'Протягом дня росіяни здійснили 4 обстріли прикордонних територій Сумської області.',
      publishedAt: new Date('2024-04-13T18:30:00Z'),
    });
    assert.equal(report?.isCorrection, false);
  });
});
