import assert from 'node:assert/strict';
import {
  combineQualifiers,
  listDates,
  listPeriods,
  rollUpSeries,
  sumMetrics,
} from '../../domain/tallies/rollup-tallies.js';
import type { DayFigures } from '../../domain/tallies/rollup-tallies.js';

function day(date: string, metrics: DayFigures['metrics'], reportCount = 1): DayFigures {
  return { date, metrics, reportCount };
}

describe('domain/tallies/rollup-tallies', () => {
  describe('listDates', () => {
    it('steps one calendar day at a time across the spring DST change (a 23-hour day)', () => {
      assert.deepEqual(listDates('2026-03-28', '2026-03-31'), [
        '2026-03-28',
        '2026-03-29',
        '2026-03-30',
        '2026-03-31',
      ]);
    });

    it('steps one calendar day at a time across the autumn DST change (a 25-hour day)', () => {
      assert.deepEqual(listDates('2026-10-24', '2026-10-26'), ['2026-10-24', '2026-10-25', '2026-10-26']);
    });
  });

  describe('listPeriods', () => {
    it('cuts ISO weeks Monday to Sunday, clipped to the range', () => {
      const weeks = listPeriods('2026-03-27', '2026-04-06', 'week');
      assert.deepEqual(
        weeks.map(({ period, from, to, dates }) => ({ period, from, to, days: dates.length })),
        [
          { period: '2026-W13', from: '2026-03-27', to: '2026-03-29', days: 3 },
          { period: '2026-W14', from: '2026-03-30', to: '2026-04-05', days: 7 },
          { period: '2026-W15', from: '2026-04-06', to: '2026-04-06', days: 1 },
        ],
      );
    });

    it('cuts calendar months, with the right lengths around leap February', () => {
      const months = listPeriods('2028-01-31', '2028-03-01', 'month');
      assert.deepEqual(
        months.map(({ period, dates }) => [period, dates.length]),
        [
          ['2028-01', 1],
          ['2028-02', 29],
          ['2028-03', 1],
        ],
      );
    });

    it('names the ISO week of early January by its week-year', () => {
      const [first] = listPeriods('2027-01-01', '2027-01-01', 'week');
      assert.equal(first?.period, '2026-W53');
    });
  });

  describe('combineQualifiers', () => {
    it('keeps exact sums exact, lower bounds as lower bounds, and makes anything vaguer "about"', () => {
      assert.equal(combineQualifiers(['exact', 'exact']), 'exact');
      assert.equal(combineQualifiers(['exact', 'more_than']), 'more_than');
      assert.equal(combineQualifiers(['at_least', 'more_than', 'exact']), 'at_least');
      assert.equal(combineQualifiers(['exact', 'almost']), 'about');
      assert.equal(combineQualifiers(['up_to', 'at_least']), 'about');
    });
  });

  describe('sumMetrics', () => {
    it('sums only known values and keeps a metric no day stated null, and a stated 0 as 0', () => {
      const metrics = sumMetrics([
        day('2026-03-01', {
          attacks: { value: 3, qualifier: 'exact' },
          killed: { value: 0, qualifier: 'exact' },
        }),
        day('2026-03-02', { attacks: null, explosions: { value: 10, qualifier: 'at_least' } }),
      ]);
      assert.deepEqual(metrics, {
        communities: null,
        settlements: null,
        attacks: { value: 3, qualifier: 'exact' },
        explosions: { value: 10, qualifier: 'at_least' },
        projectiles: null,
        injured: null,
        killed: { value: 0, qualifier: 'exact' },
      });
    });
  });

  describe('rollUpSeries', () => {
    const days = [
      day('2026-03-30', { attacks: { value: 5, qualifier: 'exact' } }, 2),
      day('2026-03-31', { attacks: { value: 7, qualifier: 'exact' } }, 1),
      day('2026-04-01', { attacks: { value: 11, qualifier: 'at_least' } }, 3),
    ];

    it('gives every day of a day series a point, a missing day all-null with daysMissing 1', () => {
      const points = rollUpSeries(days.slice(0, 1), { from: '2026-03-29', to: '2026-03-30' }, 'day');
      assert.equal(points.length, 2);
      assert.deepEqual(points[0], {
        period: '2026-03-29',
        from: '2026-03-29',
        to: '2026-03-29',
        metrics: sumMetrics([]),
        reportCount: 0,
        daysReported: 0,
        daysMissing: 1,
      });
      assert.equal(points[1]?.metrics.attacks?.value, 5);
      assert.equal(points[1]?.daysMissing, 0);
    });

    it('splits a rollup at the month boundary and counts the missing days of each month', () => {
      const points = rollUpSeries(days, { from: '2026-03-29', to: '2026-04-02' }, 'month');
      assert.deepEqual(
        points.map((point) => ({
          period: point.period,
          attacks: point.metrics.attacks,
          reportCount: point.reportCount,
          daysReported: point.daysReported,
          daysMissing: point.daysMissing,
        })),
        [
          {
            period: '2026-03',
            attacks: { value: 12, qualifier: 'exact' },
            reportCount: 3,
            daysReported: 2,
            daysMissing: 1,
          },
          {
            period: '2026-04',
            attacks: { value: 11, qualifier: 'at_least' },
            reportCount: 3,
            daysReported: 1,
            daysMissing: 1,
          },
        ],
      );
    });

    it('keeps the week of a DST change whole: seven days, none lost or doubled', () => {
      const week = rollUpSeries(
        [day('2026-03-29', { attacks: { value: 4, qualifier: 'exact' } })],
        { from: '2026-03-23', to: '2026-03-29' },
        'week',
      );
      assert.equal(week.length, 1);
      assert.equal(week[0]?.daysMissing, 6);
      assert.equal(week[0]?.daysReported, 1);
    });
  });
});
