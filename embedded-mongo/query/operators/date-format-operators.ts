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
const SPECIFIER = /%[YmdHMSL]/g;

function isSimpleCall(expr: unknown): expr is { format: string; date: unknown } {
  if (!isPlainObject(expr)) return false;
  const keys = Object.keys(expr);
  return (
    keys.length === 2 &&
    keys.includes('format') &&
    keys.includes('date') &&
    typeof expr.format === 'string' &&
    SIMPLE_FORMAT.test(expr.format)
  );
}

/** `$dateToString` answering the simple case itself and handing the rest to `original`. */
export function createDateToString(original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    if (!isSimpleCall(expr)) return original(obj, expr, options);
    const date = evalExpr(obj, expr.date, options);
    if (!(date instanceof Date)) return original(obj, expr, options);
    const year = date.getUTCFullYear();
    if (!(year >= 0 && year <= 9999)) return original(obj, expr, options);
    return expr.format.replace(SPECIFIER, (specifier) => {
      const [read, width] = FIELDS[specifier]!;
      return String(read(date)).padStart(width, '0');
    });
  };
}
