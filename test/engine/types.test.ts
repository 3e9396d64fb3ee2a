import assert from 'node:assert/strict';
import { Binary, Decimal128, Double, Int32, Long, ObjectId, UUID } from 'bson';
import { useEngineTestDb } from './engine-test-db.js';

describe('engine: BSON types', () => {
  const testDb = useEngineTestDb('types');

  it('round-trips ObjectId, Date, Int32, Double, Decimal128, Binary, null and nested values by value', async () => {
    const id = new ObjectId();
    const original = {
      _id: id,
      at: new Date('2024-02-29T12:34:56.789Z'),
      int: new Int32(42),
      double: new Double(1.25),
      decimal: Decimal128.fromString('1234567890.123456789012345678'),
      binary: new Binary(Buffer.from([0, 1, 2, 254, 255])),
      uuid: new UUID('12345678-1234-4234-8234-123456789abc').toBinary(),
      nothing: null,
      nested: { list: [1, 'two', { three: [3] }], empty: {} },
    };
    await testDb().db.collection('values').insertOne(original);
    const stored = await testDb().db.collection('values').findOne({ _id: id });
    assert.ok(stored?._id.equals(id));
    assert.equal((stored?.at as Date).toISOString(), '2024-02-29T12:34:56.789Z');
    assert.equal(stored?.int, 42);
    assert.equal(stored?.double, 1.25);
    assert.equal((stored?.decimal as Decimal128).toString(), '1234567890.123456789012345678');
    assert.deepEqual(Buffer.from((stored?.binary as Binary).buffer), Buffer.from([0, 1, 2, 254, 255]));
    assert.equal((stored?.uuid as Binary).sub_type, 4);
    assert.equal(stored?.nothing, null);
    assert.deepEqual(stored?.nested, { list: [1, 'two', { three: [3] }], empty: {} });
  });

  it('keeps an Int64 beyond 2^53 exact', async () => {
    const huge = Long.fromString('9007199254740993');
    await testDb().db.collection('values').insertOne({ huge });
    const stored = await testDb().db.collection('values').findOne({}, { useBigInt64: true });
    assert.equal(stored?.huge, 9007199254740993n);
  });

  it('finds an Int64 beyond 2^53 by equality and orders it against its neighbours', async () => {
    const values = ['9007199254740993', '9007199254740992', '9007199254740994'].map((text) =>
      Long.fromString(text),
    );
    await testDb()
      .db.collection('values')
      .insertMany(values.map((v) => ({ v })));
    const found = await testDb()
      .db.collection('values')
      .countDocuments({ v: Long.fromString('9007199254740993') });
    assert.equal(found, 1);
    const sorted = await testDb()
      .db.collection('values')
      .find({ v: { $gt: Long.fromString('9007199254740992') } }, { useBigInt64: true })
      .sort({ v: 1 })
      .toArray();
    assert.deepEqual(
      sorted.map((doc) => doc.v as unknown),
      [9007199254740993n, 9007199254740994n],
    );
  });

  it('compares Decimal128 values by number in range queries, not as text', async () => {
    await testDb()
      .db.collection('prices')
      .insertMany(['9.75', '10.25', '100', '2'].map((p) => ({ p: Decimal128.fromString(p) })));
    const docs = await testDb()
      .db.collection('prices')
      .find({ p: { $gt: Decimal128.fromString('9.5') } })
      .toArray();
    assert.deepEqual(docs.map((doc) => (doc.p as Decimal128).toString()).sort(), ['10.25', '100', '9.75']);
  });

  it('sorts Decimal128 values by number', async () => {
    await testDb()
      .db.collection('prices')
      .insertMany(['100', '9.5', '10.25', '-1'].map((p) => ({ p: Decimal128.fromString(p) })));
    const docs = await testDb().db.collection('prices').find().sort({ p: 1 }).toArray();
    assert.deepEqual(
      docs.map((doc) => (doc.p as Decimal128).toString()),
      ['-1', '9.5', '10.25', '100'],
    );
  });

  it('compares numbers of different BSON types by value', async () => {
    await testDb()
      .db.collection('numbers')
      .insertMany([
        { v: new Int32(5) },
        { v: new Double(5.5) },
        { v: Long.fromNumber(6) },
        { v: Decimal128.fromString('7') },
      ]);
    const numbers = testDb().db.collection('numbers');
    assert.equal(await numbers.countDocuments({ v: { $gt: 5 } }), 3);
    assert.equal(await numbers.countDocuments({ v: 7 }), 1);
    assert.equal(await numbers.countDocuments({ v: { $in: [6, 7] } }), 2);
  });

  it('queries and sorts dates chronologically', async () => {
    const days = ['2024-03-01', '2023-12-31', '2024-01-15'].map((day) => ({
      day: new Date(`${day}T00:00:00Z`),
    }));
    await testDb().db.collection('days').insertMany(days);
    const docs = await testDb()
      .db.collection('days')
      .find({ day: { $gte: new Date('2024-01-01T00:00:00Z'), $lt: new Date('2024-12-31T00:00:00Z') } })
      .sort({ day: -1 })
      .toArray();
    assert.deepEqual(
      docs.map((doc) => (doc.day as Date).toISOString().slice(0, 10)),
      ['2024-03-01', '2024-01-15'],
    );
  });

  it('orders ObjectIds by their bytes, so by creation time', async () => {
    const ids = [
      ObjectId.createFromTime(1_700_000_300),
      ObjectId.createFromTime(1_700_000_100),
      ObjectId.createFromTime(1_700_000_200),
    ];
    await testDb()
      .db.collection('ids')
      .insertMany(ids.map((_id) => ({ _id })));
    const docs = await testDb()
      .db.collection('ids')
      .find({ _id: { $gt: ids[1]! } })
      .sort({ _id: 1 })
      .toArray();
    assert.deepEqual(
      docs.map((doc) => doc._id.toHexString()),
      [ids[2]!.toHexString(), ids[0]!.toHexString()],
    );
  });

  it('does not match a string against a number in a range query', async () => {
    await testDb()
      .db.collection('mixed')
      .insertMany([{ v: '10' }, { v: 10 }]);
    assert.equal(
      await testDb()
        .db.collection('mixed')
        .countDocuments({ v: { $gte: 5 } }),
      1,
    );
  });

  it('matches an embedded document only with the same fields in the same order', async () => {
    await testDb()
      .db.collection('docs')
      .insertMany([{ at: { x: 1, y: 2 } }, { at: { y: 2, x: 1 } }]);
    const docs = testDb().db.collection('docs');
    assert.equal(await docs.countDocuments({ at: { x: 1, y: 2 } }), 1);
    assert.equal(await docs.countDocuments({ at: { $in: [{ y: 2, x: 1 }] } }), 1);
  });
});
