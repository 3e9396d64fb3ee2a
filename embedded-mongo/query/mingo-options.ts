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
import { compareBson, isSameBracket } from './bson-order.js';
import { sortDocuments, type SortSpec } from './sort-documents.js';
import { createTimezoneOperators } from './timezone-operators.js';

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

function $sort(collection: Iterator, spec: SortSpec, options: Options): Iterator {
  return collection.transform((docs: Document[]) => Lazy(sortDocuments(docs, spec, options.collation)));
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
  pipeline: { ...pipelineOperators, $sort },
  projection: { ...projectionOperators },
  query: {
    ...queryOperators,
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
