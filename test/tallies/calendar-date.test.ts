import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { countInclusiveDays, isCalendarDate, parseCalendarDate } from '../../domain/tallies/calendar-date.js';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Any `dddd-dd-dd` string, most of them real dates, some with a month or day out of range. */
const dateShaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);

const realDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('domain/tallies/calendar-date', () => {
  it('accepts real dates and refuses impossible ones', () => {
    assert.deepEqual(parseCalendarDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
    assert.equal(isCalendarDate('2025-12-31'), true);
    assert.equal(isCalendarDate('2000-02-29'), true);
    assert.equal(isCalendarDate('2025-02-29'), false);
    assert.equal(isCalendarDate('1900-02-29'), false);
    assert.equal(isCalendarDate('2025-04-31'), false);
    assert.equal(isCalendarDate('2025-13-01'), false);
    assert.equal(isCalendarDate('2025-00-10'), false);
    assert.equal(isCalendarDate('2025-01-00'), false);
    assert.equal(isCalendarDate('2025-1-01'), false);
    assert.equal(isCalendarDate(' 2025-01-01'), false);
    assert.equal(isCalendarDate('2025-01-01\n'), false);
    assert.equal(isCalendarDate('２０２５-01-01'), false);
  });

  it('agrees with luxon on which date-shaped strings are calendar dates', () => {
    fc.assert(
      fc.property(dateShaped, (value) => {
        assert.equal(isCalendarDate(value), DateTime.fromISO(value, { zone: 'utc' }).isValid, value);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts the days of a range, both ends included', () => {
    assert.equal(countInclusiveDays('2025-01-01', '2025-01-01'), 1);
    assert.equal(countInclusiveDays('2025-01-01', '2025-12-31'), 365);
    assert.equal(countInclusiveDays('2024-01-01', '2024-12-31'), 366);
    assert.equal(countInclusiveDays('2026-03-28', '2026-03-31'), 4);
    assert.equal(countInclusiveDays('2025-01-02', '2025-01-01'), 0);
    assert.throws(() => countInclusiveDays('2025-02-30', '2025-03-01'), RangeError);
  });

  it('agrees with luxon on the length of any range', () => {
    fc.assert(
      fc.property(realDate, realDate, (from, to) => {
        const expected =
          Math.round(
            DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days,
          ) + 1;
        assert.equal(countInclusiveDays(from, to), expected, `${from}..${to}`);
      }),
      { numRuns: 3000 },
    );
  });
});
