import assert from 'node:assert/strict';
import { Decimal128, Long, ObjectId, type Document } from 'bson';
import fc from 'fast-check';
import { matchDocuments } from '../../embedded-mongo/query/match-documents.js';
import { Collection } from '../../embedded-mongo/storage/collection.js';

const IDS = [new ObjectId(), new ObjectId()];

/** Values that stress index keys: numbers of every type, null, arrays, nested documents, ObjectIds, dates. */
const arbitraryValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('a', 'b', 'A', ''),
  fc.constantFrom(0, 1, 2, 1.5, -0),
  fc.constantFrom(Long.fromNumber(1), Decimal128.fromString('1.0'), Decimal128.fromString('2')),
  fc.constant(null),
  fc.constantFrom(...IDS),
  fc.constant(new Date('2024-01-01T00:00:00Z')),
  fc.constantFrom(['a', 'b'], [1, 2], [], [null]),
  fc.constantFrom({ x: 1 }, { x: 1, y: 2 }, { y: 2, x: 1 }, [[1]], [{ x: 1 }]),
);

const arbitraryDoc = fc.record(
  { region: arbitraryValue, day: arbitraryValue, tag: arbitraryValue },
  { requiredKeys: [] },
);

const arbitraryCondition: fc.Arbitrary<unknown> = fc.oneof(
  arbitraryValue,
  arbitraryValue.map((value) => ({ $eq: value })),
  fc.array(arbitraryValue, { maxLength: 3 }).map((values) => ({ $in: values })),
  fc.tuple(arbitraryValue, arbitraryValue).map(([wanted, unwanted]) => ({ $eq: wanted, $ne: unwanted })),
  fc.tuple(fc.array(arbitraryValue, { maxLength: 3 }), arbitraryValue).map(([values, bound]) => ({
    $in: values,
    $gte: bound,
  })),
);

const arbitraryBranch = fc.record(
  {
    region: arbitraryCondition,
    day: arbitraryCondition,
    tag: arbitraryCondition,
    _id: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant({ $in: [1, 2, 3] })),
  },
  { requiredKeys: [] },
);

/** A filter of equalities, sometimes with a top-level `$or` of such filters. */
const arbitraryFilter = fc.oneof(
  arbitraryBranch,
  fc.record({ $or: fc.array(arbitraryBranch, { minLength: 1, maxLength: 3 }) }),
  fc
    .tuple(arbitraryBranch, fc.array(arbitraryBranch, { minLength: 1, maxLength: 2 }))
    .map(([filter, $or]) => ({
      ...filter,
      $or,
    })),
);

/** Inserts into both collections the documents the indexed one accepts (it refuses parallel arrays). */
function fill(indexed: Collection, plain: Collection, docs: Document[]): void {
  docs.forEach((doc, i) => {
    try {
      indexed.insert({ _id: i, ...doc });
    } catch {
      return;
    }
    plain.insert({ _id: i, ...doc });
  });
}

describe('engine: query planner equivalence', () => {
  it('returns exactly what a full scan returns, in the same order, for any equality or $or filter on indexed fields', () => {
    fc.assert(
      fc.property(fc.array(arbitraryDoc, { maxLength: 30 }), arbitraryFilter, (docs, filter) => {
        const indexed = new Collection('test', 'indexed');
        indexed.createIndex({ name: 'region_1_day_1', key: { region: 1, day: 1 } });
        indexed.createIndex({ name: 'day_1', key: { day: 1 } });
        const plain = new Collection('test', 'plain');
        fill(indexed, plain, docs);
        const ids = (collection: Collection) =>
          matchDocuments(collection, filter).map((doc) => doc._id as number);
        assert.deepEqual(ids(indexed), ids(plain));
      }),
      { numRuns: 1000 },
    );
  });

  it('returns what a full scan returns for a compound index over two fields of one array of subdocuments', () => {
    const arbitraryDay = fc.record(
      { region: fc.constantFrom('a', 'b', 'c'), date: fc.constantFrom(1, 2, 3) },
      { requiredKeys: [] },
    );
    const arbitraryDays = fc.oneof(fc.array(arbitraryDay, { maxLength: 4 }), arbitraryDay, fc.constant(null));
    const arbitraryDaysFilter = fc.oneof(
      fc.record(
        {
          'days.region': fc.oneof(fc.constantFrom('a', 'b'), fc.constant({ $in: ['a', 'c'] })),
          'days.date': fc.oneof(fc.constantFrom(1, 2), fc.constant({ $gte: 2 })),
        },
        { requiredKeys: [] },
      ),
      fc.record({ days: fc.record({ $elemMatch: arbitraryDay }) }),
    );
    fc.assert(
      fc.property(fc.array(arbitraryDays, { maxLength: 20 }), arbitraryDaysFilter, (daysList, filter) => {
        const indexed = new Collection('test', 'indexed');
        indexed.createIndex({ name: 'days.region_1_days.date_1', key: { 'days.region': 1, 'days.date': 1 } });
        const plain = new Collection('test', 'plain');
        fill(
          indexed,
          plain,
          daysList.map((days) => ({ days })),
        );
        const ids = (collection: Collection) =>
          matchDocuments(collection, filter).map((doc) => doc._id as number);
        assert.equal(indexed.size, daysList.length);
        assert.deepEqual(ids(indexed), ids(plain));
      }),
      { numRuns: 500 },
    );
  });
});
