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

/** Where a date mention sits relative to the figures it may date. */
export type MentionScope = 'figure' | 'title' | 'lead' | 'other';

export interface ScopedMention extends DateMention {
  /** 'figure': in a sentence that gave a picked figure; 'lead': before the first such sentence. */
  scope?: MentionScope;
}

export interface DateContext {
  mentions: readonly ScopedMention[];
  window: WindowKind;
  /** The window's words point back ("минулої доби", "past day"). */
  pointsBack: boolean;
  /** The window was named in a sentence that gave a picked figure. */
  windowInFigure?: boolean;
  /** The text says "yesterday" of the tally. */
  yesterday: boolean;
  /** A sentence that gave a picked figure says "yesterday" ("вчора", "накануне"). */
  yesterdayInFigure?: boolean;
  /** ISO weekday named alone ("on Tuesday"), if any. */
  weekday?: number;
  publishedAt: Date;
}

/** How the report's date was found; anything but a stated date is an inference. */
export type DateSource = 'stated' | 'weekday' | 'yesterday' | 'window' | 'publication';

export interface ResolvedDate {
  date: string;
  source: DateSource;
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
  return resolveReportDateWithSource(context)?.date ?? null;
}

/**
 * The report's date and how it was found. In order: a date stated beside the figures, in the headline, or
 * marked as the tally's ("за 7 сентября", "станом на ранок"), or leading the text; a weekday named alone; a
 * "yesterday" or "past day" in the figures' own sentence; a date stated further on; then the window and the
 * publication time. A dateline ("12 March 2025, 07:10") stands in for the publication time.
 */
export function resolveReportDateWithSource(context: DateContext): ResolvedDate | null {
  const stated = context.mentions.filter((mention) => !mention.incident && !mention.dateline);
  const published = readPublication(context);
  const byScope = (scope: MentionScope): ScopedMention | undefined =>
    stated.find((mention) => (mention.scope ?? 'other') === scope);
  const first =
    byScope('figure') ?? byScope('title') ?? stated.find((mention) => mention.tallyMarked === true);
  const placed = first && placeStated(first, context, published);
  if (placed) return { date: placed, source: 'stated' };
  const lead = byScope('lead');
  if (lead) {
    const date = placeMention(lead, published);
    // "У суботу, 2 березня, ... Впродовж минулої доби ...": a lead naming the day of publication over figures
    // for the past day dates the interview, not the tally.
    if (date && published && context.pointsBack && date.toISODate() === published.toISODate())
      return { date: published.minus({ days: 1 }).toISODate() ?? '', source: 'window' };
    const shifted = placeStated(lead, context, published);
    if (shifted) return { date: shifted, source: 'stated' };
  }
  if (published && context.weekday !== undefined) {
    // The last such weekday up to the publication day.
    const back = (published.weekday - context.weekday + 7) % 7;
    return { date: toDate(published.minus({ days: back })), source: 'weekday' };
  }
  if (published && context.yesterdayInFigure)
    return { date: toDate(published.minus({ days: 1 })), source: 'yesterday' };
  if (published && context.windowInFigure && context.pointsBack)
    return { date: toDate(published.minus({ days: 1 })), source: 'window' };
  const later = byScope('other');
  const placedLater = later && placeStated(later, context, published);
  if (placedLater) return { date: placedLater, source: 'stated' };
  if (!published) return null;
  // The figures' own window ("Протягом дня ...") outweighs a "yesterday" in another sentence.
  if (context.yesterday && !context.windowInFigure)
    return { date: toDate(published.minus({ days: 1 })), source: 'yesterday' };
  return dateByWindow(context, published);
}

function dateByWindow(context: DateContext, published: DateTime): ResolvedDate {
  if (context.window === 'past_24h' && (published.hour < MORNING_CUTOFF_HOUR || context.pointsBack)) {
    return { date: toDate(published.minus({ days: 1 })), source: 'window' };
  }
  if (context.window === 'week') return { date: toDate(published.minus({ days: 1 })), source: 'window' };
  return { date: toDate(published), source: 'publication' };
}

function toDate(date: DateTime): string {
  return date.toISODate() ?? '';
}

/** A stated date, moved to the day before where it is a morning cut-off or the day of a "past 24 hours" report. */
function placeStated(
  mention: DateMention,
  context: DateContext,
  published: DateTime | undefined,
): string | undefined {
  const date = placeMention(mention, published);
  if (!date) return undefined;
  const coversDayBefore =
    (mention.morningCutoff && isDayLong(context.window)) ||
    (mention.reportedOn && context.window === 'past_24h');
  return toDate(coversDayBefore ? date.minus({ days: 1 }) : date);
}

/**
 * The publication moment: the text's own dateline where it has one within two days of the given time (a
 * feed or an archive may give only the day), else the given time.
 */
function readPublication(context: DateContext): DateTime | undefined {
  const published = toKyivTime(context.publishedAt);
  const dateline = context.mentions.find((mention) => mention.dateline !== undefined);
  if (!dateline?.dateline) return published;
  const day = placeMention(dateline, published);
  if (!day) return published;
  const stamped = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, ...dateline.dateline },
    { zone: KYIV },
  );
  if (!stamped.isValid) return published;
  if (published && Math.abs(stamped.diff(published, 'days').days) > 2) return published;
  return stamped;
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
