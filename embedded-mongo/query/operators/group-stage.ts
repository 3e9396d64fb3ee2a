/**
 * `$group` for the shape every rollup has: accumulators `$sum`, `$avg`, `$min`, `$max`, `$first`, `$last` of
 * a top-level field (or `$sum` of a number) and `$count`. mingo's own `$group` gathers each group's
 * documents, then every accumulator collects its values into an array (which `$max` and `$min` sort); here
 * each document is folded into running totals in one pass, with mingo's rules: the `_id` expression is
 * evaluated by mingo, `$sum` and `$avg` count only numbers, `$max` and `$min` compare with mingo's `compare`
 * and skip nulls, and a missing value is null. Any other specification, or an `_id` that is not a string,
 * number, boolean or null (a document or a date, which mingo groups by value), is mingo's `$group` (a
 * fast-check test compares the two).
 */
import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import type { Options } from 'mingo/types';
import { compare } from 'mingo/util';
import { isPlainObject } from '../../storage/path-values.js';
import { formatUtcDate, readSimpleDateToString } from './date-format-operators.js';

type PipelineOperator = (collection: Iterator, expr: unknown, options: Options) => Iterator;

type AccumulatorName = '$sum' | '$avg' | '$min' | '$max' | '$first' | '$last' | '$count';

interface FieldAccumulator {
  output: string;
  operator: AccumulatorName;
  /** The top-level field read, or null for `$count` and `$sum` of a constant. */
  field: string | null;
  /** `$sum` of a number: that number per document. */
  constant: number;
}

/** A running total: the sum and count of numbers seen, or the value kept so far. */
interface Running {
  sum: number;
  numbers: number;
  value: unknown;
  seen: boolean;
}

const FIELD_PATH = /^\$[^$.]+$/;
const OBJECT_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

function isNil(value: unknown): boolean {
  return value === null || value === undefined;
}

/** The accumulators of a `$group` specification, or null when one of them is not of the simple shape. */
function planAccumulators(spec: Document): FieldAccumulator[] | null {
  const plan: FieldAccumulator[] = [];
  for (const [output, accumulator] of Object.entries(spec)) {
    if (output === '_id') continue;
    if (!isPlainObject(accumulator)) return null;
    const keys = Object.keys(accumulator);
    if (keys.length !== 1) return null;
    const operator = keys[0] as AccumulatorName;
    const argument = accumulator[operator] as unknown;
    if (operator === '$count') {
      if (!isPlainObject(argument) || Object.keys(argument).length > 0) return null;
      plan.push({ output, operator, field: null, constant: 0 });
    } else if (operator === '$sum' && isNumber(argument)) {
      plan.push({ output, operator, field: null, constant: argument });
    } else if (
      ['$sum', '$avg', '$min', '$max', '$first', '$last'].includes(operator) &&
      typeof argument === 'string' &&
      FIELD_PATH.test(argument)
    ) {
      plan.push({ output, operator, field: argument.slice(1), constant: 0 });
    } else {
      return null;
    }
  }
  return plan;
}

function isGroupKey(key: unknown): boolean {
  if (key === null || key === undefined || typeof key === 'string' || typeof key === 'boolean') return true;
  // mingo hashes numbers by value; -0 and NaN are left to it.
  return typeof key === 'number' && !Number.isNaN(key) && !Object.is(key, -0);
}

/** The value of a top-level field as mingo resolves it: Object.prototype's names only when the document's own. */
function readField(doc: Document, field: string): unknown {
  if (OBJECT_KEYS.has(field) && !Object.prototype.hasOwnProperty.call(doc, field)) return undefined;
  return doc[field] as unknown;
}

/** Folds one document in; false when a value has no place in mingo's order (NaN), left to mingo's sort. */
function fold(running: Running, accumulator: FieldAccumulator, doc: Document): boolean {
  const { operator, field } = accumulator;
  if (operator === '$count' || field === null) {
    running.numbers += 1;
    return true;
  }
  const value = readField(doc, field) ?? null;
  if ((operator === '$max' || operator === '$min') && Number.isNaN(value)) return false;
  switch (operator) {
    case '$sum':
    case '$avg':
      if (isNumber(value)) {
        running.sum += value;
        running.numbers += 1;
      }
      return true;
    case '$max':
      // The last of the largest, as a stable sort's last element.
      if (!running.seen || compare(value, running.value) >= 0) running.value = value;
      running.seen = true;
      return true;
    case '$min':
      if (value === null) return true;
      if (!running.seen || compare(value, running.value) < 0) running.value = value;
      running.seen = true;
      return true;
    case '$first':
      if (!running.seen) running.value = value;
      running.seen = true;
      return true;
    case '$last':
      running.value = value;
      running.seen = true;
      return true;
  }
}

function finish(running: Running, accumulator: FieldAccumulator): unknown {
  switch (accumulator.operator) {
    case '$count':
      return running.numbers;
    case '$sum':
      // As mingo: a constant times the group's size, not added up document by document.
      return accumulator.field === null ? running.numbers * accumulator.constant : running.sum;
    case '$avg':
      return running.numbers === 0 ? null : running.sum / running.numbers;
    default:
      return isNil(running.value) ? null : running.value;
  }
}

/**
 * How a document's group key is read: a top-level field, or the `$dateToString` of one that the fast path
 * formats (see date-format-operators.ts), read directly; any other expression, or a value the fast path does
 * not take, is evaluated by mingo.
 */
function compileGroupKey(idExpr: unknown, options: Options): (doc: Document) => unknown {
  const evaluate = (doc: Document): unknown => evalExpr(doc, idExpr, options);
  if (typeof idExpr === 'string' && FIELD_PATH.test(idExpr)) {
    const field = idExpr.slice(1);
    return (doc) => readField(doc, field);
  }
  if (isPlainObject(idExpr) && Object.keys(idExpr).length === 1 && '$dateToString' in idExpr) {
    const simple = readSimpleDateToString(idExpr.$dateToString);
    if (simple && typeof simple.date === 'string' && FIELD_PATH.test(simple.date)) {
      const field = simple.date.slice(1);
      return (doc) => formatUtcDate(simple.formatter, readField(doc, field)) ?? evaluate(doc);
    }
  }
  return evaluate;
}

/** The groups in the order their first document came, or null when a key is not a simple value. */
function groupInOnePass(
  docs: Document[],
  idExpr: unknown,
  accumulators: FieldAccumulator[],
  options: Options,
): Document[] | null {
  const groups = new Map<unknown, Running[]>();
  const readKey = compileGroupKey(idExpr, options);
  for (const doc of docs) {
    const key = readKey(doc) ?? null;
    if (!isGroupKey(key)) return null;
    let totals = groups.get(key);
    if (totals === undefined) {
      totals = accumulators.map(() => ({ sum: 0, numbers: 0, value: null, seen: false }));
      groups.set(key, totals);
    }
    for (let i = 0; i < accumulators.length; i++) {
      if (!fold(totals[i]!, accumulators[i]!, doc)) return null;
    }
  }
  const results: Document[] = [];
  for (const [key, totals] of groups) {
    const result: Document = { _id: key };
    accumulators.forEach((accumulator, i) => {
      result[accumulator.output] = finish(totals[i]!, accumulator);
    });
    results.push(result);
  }
  return results;
}

/** `$group` folding simple accumulators in one pass, and mingo's `$group` for everything else. */
export function createGroupStage(mingoGroup: PipelineOperator): PipelineOperator {
  return (collection, spec, options) => {
    const accumulators = isPlainObject(spec) && '_id' in spec ? planAccumulators(spec) : null;
    if (!accumulators) return mingoGroup(collection, spec, options);
    const idExpr = (spec as Document)._id as unknown;
    return collection.transform((docs: Document[]) => {
      const grouped = groupInOnePass(docs, idExpr, accumulators, options);
      return grouped ? Lazy(grouped) : mingoGroup(Lazy(docs), spec, options);
    });
  };
}
