/**
 * Date operators that take an Olson time zone (`{ date, timezone: 'Europe/Kyiv' }`). mingo resolves such a
 * zone with two `toLocaleString` calls per document, which costs ~0.1 ms each and makes a rollup over a few
 * thousand documents take 100+ ms; it also rejects zones like `UTC` or `America/Argentina/Buenos_Aires`.
 * These wrappers resolve the zone to the UTC offset in force at that instant, with one cached
 * `Intl.DateTimeFormat` per zone, and hand mingo's own operator a fixed offset (`+0300`), so the date
 * arithmetic and formatting stay mingo's.
 */
import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import * as expressionOperators from 'mingo/operators/expression';
import type { Options } from 'mingo/types';
import { isPlainObject } from '../storage/path-values.js';

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
  return wrapped;
}
