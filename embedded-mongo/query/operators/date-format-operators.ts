/**
 * `$dateToString` of a date in UTC with numeric fields only (`{format: '%Y-%m', date: '$date'}`), the
 * grouping key of every monthly and daily rollup. mingo's operator evaluates its whole argument, copies
 * the date, scans the format for each of its specifiers and rebuilds the string once per specifier; for
 * this common case the engine writes the same string from the date's UTC fields in one pass (a test
 * compares the two). Anything else (a time zone, `onNull`, other specifiers, a format from a field) is
 * mingo's.
 */
import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { isPlainObject } from '../../storage/path-values.js';

type ExpressionOperator = (obj: unknown, expr: unknown, options: Options) => unknown;

/** The numeric specifiers, with the padding mingo gives them. */
const FIELDS: Record<string, [(date: Date) => number, number]> = {
  '%Y': [(date) => date.getUTCFullYear(), 4],
  '%m': [(date) => date.getUTCMonth() + 1, 2],
  '%d': [(date) => date.getUTCDate(), 2],
  '%H': [(date) => date.getUTCHours(), 2],
  '%M': [(date) => date.getUTCMinutes(), 2],
  '%S': [(date) => date.getUTCSeconds(), 2],
  '%L': [(date) => date.getUTCMilliseconds(), 3],
};

const SIMPLE_FORMAT = /^(?:%[YmdHMSL]|[^%$])(?:%[YmdHMSL]|[^%])*$/;
const SPECIFIER = /(%[YmdHMSL])/;

/** Writes a date's UTC fields in a format's order: the literal text and specifiers, split once. */
export type DateFormatter = (date: Date) => string;

const formatters = new Map<string, DateFormatter | null>();

function compileFormat(format: string): DateFormatter | null {
  if (!SIMPLE_FORMAT.test(format)) return null;
  const parts = format
    .split(SPECIFIER)
    .filter((part) => part !== '')
    .map((part): string | [(date: Date) => number, number] => FIELDS[part] ?? part);
  return (date) => {
    let text = '';
    for (const part of parts) {
      text += typeof part === 'string' ? part : String(part[0](date)).padStart(part[1], '0');
    }
    return text;
  };
}

/** The formatter of a numeric format, or null when the format is mingo's to handle. Cached per format. */
export function simpleDateFormatter(format: string): DateFormatter | null {
  let formatter = formatters.get(format);
  if (formatter === undefined) {
    formatter = compileFormat(format);
    // A format from a field could vary without end; a fixed set of formats is what pipelines hold.
    if (formatters.size < 1_000) formatters.set(format, formatter);
  }
  return formatter;
}

function isSimpleCall(expr: unknown): expr is { format: string; date: unknown } {
  if (!isPlainObject(expr)) return false;
  const keys = Object.keys(expr);
  return (
    keys.length === 2 && keys.includes('format') && keys.includes('date') && typeof expr.format === 'string'
  );
}

/** The string for a date the fast path can write (a date in years 0 to 9999), else undefined. */
export function formatUtcDate(formatter: DateFormatter, date: unknown): string | undefined {
  if (!(date instanceof Date)) return undefined;
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return undefined;
  return formatter(date);
}

/**
 * The argument of a `$dateToString` the fast path takes (`{format: '%Y-%m', date: ...}`, no time zone, no
 * `onNull`), with its formatter, or null.
 */
export function readSimpleDateToString(expr: unknown): { formatter: DateFormatter; date: unknown } | null {
  if (!isSimpleCall(expr)) return null;
  const formatter = simpleDateFormatter(expr.format);
  return formatter ? { formatter, date: expr.date } : null;
}

/** `$dateToString` answering the simple case itself and handing the rest to `original`. */
export function createDateToString(original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    const simple = readSimpleDateToString(expr);
    if (!simple) return original(obj, expr, options);
    const text = formatUtcDate(simple.formatter, evalExpr(obj, simple.date, options));
    return text ?? original(obj, expr, options);
  };
}
