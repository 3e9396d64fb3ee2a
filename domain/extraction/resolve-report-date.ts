/**
 * Turns date mentions, the report's window and its publication time into the Kyiv-local date the attacks
 * happened. An explicit date wins; "за минулу добу" posted in the morning means the previous day;
 * "протягом дня" means the publication's own day. All arithmetic is in Europe/Kyiv through luxon, so
 * daylight-saving changes are handled.
 */
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';
import type { DateMention } from './read-dates.js';
import type { WindowKind } from './read-window.js';

export const KYIV_ZONE = 'Europe/Kyiv';
// One zone object for every conversion: luxon would otherwise resolve the name on each call.
const KYIV = IANAZone.create(KYIV_ZONE);

/** Years in which the reports this extractor reads were written; used to place a bare "за середу, 27 листопада". */
const FIRST_REPORT_YEAR = 2022;
/** Morning posts before this Kyiv hour that cover "the past day" are about the previous day. */
const MORNING_CUTOFF_HOUR = 12;

export interface DateContext {
  mentions: readonly DateMention[];
  window: WindowKind;
  /** The window's words point back ("минулої доби", "past day"). */
  pointsBack: boolean;
  /** The text says "yesterday" of the tally. */
  yesterday: boolean;
  /** ISO weekday named alone ("on Tuesday"), if any. */
  weekday?: number;
  publishedAt: Date;
}

const HOUR_MS = 3_600_000;
/** Kyiv's UTC offset in minutes per UTC hour: offsets change only on the hour, and reading one costs luxon an Intl call. */
const offsetByHour = new Map<number, number>();
const OFFSET_CACHE_LIMIT = 50_000;

/** The publication moment in Kyiv, or undefined when the date is missing or invalid. */
export function toKyivTime(publishedAt: Date): DateTime | undefined {
  if (!(publishedAt instanceof Date)) return undefined;
  const millis = publishedAt.getTime();
  if (Number.isNaN(millis)) return undefined;
  const hour = Math.floor(millis / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = KYIV.offset(millis);
    if (offsetByHour.size >= OFFSET_CACHE_LIMIT) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  // A fixed-offset zone gives the same wall clock without luxon asking Intl again; only calendar dates are
  // read from it, and whole-day arithmetic on a calendar date does not depend on the offset.
  const kyiv = DateTime.fromMillis(millis, { zone: FixedOffsetZone.instance(offset) });
  return kyiv.isValid ? kyiv : undefined;
}

/** The report's Kyiv date (yyyy-MM-dd), or null when neither the text nor the publication time fixes it. */
export function resolveReportDate(context: DateContext): string | null {
  const published = toKyivTime(context.publishedAt);
  const explicit = context.mentions.find((mention) => !mention.incident);
  if (explicit) {
    const date = placeMention(explicit, published);
    if (date) {
      const coversDayBefore =
        (explicit.morningCutoff && isDayLong(context.window)) ||
        (explicit.reportedOn && context.window === 'past_24h');
      const shifted = coversDayBefore ? date.minus({ days: 1 }) : date;
      return shifted.toISODate();
    }
  }
  if (!published) return null;
  if (context.weekday !== undefined) {
    // The last such weekday up to the publication day.
    const back = (published.weekday - context.weekday + 7) % 7;
    return published.minus({ days: back }).toISODate();
  }
  if (context.yesterday) return published.minus({ days: 1 }).toISODate();
  if (context.window === 'past_24h' && (published.hour < MORNING_CUTOFF_HOUR || context.pointsBack)) {
    return published.minus({ days: 1 }).toISODate();
  }
  if (context.window === 'week') return published.minus({ days: 1 }).toISODate();
  return published.toISODate();
}

function isDayLong(window: WindowKind): boolean {
  return window === 'past_24h' || window === 'day' || window === 'week';
}

/** Gives a day-and-month mention its year: the stated one, else the publication's, else the weekday's. */
export function placeMention(mention: DateMention, published: DateTime | undefined): DateTime | undefined {
  if (mention.year !== undefined) return makeDate(mention.year, mention.month, mention.day);
  if (published) {
    const sameYear = makeDate(published.year, mention.month, mention.day);
    if (!sameYear) return undefined;
    // A date well after publication belongs to the previous year ("28 грудня" read on 2 January).
    return sameYear > published.plus({ days: 2 })
      ? makeDate(published.year - 1, mention.month, mention.day)
      : sameYear;
  }
  if (mention.weekday === undefined) return undefined;
  const lastYear = DateTime.now().setZone(KYIV).year;
  const matches: DateTime[] = [];
  for (let year = FIRST_REPORT_YEAR; year <= lastYear; year++) {
    const date = makeDate(year, mention.month, mention.day);
    if (date && date.weekday === mention.weekday) matches.push(date);
  }
  return matches.length === 1 ? matches[0] : undefined;
}

/** A calendar date; UTC midnight stands for it, since only its day, weekday and order are read. */
function makeDate(year: number, month: number, day: number): DateTime | undefined {
  const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  return date.isValid ? date : undefined;
}
