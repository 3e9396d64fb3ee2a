/**
 * Date operators given an Olson time zone (`{ date, timezone: 'Europe/Kyiv' }`). mingo resolves such a zone
 * with two `toLocaleString` calls per document (~0.1 ms each, so a rollup over a few thousand documents takes
 * 100+ ms), rejects zones like `UTC` or `America/Argentina/Buenos_Aires`, and uses the offset of the current
 * moment in $dateFromString and $dateFromParts and none in $dateAdd, which is wrong across daylight saving
 * time. These wrappers resolve the zone with one cached `Intl.DateTimeFormat` per zone and hand mingo's own
 * operators either a fixed offset (`+0300`) or a wall-clock date, so the date arithmetic and formatting
 * stay mingo's.
 */
import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import * as expressionOperators from 'mingo/operators/expression';
import type { Options } from 'mingo/types';
import { isPlainObject } from '../../storage/path-values.js';

type ExpressionOperator = (obj: unknown, expr: unknown, options: Options) => unknown;

const FIXED_OFFSET = /^[+-]\d{2}(:?\d{2})?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Zone offsets only change on quarter-hour boundaries, so one lookup serves a whole quarter hour. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const MAX_CACHED_OFFSETS = 100_000;
const offsetCache = new Map<string, number>();

/** Minutes east of UTC in `timeZone` at `date`. */
export function offsetMinutesAt(timeZone: string, date: Date): number {
  const key = `${timeZone}@${Math.floor(date.getTime() / QUARTER_HOUR_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size >= MAX_CACHED_OFFSETS) offsetCache.clear();
    offset = computeOffsetMinutes(timeZone, date);
    offsetCache.set(key, offset);
  }
  return offset;
}

function computeOffsetMinutes(timeZone: string, date: Date): number {
  const parts: Record<string, number> = {};
  for (const part of getFormatter(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallClockAsUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const instant = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((wallClockAsUtc - instant) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

function wrapWithFixedOffset(original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    if (!isPlainObject(expr) || expr.timezone === undefined) return original(obj, expr, options);
    const timeZone = evalExpr(obj, expr.timezone, options);
    if (typeof timeZone !== 'string' || FIXED_OFFSET.test(timeZone)) return original(obj, expr, options);
    const date = evalExpr(obj, expr.date, options);
    if (!(date instanceof Date)) return original(obj, expr, options);
    const resolved: Document = { ...expr, date, timezone: formatOffset(offsetMinutesAt(timeZone, date)) };
    return original(obj, resolved, options);
  };
}

/** The instant at which the wall clock in `timeZone` shows `wallClockMs` (read as if it were UTC). */
function toInstant(timeZone: string, wallClockMs: number): Date {
  const guess = wallClockMs - offsetMinutesAt(timeZone, new Date(wallClockMs)) * 60_000;
  return new Date(wallClockMs - offsetMinutesAt(timeZone, new Date(guess)) * 60_000);
}

/** The wall-clock time in `timeZone` at `date`, as a Date whose UTC fields show it. */
function toWallClock(timeZone: string, date: Date): Date {
  return new Date(date.getTime() + offsetMinutesAt(timeZone, date) * 60_000);
}

/** The Olson zone an operator's `timezone` argument names, or null for none or a fixed offset. */
function readZone(obj: unknown, expr: unknown, options: Options): string | null {
  if (!isPlainObject(expr) || expr.timezone === undefined) return null;
  const timeZone = evalExpr(obj, expr.timezone, options);
  return typeof timeZone === 'string' && !FIXED_OFFSET.test(timeZone) ? timeZone : null;
}

function withoutZone(expr: Document): Document {
  const { timezone: _timezone, ...rest } = expr;
  return rest;
}

/** $dateTrunc: truncate on the local wall clock, then map back, so a bin that starts in another DST period is right. */
function wrapDateTrunc(original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    const timeZone = readZone(obj, expr, options);
    if (!timeZone) return original(obj, expr, options);
    const date = evalExpr(obj, (expr as Document).date, options);
    if (!(date instanceof Date)) return original(obj, expr, options);
    const result = original(
      obj,
      { ...withoutZone(expr as Document), date: toWallClock(timeZone, date) },
      options,
    );
    return result instanceof Date ? toInstant(timeZone, result.getTime()) : result;
  };
}

/** $dateFromString and $dateFromParts: read the wall clock, then find the instant it shows in the zone. */
function wrapFromWallClock(original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    const timeZone = readZone(obj, expr, options);
    if (!timeZone) return original(obj, expr, options);
    const result = original(obj, withoutZone(expr as Document), options);
    return result instanceof Date ? toInstant(timeZone, result.getTime()) : result;
  };
}

const CALENDAR_UNITS = new Set(['day', 'week', 'month', 'quarter', 'year']);

/** $dateAdd and $dateSubtract: calendar units move the local wall clock, as in MongoDB. */
function wrapDateArithmetic(original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    const timeZone = readZone(obj, expr, options);
    if (!timeZone) return original(obj, expr, options);
    const args = expr as Document;
    const unit = evalExpr(obj, args.unit, options);
    const start = evalExpr(obj, args.startDate, options);
    if (!(start instanceof Date) || typeof unit !== 'string' || !CALENDAR_UNITS.has(unit)) {
      return original(obj, withoutZone(args), options);
    }
    const result = original(obj, { ...withoutZone(args), startDate: toWallClock(timeZone, start) }, options);
    return result instanceof Date ? toInstant(timeZone, result.getTime()) : result;
  };
}

/** $dateDiff: count boundaries on the local wall clocks of both dates. */
function wrapDateDiff(original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    const timeZone = readZone(obj, expr, options);
    if (!timeZone) return original(obj, expr, options);
    const args = expr as Document;
    const start = evalExpr(obj, args.startDate, options);
    const end = evalExpr(obj, args.endDate, options);
    if (!(start instanceof Date) || !(end instanceof Date)) return original(obj, expr, options);
    const local = {
      ...withoutZone(args),
      startDate: toWallClock(timeZone, start),
      endDate: toWallClock(timeZone, end),
    };
    return original(obj, local, options);
  };
}

const WRAPPED = [
  '$dateToString',
  '$dateToParts',
  '$year',
  '$month',
  '$dayOfMonth',
  '$hour',
  '$minute',
  '$second',
  '$millisecond',
  '$dayOfWeek',
  '$dayOfYear',
  '$week',
  '$isoWeek',
  '$isoWeekYear',
  '$isoDayOfWeek',
] as const;

export function createTimezoneOperators(): Record<string, ExpressionOperator> {
  const operators = expressionOperators as unknown as Record<string, ExpressionOperator>;
  const wrapped: Record<string, ExpressionOperator> = {};
  for (const name of WRAPPED) {
    const original = operators[name];
    if (original) wrapped[name] = wrapWithFixedOffset(original);
  }
  const special: Record<string, (original: ExpressionOperator) => ExpressionOperator> = {
    $dateTrunc: wrapDateTrunc,
    $dateFromString: wrapFromWallClock,
    $dateFromParts: wrapFromWallClock,
    $dateAdd: wrapDateArithmetic,
    $dateSubtract: wrapDateArithmetic,
    $dateDiff: wrapDateDiff,
  };
  for (const [name, wrap] of Object.entries(special)) {
    const original = operators[name];
    if (original) wrapped[name] = wrap(original);
  }
  return wrapped;
}
