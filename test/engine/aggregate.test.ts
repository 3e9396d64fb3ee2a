import assert from 'node:assert/strict';
import { useEngineTestDb } from './engine-test-db.js';

describe('engine: aggregate', () => {
  const testDb = useEngineTestDb('aggregate');

  async function seedSales(): Promise<void> {
    await testDb()
      .db.collection('sales')
      .insertMany([
        { region: 'a', day: new Date('2024-01-01T00:00:00Z'), n: 1 },
        { region: 'a', day: new Date('2024-01-02T00:00:00Z'), n: 4 },
        { region: 'a', day: new Date('2024-02-01T00:00:00Z'), n: 2 },
        { region: 'b', day: new Date('2024-01-01T00:00:00Z'), n: 10 },
      ]);
  }

  it('groups with $sum, $avg, $min, $max, $first, $last, $push, $addToSet and $count', async () => {
    await seedSales();
    const [group] = await testDb()
      .db.collection('sales')
      .aggregate([
        { $match: { region: 'a' } },
        { $sort: { day: 1 } },
        {
          $group: {
            _id: '$region',
            sum: { $sum: '$n' },
            avg: { $avg: '$n' },
            min: { $min: '$n' },
            max: { $max: '$n' },
            first: { $first: '$n' },
            last: { $last: '$n' },
            all: { $push: '$n' },
            distinct: { $addToSet: '$region' },
            count: { $count: {} },
          },
        },
      ])
      .toArray();
    assert.deepEqual(group, {
      _id: 'a',
      sum: 7,
      avg: 7 / 3,
      min: 1,
      max: 4,
      first: 1,
      last: 2,
      all: [1, 4, 2],
      distinct: ['a'],
      count: 3,
    });
  });

  it('groups with $top, $bottom, $firstN, $maxN and $stdDevPop', async () => {
    await seedSales();
    const [group] = await testDb()
      .db.collection('sales')
      .aggregate([
        { $match: { region: 'a' } },
        {
          $group: {
            _id: null,
            top: { $top: { sortBy: { n: -1 }, output: '$n' } },
            bottom: { $bottom: { sortBy: { n: -1 }, output: '$n' } },
            firstTwo: { $firstN: { input: '$n', n: 2 } },
            maxTwo: { $maxN: { input: '$n', n: 2 } },
            sd: { $stdDevPop: '$n' },
          },
        },
      ])
      .toArray();
    assert.equal(group?.top, 4);
    assert.equal(group?.bottom, 1);
    assert.equal((group?.firstTwo as unknown[]).length, 2);
    assert.deepEqual(group?.maxTwo, [4, 2]);
    assert.ok(Math.abs((group?.sd as number) - Math.sqrt(14 / 9)) < 1e-9);
  });

  it('returns the matching documents of a pipeline that is only a $match on an indexed field', async () => {
    await seedSales();
    await testDb().db.collection('sales').createIndex({ region: 1 });
    const docs = await testDb()
      .db.collection('sales')
      .aggregate([{ $match: { region: 'a' } }])
      .toArray();
    assert.deepEqual(
      docs.map((doc) => doc.n as unknown),
      [1, 4, 2],
    );
  });

  it('counts documents for countDocuments, which runs $match then $group', async () => {
    await seedSales();
    assert.equal(
      await testDb()
        .db.collection('sales')
        .countDocuments({ region: 'a', n: { $gte: 2 } }),
      2,
    );
  });

  it('formats dates with $dateToString in a named time zone', async () => {
    await testDb()
      .db.collection('events')
      .insertOne({ at: new Date('2024-06-30T22:30:00Z') });
    const [doc] = await testDb()
      .db.collection('events')
      .aggregate([
        {
          $project: {
            _id: 0,
            kyiv: { $dateToString: { date: '$at', format: '%Y-%m-%d %H:%M', timezone: 'Europe/Kyiv' } },
            utc: { $dateToString: { date: '$at', format: '%Y-%m-%d %H:%M' } },
            offset: { $dateToString: { date: '$at', format: '%H:%M', timezone: '+05:30' } },
          },
        },
      ])
      .toArray();
    assert.deepEqual(doc, { kyiv: '2024-07-01 01:30', utc: '2024-06-30 22:30', offset: '04:00' });
  });

  it('follows daylight saving time when extracting date parts in a time zone', async () => {
    await testDb()
      .db.collection('events')
      .insertMany([{ at: new Date('2024-01-15T12:00:00Z') }, { at: new Date('2024-07-15T12:00:00Z') }]);
    const docs = await testDb()
      .db.collection('events')
      .aggregate([
        { $sort: { at: 1 } },
        { $project: { _id: 0, hour: { $hour: { date: '$at', timezone: 'Europe/Kyiv' } } } },
      ])
      .toArray();
    assert.deepEqual(docs, [{ hour: 14 }, { hour: 15 }]);
  });

  it('truncates to the start of a month or year in a named time zone across a DST change', async () => {
    await testDb()
      .db.collection('events')
      .insertOne({ at: new Date('2024-07-31T21:30:00Z') });
    const [doc] = await testDb()
      .db.collection('events')
      .aggregate([
        {
          $project: {
            _id: 0,
            month: { $dateTrunc: { date: '$at', unit: 'month', timezone: 'Europe/Kyiv' } },
            year: { $dateTrunc: { date: '$at', unit: 'year', timezone: 'Europe/Kyiv' } },
          },
        },
      ])
      .toArray();
    assert.equal((doc?.month as Date).toISOString(), '2024-07-31T21:00:00.000Z');
    assert.equal((doc?.year as Date).toISOString(), '2023-12-31T22:00:00.000Z');
  });

  it('parses a local date string in a named time zone with $dateFromString', async () => {
    const [doc] = await testDb()
      .db.aggregate([
        { $documents: [{ s: '2024-04-01T00:30:00' }] },
        { $project: { at: { $dateFromString: { dateString: '$s', timezone: 'Europe/Kyiv' } } } },
      ])
      .toArray();
    assert.equal((doc?.at as Date).toISOString(), '2024-03-31T21:30:00.000Z');
  });

  it('adds calendar days on the local clock with $dateAdd in a named time zone', async () => {
    const [doc] = await testDb()
      .db.aggregate([
        { $documents: [{ at: new Date('2024-03-30T22:00:00Z') }] },
        {
          $project: {
            next: { $dateAdd: { startDate: '$at', unit: 'day', amount: 1, timezone: 'Europe/Kyiv' } },
          },
        },
      ])
      .toArray();
    assert.equal((doc?.next as Date).toISOString(), '2024-03-31T21:00:00.000Z');
  });

  it('puts _id first, then included fields in stored order, then computed ones in $project', async () => {
    await testDb().db.collection('posts').insertOne({ b: 1, a: 2, c: 3 });
    const [doc] = await testDb()
      .db.collection('posts')
      .aggregate([{ $project: { total: { $add: ['$a', '$b'] }, c: 1, a: 1 } }])
      .toArray();
    assert.deepEqual(Object.keys(doc!), ['_id', 'a', 'c', 'total']);
  });

  it('puts _id first in the output of $bucket', async () => {
    await seedSales();
    const docs = await testDb()
      .db.collection('sales')
      .aggregate([{ $bucket: { groupBy: '$n', boundaries: [0, 5, 100] } }])
      .toArray();
    assert.deepEqual(docs, [
      { _id: 0, count: 3 },
      { _id: 5, count: 1 },
    ]);
    assert.deepEqual(Object.keys(docs[0]!), ['_id', 'count']);
  });

  it('computes running totals with $setWindowFields', async () => {
    await seedSales();
    const docs = await testDb()
      .db.collection('sales')
      .aggregate([
        { $match: { region: 'a' } },
        {
          $setWindowFields: {
            partitionBy: '$region',
            sortBy: { day: 1 },
            output: { running: { $sum: '$n', window: { documents: ['unbounded', 'current'] } } },
          },
        },
        { $project: { _id: 0, running: 1 } },
      ])
      .toArray();
    assert.deepEqual(
      docs.map((doc) => doc.running as unknown),
      [1, 5, 7],
    );
  });

  it('runs several sub-pipelines over the same input with $facet', async () => {
    await seedSales();
    const [doc] = await testDb()
      .db.collection('sales')
      .aggregate([
        {
          $facet: {
            total: [{ $group: { _id: null, n: { $sum: '$n' } } }, { $project: { _id: 0 } }],
            regions: [{ $group: { _id: '$region' } }, { $sort: { _id: 1 } }],
          },
        },
      ])
      .toArray();
    assert.deepEqual(doc, { total: [{ n: 17 }], regions: [{ _id: 'a' }, { _id: 'b' }] });
  });

  it('joins another collection of the same database with $lookup', async () => {
    await seedSales();
    await testDb()
      .db.collection('regions')
      .insertMany([
        { code: 'a', name: 'Alpha' },
        { code: 'b', name: 'Beta' },
      ]);
    const docs = await testDb()
      .db.collection('sales')
      .aggregate([
        { $match: { region: 'b' } },
        { $lookup: { from: 'regions', localField: 'region', foreignField: 'code', as: 'info' } },
        { $project: { _id: 0, name: { $first: '$info.name' } } },
      ])
      .toArray();
    assert.deepEqual(docs, [{ name: 'Beta' }]);
  });

  it('joins with a $lookup sub-pipeline that uses let variables', async () => {
    await seedSales();
    await testDb()
      .db.collection('targets')
      .insertMany([
        { region: 'a', goal: 3 },
        { region: 'b', goal: 50 },
      ]);
    const docs = await testDb()
      .db.collection('sales')
      .aggregate([
        { $match: { region: 'b' } },
        {
          $lookup: {
            from: 'targets',
            let: { r: '$region' },
            pipeline: [{ $match: { $expr: { $eq: ['$region', '$$r'] } } }, { $project: { _id: 0, goal: 1 } }],
            as: 'target',
          },
        },
        { $project: { _id: 0, target: 1 } },
      ])
      .toArray();
    assert.deepEqual(docs, [{ target: [{ goal: 50 }] }]);
  });

  it('unwinds arrays, adds fields and counts', async () => {
    await testDb()
      .db.collection('posts')
      .insertMany([{ tags: ['a', 'b'] }, { tags: ['b'] }]);
    const docs = await testDb()
      .db.collection('posts')
      .aggregate([
        { $unwind: '$tags' },
        { $sortByCount: '$tags' },
        { $addFields: { label: { $concat: ['#', '$_id'] } } },
      ])
      .toArray();
    assert.deepEqual(docs, [
      { _id: 'b', count: 2, label: '#b' },
      { _id: 'a', count: 1, label: '#a' },
    ]);
  });

  it('does not change stored documents when a stage rewrites nested fields', async () => {
    await testDb()
      .db.collection('posts')
      .insertOne({ meta: { views: 1 } });
    await testDb()
      .db.collection('posts')
      .aggregate([{ $set: { 'meta.views': 99 } }])
      .toArray();
    const stored = await testDb()
      .db.collection('posts')
      .findOne({}, { projection: { _id: 0 } });
    assert.deepEqual(stored, { meta: { views: 1 } });
  });

  it('writes the result into another collection with $out', async () => {
    await seedSales();
    await testDb()
      .db.collection('sales')
      .aggregate([{ $group: { _id: '$region', total: { $sum: '$n' } } }, { $out: 'totals' }])
      .toArray();
    const totals = await testDb().db.collection('totals').find().sort({ _id: 1 }).toArray();
    assert.deepEqual(totals, [
      { _id: 'a', total: 7 },
      { _id: 'b', total: 10 },
    ]);
  });

  it('merges the result into another collection with $merge, updating matches and inserting the rest', async () => {
    await seedSales();
    await testDb()
      .db.collection<{ _id: string; total: number; note?: string }>('totals')
      .insertOne({ _id: 'a', total: 0, note: 'kept' });
    await testDb()
      .db.collection('sales')
      .aggregate([{ $group: { _id: '$region', total: { $sum: '$n' } } }, { $merge: { into: 'totals' } }])
      .toArray();
    const totals = await testDb().db.collection('totals').find().sort({ _id: 1 }).toArray();
    assert.deepEqual(totals, [
      { _id: 'a', total: 7, note: 'kept' },
      { _id: 'b', total: 10 },
    ]);
  });

  it('keeps existing documents and discards new ones when $merge is told to', async () => {
    await seedSales();
    await testDb().db.collection<{ _id: string; total: number }>('totals').insertOne({ _id: 'a', total: 0 });
    await testDb()
      .db.collection('sales')
      .aggregate([
        { $group: { _id: '$region', total: { $sum: '$n' } } },
        { $merge: { into: 'totals', whenMatched: 'keepExisting', whenNotMatched: 'discard' } },
      ])
      .toArray();
    assert.deepEqual(await testDb().db.collection('totals').find().toArray(), [{ _id: 'a', total: 0 }]);
  });

  it('returns a large result through a cursor with getMore', async () => {
    await testDb()
      .db.collection('many')
      .insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));
    const docs = await testDb()
      .db.collection('many')
      .aggregate([{ $match: { i: { $gte: 50 } } }], { cursor: { batchSize: 20 } })
      .toArray();
    assert.equal(docs.length, 250);
  });

  it('fails with an error reply for an unknown stage', async () => {
    await assert.rejects(
      testDb()
        .db.collection('sales')
        .aggregate([{ $noSuchStage: {} }])
        .toArray(),
    );
  });
});
