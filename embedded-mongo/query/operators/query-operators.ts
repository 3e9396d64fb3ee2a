/**
 * Query operators where mingo's semantics differ from MongoDB's, wrapped or replaced:
 * - $gt, $gte, $lt, $lte use MongoDB's BSON order: numbers of every type by value (Int64 and Decimal128
 *   exactly), and never a match across types (mingo compares Int64 and Decimal128 as strings);
 * - $eq, $in (and so $ne, $nin) also match numbers of different BSON types by value, and compare embedded
 *   documents with their field order, which mingo ignores;
 * - all of them compare strings under the query's collation (`options.collation`, see collation.ts), which
 *   mingo applies to sorting only.
 */
import type { Document } from 'bson';
import * as queryOperators from 'mingo/operators/query';
import type { Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { compareBson, compareNumbers, isSameBracket, isWideNumber } from '../bson-order.js';
import { collationOfSpec, type Collation } from '../collation.js';
import { isPlainObject } from '../../storage/path-values.js';
import { keyOfValue } from '../../storage/value-key.js';

type Predicate = (doc: unknown) => boolean;

type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

function collationOf(options: Options | undefined): Collation | undefined {
  return collationOfSpec(options?.collation);
}

export function createRangeOperator(accepts: (order: number) => boolean): QueryOperator {
  return (selector, bound, options) => {
    const collation = typeof bound === 'string' ? collationOf(options) : undefined;
    const order = collation
      ? (value: unknown) =>
          typeof value === 'string' ? collation.compare(value, bound as string) : compareBson(value, bound)
      : (value: unknown) => compareBson(value, bound);
    return (doc) => {
      const resolved = resolve(doc as Document, selector, { unwrapArray: true });
      const candidates = Array.isArray(resolved) ? resolved : [resolved];
      for (const value of candidates) {
        if (isSameBracket(value, bound) && accepts(order(value))) return true;
      }
      return false;
    };
  };
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || isWideNumber(value);
}

function anyValueAt(doc: unknown, selector: string, test: (value: unknown) => boolean): boolean {
  const resolved = resolve(doc as Document, selector, { unwrapArray: true });
  if (Array.isArray(resolved)) return resolved.some(test);
  return test(resolved);
}

/** Equal by numeric value when Int64 or Decimal128 is involved (Decimal128 "1.50" equals 1.5). */
function isWideNumericMatch(value: unknown, wanted: unknown): boolean {
  return (
    (isWideNumber(value) || isWideNumber(wanted)) &&
    isNumeric(value) &&
    isNumeric(wanted) &&
    compareNumbers(value, wanted) === 0
  );
}

/**
 * mingo's $eq and $in, brought to MongoDB's equality: numbers of every BSON type compare by value, and an
 * embedded document equals another only with the same fields in the same order (mingo ignores the order).
 */
export function createEqualityOperators(mingoEq: QueryOperator, mingoIn: QueryOperator) {
  const $eq: QueryOperator = (selector, wanted, options) => {
    const collation = typeof wanted === 'string' ? collationOf(options) : undefined;
    if (collation) {
      return (doc) =>
        anyValueAt(
          doc,
          selector,
          (value) => typeof value === 'string' && collation.compare(value, wanted as string) === 0,
        );
    }
    if (isPlainObject(wanted)) {
      const key = keyOfValue(wanted);
      return (doc) => anyValueAt(doc, selector, (value) => keyOfValue(value) === key);
    }
    const base = mingoEq(selector, wanted, options);
    if (!isNumeric(wanted)) return base;
    return (doc) => base(doc) || anyValueAt(doc, selector, (value) => isWideNumericMatch(value, wanted));
  };
  const $in: QueryOperator = (selector, wanted, options) => {
    const values = Array.isArray(wanted) ? (wanted as unknown[]) : [];
    const documentKeys = new Set(values.filter(isPlainObject).map(keyOfValue));
    const collation = collationOf(options);
    const strings = collation ? values.filter((value): value is string => typeof value === 'string') : [];
    const base = mingoIn(
      selector,
      values.filter((value) => !isPlainObject(value) && !(collation && typeof value === 'string')),
      options,
    );
    const numbers = values.filter(isNumeric);
    if (numbers.length === 0 && documentKeys.size === 0 && strings.length === 0) return base;
    return (doc) =>
      base(doc) ||
      anyValueAt(
        doc,
        selector,
        (value) =>
          numbers.some((number) => isWideNumericMatch(value, number)) ||
          (documentKeys.size > 0 && isPlainObject(value) && documentKeys.has(keyOfValue(value))) ||
          (typeof value === 'string' && strings.some((string) => collation!.compare(value, string) === 0)),
      );
  };
  const $ne: QueryOperator = (selector, wanted, options) => {
    const equal = $eq(selector, wanted, options);
    return (doc) => !equal(doc);
  };
  const $nin: QueryOperator = (selector, wanted, options) => {
    const within = $in(selector, wanted, options);
    return (doc) => !within(doc);
  };
  return { $eq, $in, $ne, $nin };
}

/** mingo's query operators with the ones above in place. */
export function createQueryOperators(): Record<string, QueryOperator> {
  return {
    ...(queryOperators as unknown as Record<string, QueryOperator>),
    ...createEqualityOperators(queryOperators.$eq as QueryOperator, queryOperators.$in as QueryOperator),
    $gt: createRangeOperator((order) => order > 0),
    $gte: createRangeOperator((order) => order >= 0),
    $lt: createRangeOperator((order) => order < 0),
    $lte: createRangeOperator((order) => order <= 0),
  };
}
