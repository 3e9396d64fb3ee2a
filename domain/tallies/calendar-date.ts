/**
 * Checks and counts `YYYY-MM-DD` calendar dates with plain integer arithmetic. Request validation runs
 * these on every API call, where building a date-time object per check costs more than the rest of
 * the validation together; the answers are the same as luxon's for the proleptic Gregorian calendar.
 */

const ISO_DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDateParts {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function countDaysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The parts of a real calendar date `YYYY-MM-DD`, or undefined (`2025-02-30`, `2025-13-01`, `25-1-1`). */
export function parseCalendarDate(value: string): CalendarDateParts | undefined {
  const match = ISO_DATE_PARTS.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > countDaysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  return parseCalendarDate(value) !== undefined;
}

/** Days since 1970-01-01 of a date given by its parts (negative before it). */
function countDaysFromEpoch({ year, month, day }: CalendarDateParts): number {
  // Civil-from-days in reverse (H. Hinnant): years start in March so that the leap day comes last.
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Days from `from` to `to`, both included (1 for the same day, 0 or less when `to` is before `from`). */
export function countInclusiveDays(from: string, to: string): number {
  const start = parseCalendarDate(from);
  const end = parseCalendarDate(to);
  if (start === undefined || end === undefined) {
    throw new RangeError(`not calendar dates: "${from.slice(0, 20)}", "${to.slice(0, 20)}"`);
  }
  return countDaysFromEpoch(end) - countDaysFromEpoch(start) + 1;
}
