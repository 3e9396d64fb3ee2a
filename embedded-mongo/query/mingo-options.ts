/**
 * The mingo configuration the engine runs every query, update and pipeline with: all of mingo's operators,
 * with the few whose results differ from MongoDB's replaced (see operators/).
 * `$lookup`, `$unionWith`, `$graphLookup` and friends resolve other collections of the same database
 * through `collectionResolver`.
 *
 * The `mingo` entry point always registers its own operators first, and the first registration of a name
 * wins, so the engine assembles the complete set itself and uses `mingo/query`, `mingo/aggregator` and
 * mingo's update operators with it.
 *
 * Options given to mingo as a plain object make every `Query` and `Aggregator` copy the whole operator
 * table (some 240 operators) first. Options that are already mingo's own `ComputeOptions` share theirs, so
 * `createMingoOptions` returns those: the table is built once, when this module loads, and never copied.
 */
import type { Document } from 'bson';
import { computeValue, Context, ProcessingMode } from 'mingo/core';
import * as expressionOperators from 'mingo/operators/expression';
import * as projectionOperators from 'mingo/operators/projection';
import * as windowOperators from 'mingo/operators/window';
import type { CollectionResolver, Options } from 'mingo/types';
import { createAccumulators } from './operators/accumulators.js';
import { createCollatedComparisons } from './operators/collated-comparisons.js';
import { createDateToString } from './operators/date-format-operators.js';
import { createPipelineStages } from './operators/pipeline-stages.js';
import { createQueryOperators } from './operators/query-operators.js';
import { createTimezoneOperators } from './operators/timezone-operators.js';

const TIMEZONE_OPERATORS = createTimezoneOperators();

const ENGINE_CONTEXT = Context.init({
  accumulator: createAccumulators(),
  expression: {
    ...expressionOperators,
    ...TIMEZONE_OPERATORS,
    ...createCollatedComparisons(expressionOperators),
    $dateToString: createDateToString(
      (TIMEZONE_OPERATORS.$dateToString ?? expressionOperators.$dateToString) as Parameters<
        typeof createDateToString
      >[0],
    ),
  },
  pipeline: createPipelineStages(),
  projection: { ...projectionOperators },
  query: createQueryOperators(),
  window: { ...windowOperators },
});

/** mingo's defaults for the options a caller leaves out (see `ComputeOptions.init` in mingo/core). */
const MINGO_DEFAULTS = {
  idKey: '_id',
  scriptEnabled: true,
  useStrictMode: true,
  failOnError: true,
  processingMode: ProcessingMode.CLONE_OFF,
} as const;

type ComputeOptionsClass = new (options: Partial<Options>, locals?: object) => Options;

/**
 * mingo does not export its `ComputeOptions` class, but hands an instance to every operator it calls, so
 * one expression evaluated with a throw-away context yields the class.
 */
const ComputeOptions = (() => {
  const probe = '$engineOptionsProbe';
  const context = Context.init({
    expression: { [probe]: (_obj: unknown, _expr: unknown, options: unknown) => options },
  });
  const options = computeValue({}, null, probe, { ...MINGO_DEFAULTS, context }) as object;
  return options.constructor as ComputeOptionsClass;
})();

export interface MingoOptionsInput {
  collectionResolver?: CollectionResolver;
  collation?: Options['collation'];
  variables?: Document;
  /** Copy the input documents first, for pipelines whose stages may modify them in place. */
  cloneInput?: boolean;
}

/** Options for one query, update or pipeline; cheap to create, sharing the engine's operator table. */
export function createMingoOptions(input: MingoOptionsInput = {}): Options {
  return new ComputeOptions({
    ...MINGO_DEFAULTS,
    context: ENGINE_CONTEXT,
    ...(input.collectionResolver ? { collectionResolver: input.collectionResolver } : {}),
    ...(input.collation ? { collation: input.collation } : {}),
    ...(input.variables ? { variables: input.variables } : {}),
    ...(input.cloneInput ? { processingMode: ProcessingMode.CLONE_INPUT } : {}),
  });
}
