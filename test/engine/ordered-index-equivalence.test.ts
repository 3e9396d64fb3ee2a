import assert from 'node:assert/strict';
import { Decimal128, Long, type Document } from 'bson';
import fc from 'fast-check';
import { matchDocuments } from '../../embedded-mongo/query/match-documents.js';
import { Collection } from '../../embedded-mongo/storage/collection.js';

/** Scalars of several BSON types with close values, so ranges cross type brackets and ties are common. */
const arbitraryScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('a', 'b', 'c', ''),
  fc.constantFrom(0, 1, 2, 2.5, -1),
  fc.constantFrom(Long.fromNumber(2), Decimal128.fromString('1.0')),
  fc.constant(null),
  fc.constantFrom(new Date('2024-01-01T00:00:00Z'), new Date('2024-06-01T00:00:00Z')),
  fc.constantFrom(true, false),
);

/** Documents with the indexed fields sometimes missing and, rarely, an array (which makes an index multikey). */
const arbitraryDoc = fc.record(
  {
    region: fc.constantFrom('x', 'y', 'z'),
    day: fc.oneof({ weight: 60, arbitrary: arbitraryScalar }, { weight: 1, arbitrary: fc.constant([1, 3]) }),
    n: arbitraryScalar,
  },
  { requiredKeys: [] },
);

function arbitraryRangeOf(bound: fc.Arbitrary<unknown>): fc.Arbitrary<Document> {
  return fc
    .record({ $gt: bound, $gte: bound, $lt: bound, $lte: bound }, { requiredKeys: [] })
    .filter((range) => Object.keys(range).length > 0);
}

const arbitraryRange = arbitraryRangeOf(arbitraryScalar);

/** Mostly ranges on `day`, often after an equality on `region`, sometimes with a condition on `n`. */
const arbitraryFilter: fc.Arbitrary<Document> = fc
  .tuple(
    fc.option(fc.oneof(fc.constantFrom('x', 'y', 'z'), arbitraryRangeOf(fc.constantFrom('x', 'y', 'z', 1)))),
    fc.option(fc.oneof({ weight: 1, arbitrary: arbitraryScalar }, { weight: 4, arbitrary: arbitraryRange }), {
      freq: 5,
    }),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.oneof(arbitraryScalar, arbitraryRange) },
    ),
  )
  .map(([region, day, n]) => {
    const filter: Document = {};
    if (region !== null) filter.region = region;
    if (day !== null) filter.day = day;
    if (n !== null) filter.n = n;
    return filter;
  });

const arbitrarySort = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom<Document>(
    { day: 1 },
    { day: -1 },
    { region: 1, day: 1 },
    { region: -1, day: -1 },
    { region: 1, day: -1 },
    { day: 1, region: 1 },
    { n: 1 },
    { day: -1, n: 1 },
  ),
);

function fill(indexed: Collection, plain: Collection, docs: Document[]): void {
  docs.forEach((doc, i) => {
    indexed.insert({ _id: i, ...doc });
    plain.insert({ _id: i, ...doc });
  });
}

describe('engine: ordered index equivalence', () => {
  it('returns exactly what a full scan and a stable sort return, for ranges, sorts, skips and limits', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryDoc, { maxLength: 40 }),
        arbitraryFilter,
        arbitrarySort,
        fc.nat({ max: 3 }),
        fc.nat({ max: 5 }),
        fc.boolean(),
        (docs, filter, sort, skip, limit, descending) => {
          const indexed = new Collection('test', 'indexed');
          indexed.createIndex({ name: 'region_day', key: { region: 1, day: descending ? -1 : 1 } });
          indexed.createIndex({ name: 'day_1', key: { day: 1 } });
          indexed.createIndex({ name: 'n_1', key: { n: -1 } });
          const plain = new Collection('test', 'plain');
          fill(indexed, plain, docs);
          const ids = (collection: Collection) =>
            matchDocuments(collection, filter, { sort, skip, limit }).map((doc) => doc._id as number);
          assert.deepEqual(ids(indexed), ids(plain));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps the index in step with updates and deletes', () => {
    const indexed = new Collection('test', 'indexed');
    indexed.createIndex({ name: 'day_1', key: { day: 1 } });
    for (let i = 0; i < 20; i++) indexed.insert({ _id: i, day: i });
    for (let i = 0; i < 20; i += 2) indexed.replace({ _id: i, day: 100 + i });
    for (let i = 1; i < 20; i += 4) indexed.remove(i);
    const days = matchDocuments(indexed, { day: { $gte: 5, $lt: 110 } }, { sort: { day: 1 } }).map(
      (doc) => doc.day as number,
    );
    assert.deepEqual(days, [7, 11, 15, 19, 100, 102, 104, 106, 108]);
  });
});
