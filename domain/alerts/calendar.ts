/**
 * Arithmetic on Kyiv-local calendar dates written `yyyy-MM-dd`. A date names a day, not an instant, so it
 * is computed on the UTC calendar, where every day has 24 hours and no clock change moves it.
 */
const DAY_MS = 86_400_000;

export function toDayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The dates from `from` to `to`, inclusive. */
export function listDates(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = toDayNumber(from); day <= toDayNumber(to); day++) dates.push(fromDayNumber(day));
  return dates;
}
