import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Aggregator } from 'mingo/aggregator';
import * as expressionOperators from 'mingo/operators/expression';
import type { Options } from 'mingo/types';
import { createMingoOptions } from '../../embedded-mongo/query/mingo-options.js';
import { createDateToString } from '../../embedded-mongo/query/operators/date-format-operators.js';

type ExpressionOperator = (obj: unknown, expr: unknown, options: Options) => unknown;
const mingoDateToString = expressionOperators.$dateToString as unknown as ExpressionOperator;
const engineDateToString = createDateToString(mingoDateToString);

/** The result, or the error message when the operator throws (a format starting with `$` is a field path). */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return `throws: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const arbitraryFormat = fc
  .array(fc.constantFrom('%Y', '%m', '%d', '%H', '%M', '%S', '%L', '-', 'T', ':', '.', ' ', 'x', '%j', '$'), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

describe('engine: $dateToString fast path', () => {
  it('formats exactly as mingo does, for any date and numeric format', () => {
    const options = createMingoOptions();
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date(-1e14), max: new Date(4e14) }),
        arbitraryFormat,
        (date, format) => {
          const doc = { at: date };
          const expr = { format, date: '$at' };
          assert.equal(
            outcome(() => engineDateToString(doc, expr, options)),
            outcome(() => mingoDateToString(doc, expr, options)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves time zones and onNull to mingo', () => {
    const options = createMingoOptions();
    const doc = { at: new Date('2024-03-31T22:30:00Z') };
    for (const expr of [
      { format: '%Y-%m-%d', date: '$at', timezone: 'Europe/Kyiv' },
      { format: '%Y-%m-%d', date: '$missing', onNull: 'none' },
    ]) {
      assert.equal(engineDateToString(doc, expr, options), mingoDateToString(doc, expr, options));
    }
  });

  it('is the operator the engine groups with', () => {
    const [row] = new Aggregator(
      [{ $group: { _id: { $dateToString: { format: '%Y-%m', date: '$at' } }, n: { $sum: 1 } } }],
      createMingoOptions(),
    ).run([{ at: new Date('2025-02-03T00:00:00Z') }, { at: new Date('2025-02-28T23:59:59Z') }]);
    assert.deepEqual(row, { _id: '2025-02', n: 2 });
  });
});
