import assert from 'node:assert/strict';
import { Decimal128, Long, ObjectId, type Document } from 'bson';
import fc from 'fast-check';
import { update as mingoUpdate } from 'mingo/updater';
import {
  applyUpdate,
  buildUpsertDocument,
  cloneDocument,
  withIdFirst,
} from '../../embedded-mongo/query/apply-update.js';
import { keyOfValue } from '../../embedded-mongo/storage/value-key.js';

const IDS = [new ObjectId(), new ObjectId()];

/** Values whose equality is subtle: numbers of every type, -0, null, nested documents in two orders. */
const arbitraryValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('a', 'b', ''),
  fc.constantFrom(0, -0, 1, 1.5),
  fc.constantFrom(Long.fromNumber(1), Decimal128.fromString('1.0'), Decimal128.fromString('2')),
  fc.constant(null),
  fc.constantFrom(...IDS),
  fc.constant(new Date('2024-01-01T00:00:00Z')),
  fc.constantFrom(['a', 'b'], [1, 2], [], [null]),
  fc.constantFrom({ x: 1 }, { x: 1, y: 2 }, { y: 2, x: 1 }, [[1]], [{ x: 1 }], {}),
);

const FIELDS = ['a', 'b', 'c', 'metrics'] as const;

const arbitraryFields = fc.record(
  Object.fromEntries(FIELDS.map((field) => [field, arbitraryValue])) as Record<
    (typeof FIELDS)[number],
    fc.Arbitrary<unknown>
  >,
  { requiredKeys: [] },
);

/**
 * mingo's own `update`, on a deep copy, as the engine applied every update before it had a native path;
 * `changed` is mingo's verdict (a field it replaced, as when an Int32 1 replaces a Decimal128 1.0).
 */
function updateWithMingo(doc: Document, operators: Document): { doc: Document; changed: boolean } {
  const next = cloneDocument(doc);
  const modified = mingoUpdate(next, operators, undefined, undefined, { cloneMode: 'deep' });
  return { doc: withIdFirst(next), changed: modified.length > 0 };
}

describe('engine: native $set equivalence', () => {
  it('updates a document exactly as mingo does: same fields, order, values and changed flag', () => {
    fc.assert(
      fc.property(arbitraryFields, arbitraryFields, arbitraryFields, (stored, $set, $setOnInsert) => {
        const doc = { _id: 1, ...stored };
        const update = { $set, ...(Object.keys($setOnInsert).length > 0 ? { $setOnInsert } : {}) };
        const native = applyUpdate(doc, { update, filter: { _id: 1 } });
        const expected = updateWithMingo(doc, { $set });
        assert.equal(keyOfValue(native.doc), keyOfValue(expected.doc));
        assert.deepEqual(Object.keys(native.doc), Object.keys(expected.doc));
        assert.equal(native.changed, expected.changed);
        // The stored document is left as it was.
        assert.equal(keyOfValue(doc), keyOfValue({ _id: 1, ...stored }));
      }),
      { numRuns: 500 },
    );
  });

  it('builds an upsert exactly as mingo does from the filter seed, $set and $setOnInsert', () => {
    fc.assert(
      fc.property(arbitraryFields, arbitraryFields, arbitraryFields, (pinned, $set, $setOnInsert) => {
        // Equality filters only: documents, arrays and values with `$` keys are conditions of their own.
        const filter: Document = { _id: 7 };
        for (const [field, value] of Object.entries(pinned)) {
          if (typeof value !== 'object' || value === null || value instanceof ObjectId) filter[field] = value;
        }
        const update = { $set, ...(Object.keys($setOnInsert).length > 0 ? { $setOnInsert } : {}) };
        const native = buildUpsertDocument({ update, filter });
        const expected = updateWithMingo(cloneDocument(filter), { $set: { ...$set, ...$setOnInsert } });
        assert.equal(keyOfValue(native), keyOfValue(expected.doc));
        assert.deepEqual(Object.keys(native), Object.keys(expected.doc));
      }),
      { numRuns: 500 },
    );
  });

  it('never shares a value the update wrote with the update document itself', () => {
    const metrics = { attacks: { value: 3 } };
    const { doc } = applyUpdate({ _id: 1, metrics: null }, { update: { $set: { metrics } }, filter: {} });
    metrics.attacks.value = 4;
    assert.deepEqual(doc.metrics, { attacks: { value: 3 } });
  });
});
