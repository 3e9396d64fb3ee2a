import assert from 'node:assert/strict';
import { Decimal128, Long, ObjectId, type Document } from 'bson';
import fc from 'fast-check';
import { Aggregator } from 'mingo/aggregator';
import * as pipelineOperators from 'mingo/operators/pipeline';
import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import { createMingoOptions } from '../../embedded-mongo/query/mingo-options.js';

/** Values that accumulators treat differently: numbers, NaN, -0, strings, null, dates, documents, arrays. */
const arbitraryValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0.5, -0, Number.NaN, 1e300),
  fc.constantFrom('a', 'b', ''),
  fc.constant(null),
  fc.constantFrom(new Date('2024-01-31T23:00:00Z'), new Date('2024-02-01T00:00:00Z')),
  fc.constantFrom(Long.fromNumber(2), Decimal128.fromString('1.5'), new ObjectId('65a000000000000000000000')),
  fc.constantFrom({ x: 1 }, [1, 2], [], true),
);

const arbitraryDoc = fc.record(
  { k: arbitraryValue, v: arbitraryValue, at: arbitraryValue },
  { requiredKeys: [] },
);

const arbitraryAccumulator = fc.oneof(
  fc
    .constantFrom('$sum', '$avg', '$min', '$max', '$first', '$last')
    .chain((operator) => fc.constantFrom('$v', '$k', '$missing').map((field) => ({ [operator]: field }))),
  fc.constantFrom({ $sum: 1 }, { $sum: 0.1 }, { $count: {} }),
);

const arbitraryId = fc.constantFrom<unknown>(
  '$k',
  null,
  'constant',
  { $dateToString: { format: '%Y-%m', date: '$at' } },
  { $dateToString: { format: '%Y-%m-%d', date: '$at', timezone: 'Europe/Kyiv' } },
  { $toString: '$k' },
  { y: '$k' },
);

const arbitrarySpec = fc
  .tuple(arbitraryId, fc.array(arbitraryAccumulator, { minLength: 1, maxLength: 4 }))
  .map(([id, accumulators]) => {
    const spec: Document = { _id: id };
    accumulators.forEach((accumulator, i) => (spec[`out${i}`] = accumulator));
    return spec;
  });

/** mingo's own operators, without the engine's: the reference the one-pass `$group` must agree with. */
const mingoOnly = Context.init({
  accumulator: { ...accumulatorOperators },
  expression: { ...expressionOperators },
  pipeline: { ...pipelineOperators },
});

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return `throws: ${error instanceof Error ? error.message : String(error)}`;
  }
}

describe('engine: $group in one pass', () => {
  it('gives exactly what mingo gives, group order and values included, for any simple accumulators', () => {
    fc.assert(
      fc.property(fc.array(arbitraryDoc, { maxLength: 25 }), arbitrarySpec, (docs, spec) => {
        const pipeline = [{ $group: spec }];
        const engine = outcome(() => new Aggregator(pipeline, createMingoOptions()).run(docs));
        const mingo = outcome(() => new Aggregator(pipeline, { context: mingoOnly }).run(docs));
        assert.deepStrictEqual(engine, mingo);
      }),
      { numRuns: 2000 },
    );
  });
});
