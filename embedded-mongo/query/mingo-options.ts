/**
 * The mingo configuration the engine runs every query, update and pipeline with: all of mingo's operators,
 * with the few whose results differ from MongoDB's replaced (see operators/).
 * `$lookup`, `$unionWith`, `$graphLookup` and friends resolve other collections of the same database
 * through `collectionResolver`.
 *
 * The `mingo` entry point always registers its own operators first, and the first registration of a name
 * wins, so the engine assembles the complete set itself and uses `mingo/query`, `mingo/aggregator` and
 * `mingo/updater` with it.
 */
import type { Document } from 'bson';
import { Context, ProcessingMode } from 'mingo/core';
import * as expressionOperators from 'mingo/operators/expression';
import * as projectionOperators from 'mingo/operators/projection';
import * as windowOperators from 'mingo/operators/window';
import type { CollectionResolver, Options } from 'mingo/types';
import { createAccumulators } from './operators/accumulators.js';
import { createCollatedComparisons } from './operators/collated-comparisons.js';
import { createPipelineStages } from './operators/pipeline-stages.js';
import { createQueryOperators } from './operators/query-operators.js';
import { createTimezoneOperators } from './operators/timezone-operators.js';

const ENGINE_CONTEXT = Context.init({
  accumulator: createAccumulators(),
  expression: {
    ...expressionOperators,
    ...createTimezoneOperators(),
    ...createCollatedComparisons(expressionOperators),
  },
  pipeline: createPipelineStages(),
  projection: { ...projectionOperators },
  query: createQueryOperators(),
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
