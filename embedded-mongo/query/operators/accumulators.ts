/** Accumulators where mingo's result differs from MongoDB's. */
import type { Document } from 'bson';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import type { Options } from 'mingo/types';

type Accumulator = (collection: unknown[], expr: Document, options: Options) => unknown;

/** mingo's $top and $bottom return a one-element array; MongoDB returns the element itself. */
function takeSingle(nOperator: Accumulator): Accumulator {
  return (collection, expr, options) => {
    const result = nOperator(collection, { ...expr, n: 1 }, options);
    return Array.isArray(result) ? (result[0] as unknown) : result;
  };
}

/** mingo's accumulators with the ones above in place. */
export function createAccumulators(): Record<string, Accumulator> {
  return {
    ...(accumulatorOperators as unknown as Record<string, Accumulator>),
    $top: takeSingle(accumulatorOperators.$topN as Accumulator),
    $bottom: takeSingle(accumulatorOperators.$bottomN),
  };
}
