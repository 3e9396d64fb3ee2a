/**
 * The mingo configuration the engine runs every query, update and pipeline with. It keeps all of mingo's
 * operators and replaces only those whose ordering differs from MongoDB's: the range operators
 * ($gt, $gte, $lt, $lte) and the $sort stage, which here use MongoDB's BSON order (numbers of every type by
 * value, Decimal128 and Int64 exactly, types bracketed), plus the date operators given an Olson time zone
 * (see timezone-operators.ts). `$lookup`, `$unionWith`, `$graphLookup` and
 * friends resolve other collections of the same database through `collectionResolver`.
 */
import type { Document } from 'bson';
import { Context, ProcessingMode } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Lazy, type Iterator } from 'mingo/lazy';
import type { CollectionResolver, Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { compareBson, compareNumbers, isSameBracket, isWideNumber } from './bson-order.js';
import { sortDocuments, type SortSpec } from './sort-documents.js';
import { createTimezoneOperators } from './timezone-operators.js';
import { orderProjectedFields, placeIdFirst } from './projection-order.js';
import { isPlainObject } from '../storage/path-values.js';
import { keyOfValue } from '../storage/value-key.js';

type Predicate = (doc: unknown) => boolean;

function createRangeOperator(accepts: (order: number) => boolean) {
  return (selector: string, bound: unknown): Predicate =>
    (doc) => {
      const resolved = resolve(doc as Document, selector, { unwrapArray: true });
      const candidates = Array.isArray(resolved) ? resolved : [resolved];
      for (const value of candidates) {
        if (isSameBracket(value, bound) && accepts(compareBson(value, bound))) return true;
      }
      return false;
    };
}

type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

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
function createEqualityOperators(mingoEq: QueryOperator, mingoIn: QueryOperator) {
  const $eq: QueryOperator = (selector, wanted, options) => {
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
    const base = mingoIn(
      selector,
      values.filter((value) => !isPlainObject(value)),
      options,
    );
    const numbers = values.filter(isNumeric);
    if (numbers.length === 0 && documentKeys.size === 0) return base;
    return (doc) =>
      base(doc) ||
      anyValueAt(
        doc,
        selector,
        (value) =>
          numbers.some((number) => isWideNumericMatch(value, number)) ||
          (documentKeys.size > 0 && isPlainObject(value) && documentKeys.has(keyOfValue(value))),
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

type PipelineOperator = (collection: Iterator, expr: unknown, options: Options) => Iterator;

function $sort(collection: Iterator, spec: SortSpec, options: Options): Iterator {
  return collection.transform((docs: Document[]) => Lazy(sortDocuments(docs, spec, options.collation)));
}

/** mingo's $project, with the output fields in MongoDB's order. */
function createProjectStage(mingoProject: PipelineOperator): PipelineOperator {
  return (collection, spec, options) =>
    collection.transform((docs: Document[]) => {
      const projected = mingoProject(Lazy(docs), spec, options).collect<unknown>();
      return Lazy(projected.map((doc, i) => orderProjectedFields(doc, docs[i], spec as Document)));
    });
}

/** $match without the `$comment` MongoDB allows beside the filter (it only labels the query in logs). */
function createMatchStage(mingoMatch: PipelineOperator): PipelineOperator {
  return (collection, filter, options) => {
    if (!isPlainObject(filter) || !('$comment' in filter)) return mingoMatch(collection, filter, options);
    const { $comment: _comment, ...condition } = filter;
    return mingoMatch(collection, condition, options);
  };
}

/** A grouping stage whose output starts with `_id`, as MongoDB's does. */
function withIdFirst(stage: PipelineOperator): PipelineOperator {
  return (collection, expr, options) => stage(collection, expr, options).map(placeIdFirst);
}

// The `mingo` entry point always registers its own operators first, and the first registration of a name
// wins, so the engine assembles the complete set itself and uses `mingo/query`, `mingo/aggregator` and
// `mingo/updater` with it.
type Accumulator = (collection: unknown[], expr: Document, options: Options) => unknown;

/** mingo's $top and $bottom return a one-element array; MongoDB returns the element itself. */
function takeSingle(nOperator: Accumulator): Accumulator {
  return (collection, expr, options) => {
    const result = nOperator(collection, { ...expr, n: 1 }, options);
    return Array.isArray(result) ? (result[0] as unknown) : result;
  };
}

const ENGINE_CONTEXT = Context.init({
  accumulator: {
    ...accumulatorOperators,
    $top: takeSingle(accumulatorOperators.$topN as Accumulator),
    $bottom: takeSingle(accumulatorOperators.$bottomN),
  },
  expression: { ...expressionOperators, ...createTimezoneOperators() },
  pipeline: {
    ...pipelineOperators,
    $sort,
    $match: createMatchStage(pipelineOperators.$match as PipelineOperator),
    $project: createProjectStage(pipelineOperators.$project as PipelineOperator),
    $bucket: withIdFirst(pipelineOperators.$bucket as PipelineOperator),
    $bucketAuto: withIdFirst(pipelineOperators.$bucketAuto as PipelineOperator),
    $sortByCount: withIdFirst(pipelineOperators.$sortByCount),
  },
  projection: { ...projectionOperators },
  query: {
    ...queryOperators,
    ...createEqualityOperators(queryOperators.$eq as QueryOperator, queryOperators.$in as QueryOperator),
    $gt: createRangeOperator((order) => order > 0),
    $gte: createRangeOperator((order) => order >= 0),
    $lt: createRangeOperator((order) => order < 0),
    $lte: createRangeOperator((order) => order <= 0),
  } as never,
  window: { ...windowOperators },
});

export interface MingoOptionsInput {
  collectionResolver?: CollectionResolver;
  collation?: Options['collation'];
  variables?: Document;
  /** Copy the input documents first, for pipelines whose stages may modify them in place. */
  cloneInput?: boolean;
}

export function createMingoOptions(input: MingoOptionsInput = {}): Partial<Options> {
  return {
    context: ENGINE_CONTEXT,
    ...(input.collectionResolver ? { collectionResolver: input.collectionResolver } : {}),
    ...(input.collation ? { collation: input.collation } : {}),
    ...(input.variables ? { variables: input.variables } : {}),
    ...(input.cloneInput ? { processingMode: ProcessingMode.CLONE_INPUT } : {}),
  };
}
