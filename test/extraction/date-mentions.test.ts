import assert from 'node:assert/strict';
import { findDateMentions, findWeekdayMentions } from '../../domain/extraction/read-dates.js';
import { findOtherDaySentences, opensWithRecall } from '../../domain/extraction/find-other-day-sentences.js';
import { resolveReportDateWithSource, toKyivTime } from '../../domain/extraction/resolve-report-date.js';
import { scanText } from '../../domain/extraction/scan-text.js';
import { splitSentences } from '../../domain/extraction/split-sentences.js';
import { classifySentences } from '../../domain/extraction/scope-sentences.js';
import { extractReports } from '../../domain/extraction/extract-reports.js';

function mentionsOf(text: string): Array<{ day: number; month: number; flags: string }> {
  return findDateMentions(scanText(text)).map((m) => ({
    day: m.day,
    month: m.month,
    flags: [
      m.dateline ? `dateline ${m.dateline.hour}:${m.dateline.minute}` : '',
      m.rangeStartDay !== undefined ? `from ${m.rangeStartDay}` : '',
      m.incident ? 'incident' : '',
      m.morningCutoff ? 'cutoff' : '',
      m.tallyMarked ? 'tally' : '',
    ]
      .filter(Boolean)
      .join(','),
  }));
}

describe('date mentions', () => {
  it('reads a day written as an ordinal word in Ukrainian and Russian', () => {
    assert.deepEqual(mentionsOf("У вівторок, п'ятого липня, ворог"), [{ day: 5, month: 7, flags: '' }]);
    assert.deepEqual(mentionsOf('двадцять третього серпня'), [{ day: 23, month: 8, flags: '' }]);
    assert.deepEqual(mentionsOf('В понедельник, первого сентября'), [{ day: 1, month: 9, flags: '' }]);
  });

  it('does not read an ordinal word without a month as a date', () => {
    assert.deepEqual(mentionsOf("вже п'ятого разу"), []);
  });

  it('reads a date followed at once by a clock time as a dateline', () => {
    assert.deepEqual(mentionsOf('Wednesday, 12 March 2025, 07:10\nRussian forces'), [
      { day: 12, month: 3, flags: 'dateline 7:10' },
    ]);
    assert.deepEqual(mentionsOf('17.10.2025 08:05\nЗа минулу добу'), [
      { day: 17, month: 10, flags: 'dateline 8:5' },
    ]);
  });

  it('does not take an incident time after "о" for a dateline', () => {
    assert.deepEqual(mentionsOf('12 березня о 20:45 ворог атакував'), [{ day: 12, month: 3, flags: '' }]);
  });

  it('dates a night from one day to the next by the morning it ends in', () => {
    assert.deepEqual(mentionsOf('On the night of 4 to 5 July'), [
      { day: 5, month: 7, flags: 'from 4,tally' },
    ]);
    assert.deepEqual(mentionsOf('В ночь с 9 на 10 февраля'), [{ day: 10, month: 2, flags: 'from 9,tally' }]);
    assert.deepEqual(mentionsOf('Overnight on August 21-22'), [{ day: 22, month: 8, flags: 'from 21' }]);
    assert.deepEqual(mentionsOf('З вечора 21 до ранку 22 серпня'), [{ day: 22, month: 8, flags: 'from 21' }]);
  });

  it('dates a span from one morning to the next by its first day', () => {
    const [mention] = findDateMentions(
      scanText('between the morning of February 4 and the morning of February 5'),
    );
    assert.equal(mention?.day, 4);
    assert.equal(mention?.rangeStartDay, 4);
  });

  it('reads "in the morning of February 4" as an incident and "на ранок 11 серпня" as a cut-off', () => {
    assert.deepEqual(mentionsOf('who was injured in the morning of February 4'), [
      { day: 4, month: 2, flags: 'incident' },
    ]);
    assert.deepEqual(mentionsOf('за минулу добу станом на ранок 11 серпня'), [
      { day: 11, month: 8, flags: 'cutoff,tally' },
    ]);
  });

  it('reads a weekday after a night ("в ночь на пятницу", "overnight into Sunday"), not after a bare "на"', () => {
    const weekdays = (text: string): number[] =>
      findWeekdayMentions(scanText(text)).map((mention) => mention.weekday);
    assert.deepEqual(weekdays('В ночь на пятницу оккупанты атаковали'), [5]);
    assert.deepEqual(weekdays('Overnight into Sunday, Russian forces struck'), [7]);
    assert.deepEqual(weekdays('Засідання перенесли на пятницу'), []);
  });

  it('marks "за 7 сентября" as the tally\'s own date', () => {
    assert.deepEqual(mentionsOf('Сводка за 7 сентября'), [{ day: 7, month: 9, flags: 'tally' }]);
  });
});

describe('report date precedence', () => {
  const publishedAt = new Date('2024-03-02T07:00:00Z');

  it('takes a dateline for the publication time: a 02:40 stamp over "past day" is the day before', () => {
    const mentions = findDateMentions(scanText('Tuesday, 22 April 2025, 02:40'));
    const resolved = resolveReportDateWithSource({
      mentions,
      window: 'past_24h',
      pointsBack: true,
      windowInFigure: true,
      yesterday: false,
      publishedAt: new Date('2025-04-22T06:00:00Z'),
    });
    assert.deepEqual(resolved, { date: '2025-04-21', source: 'window' });
  });

  /** The date of a "past day" tally whose only date mention is the text's first, in the given scope. */
  function resolvePastDay(text: string, scope: 'lead' | 'figure' | 'other') {
    const [mention] = findDateMentions(scanText(text));
    assert.ok(mention, `no date mention in "${text}"`);
    return resolveReportDateWithSource({
      mentions: [{ ...mention, scope }],
      window: 'past_24h',
      pointsBack: true,
      windowInFigure: true,
      yesterday: false,
      publishedAt,
    });
  }

  it('reads a lead naming the publication day over figures "for the past day" as the day before', () => {
    assert.deepEqual(resolvePastDay('У суботу, 2 березня, ворог вдарив', 'lead'), {
      date: '2024-03-01',
      source: 'window',
    });
  });

  it('keeps a date stated beside the figures over the window', () => {
    assert.deepEqual(resolvePastDay('Сьогодні, 2 березня, окупанти 9 разів атакували', 'figure'), {
      date: '2024-03-02',
      source: 'stated',
    });
  });

  it('lets "past day" in the figures\' sentence win over a later date about another incident', () => {
    assert.deepEqual(resolvePastDay('внаслідок обстрілу 27 лютого поранено', 'other'), {
      date: '2024-03-01',
      source: 'window',
    });
  });

  it('reads "yesterday" in the figures\' sentence against the publication day', () => {
    const resolved = resolveReportDateWithSource({
      mentions: [],
      window: 'day',
      pointsBack: false,
      yesterday: true,
      yesterdayInFigure: true,
      publishedAt,
    });
    assert.deepEqual(resolved, { date: '2024-03-01', source: 'yesterday' });
  });
});

describe('time scope of sentences', () => {
  it('sets aside a sentence whose only date is another day', () => {
    const text =
      'За минулу добу ворог 37 разів обстріляв Херсонщину. Також стало відомо, що 9 травня поранено двох.';
    const tokens = scanText(text);
    const sentences = classifySentences(text, tokens, 0, null);
    const other = findOtherDaySentences(
      tokens,
      findDateMentions(tokens),
      sentences,
      '2025-05-11',
      toKyivTime(new Date('2025-05-12T06:00:00Z')),
    );
    assert.deepEqual(
      [...other].map((s) => text.slice(s.start, s.stop)),
      ['Також стало відомо, що 9 травня поранено двох.'],
    );
  });

  it('keeps a sentence that names the report day among other days', () => {
    const text = 'За 11 травня ворог 37 разів обстріляв Херсонщину, а 10 травня було тихо.';
    const tokens = scanText(text);
    const sentences = classifySentences(text, tokens, 0, null);
    const other = findOtherDaySentences(tokens, findDateMentions(tokens), sentences, '2025-05-11', undefined);
    assert.equal(other.size, 0);
  });

  it('recognises sentences that open by recalling earlier reporting, but not "earlier today"', () => {
    const check = (text: string): boolean => {
      const tokens = scanText(text);
      const [sentence] = splitSentences(text, tokens);
      assert.ok(sentence);
      return opensWithRecall(tokens, sentence);
    };
    assert.equal(check('Earlier, the governor reported two dead.'), true);
    assert.equal(check('Раніше повідомлялося про двох загиблих.'), true);
    assert.equal(check('Earlier today, the governor reported two dead.'), false);
    assert.equal(check('The governor reported two dead earlier.'), false);
  });

  it("drops the victims of a late report about an earlier day from the day's tally", () => {
    const [report] = extractReports({
      text:
        'Over the past day, Russian troops attacked 31 settlements in Kherson Oblast, injuring 6 people. ' +
        'The governor also said that a man injured on March 2 had died in hospital.',
      publishedAt: new Date('2025-03-05T07:00:00Z'),
    });
    assert.equal(report?.date, '2025-03-04');
    assert.equal(report?.metrics.injured?.value, 6);
    assert.equal(report?.metrics.killed, null);
  });
});
