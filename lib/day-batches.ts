/**
 * How an ingest's many (region, date) days are read back without a round trip per day: a chunk of days per
 * query, large enough to save round trips and small enough to keep each query's `$in` and reply modest.
 * A backfill recomputes hundreds of days at once; a poll usually a handful.
 */
export const DAYS_PER_QUERY = 200;

export function chunk<T>(items: readonly T[], size = DAYS_PER_QUERY): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The days' dates per region, in chunks: one `{ region, date: { $in: dates } }` query each. */
export function batchDatesByRegion(
  days: ReadonlyArray<{ region: string; date: string }>,
): Array<{ region: string; dates: string[] }> {
  const datesByRegion = new Map<string, string[]>();
  for (const { region, date } of days) {
    const dates = datesByRegion.get(region) ?? [];
    dates.push(date);
    datesByRegion.set(region, dates);
  }
  return [...datesByRegion].flatMap(([region, dates]) =>
    chunk(dates).map((someDates) => ({ region, dates: someDates })),
  );
}
