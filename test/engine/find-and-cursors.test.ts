import assert from 'node:assert/strict';
import type { MongoServerError } from 'mongodb';
import { useEngineTestDb } from './engine-test-db.js';

describe('engine: find and cursors', () => {
  const testDb = useEngineTestDb('find');

  async function seed(count: number): Promise<void> {
    await testDb()
      .db.collection('items')
      .insertMany(Array.from({ length: count }, (_, i) => ({ i, even: i % 2 === 0, pad: 'x' })));
  }

  describe('find', () => {
    it('sends what a document holds now after every kind of write, though it sends a document read before as the bytes it had', async () => {
      const items = testDb().db.collection('items');
      await seed(3);
      const read = async () =>
        (await items.find({}, { sort: { i: 1 } }).toArray()).map((doc): unknown[] => [
          doc.i,
          doc.pad,
          doc.extra,
        ]);
      assert.deepEqual(await read(), [
        [0, 'x', undefined],
        [1, 'x', undefined],
        [2, 'x', undefined],
      ]);
      await items.updateOne({ i: 0 }, { $set: { pad: 'y' } });
      await items.updateOne({ i: 1 }, { $set: { 'nested.deep': 1, extra: true } });
      await items.replaceOne({ i: 2 }, { i: 2, pad: 'z' });
      assert.deepEqual(await read(), [
        [0, 'y', undefined],
        [1, 'x', true],
        [2, 'z', undefined],
      ]);
      await items.findOneAndUpdate({ i: 0 }, { $inc: { i: 10 } });
      await items.updateMany({}, [{ $set: { pad: { $concat: ['$pad', '!'] } } }]);
      assert.deepEqual(await read(), [
        [1, 'x!', true],
        [2, 'z!', undefined],
        [10, 'y!', undefined],
      ]);
    });

    it('filters, sorts, skips and limits', async () => {
      await seed(20);
      const docs = await testDb()
        .db.collection('items')
        .find({ even: true })
        .sort({ i: -1 })
        .skip(2)
        .limit(3)
        .toArray();
      assert.deepEqual(
        docs.map((doc) => doc.i as unknown),
        [14, 12, 10],
      );
    });

    it('sorts on several keys, the later ones breaking ties', async () => {
      await testDb()
        .db.collection('items')
        .insertMany([
          { a: 1, b: 2 },
          { a: 0, b: 5 },
          { a: 1, b: 1 },
        ]);
      const docs = await testDb()
        .db.collection('items')
        .find({}, { projection: { _id: 0 } })
        .sort({ a: -1, b: 1 })
        .toArray();
      assert.deepEqual(docs, [
        { a: 1, b: 1 },
        { a: 1, b: 2 },
        { a: 0, b: 5 },
      ]);
    });

    it('sorts missing and null fields before numbers and numbers before strings', async () => {
      await testDb()
        .db.collection('items')
        .insertMany([{ v: 'b' }, { v: 2 }, {}, { v: null }, { v: 1.5 }]);
      const docs = await testDb()
        .db.collection('items')
        .find({}, { projection: { _id: 0 } })
        .sort({ v: 1 })
        .toArray();
      assert.deepEqual(
        docs.slice(2).map((doc) => doc.v as unknown),
        [1.5, 2, 'b'],
      );
    });

    it('keeps the stored field order in an inclusion projection', async () => {
      await testDb()
        .db.collection('items')
        .insertOne({ z: 1, a: 2, m: { y: 1, b: 2 }, q: 3 });
      const doc = await testDb()
        .db.collection('items')
        .findOne({}, { projection: { q: 1, 'm.b': 1, 'm.y': 1, z: 1 } });
      assert.deepEqual(Object.keys(doc!), ['_id', 'z', 'm', 'q']);
      assert.deepEqual(Object.keys(doc!.m as object), ['y', 'b']);
    });

    it('drops excluded fields, nested ones included, without touching the stored document', async () => {
      await testDb()
        .db.collection('items')
        .insertOne({ a: 1, nested: { keep: 1, drop: 2 } });
      const projected = await testDb()
        .db.collection('items')
        .findOne({}, { projection: { _id: 0, 'nested.drop': 0 } });
      assert.deepEqual(projected, { a: 1, nested: { keep: 1 } });
      const stored = await testDb()
        .db.collection('items')
        .findOne({}, { projection: { _id: 0 } });
      assert.deepEqual(stored, { a: 1, nested: { keep: 1, drop: 2 } });
    });

    it('matches array fields by element, $elemMatch, $all and $size', async () => {
      await testDb()
        .db.collection('items')
        .insertMany([
          { tags: ['a', 'b'], scores: [{ s: 5 }, { s: 9 }] },
          { tags: ['b', 'c'], scores: [{ s: 1 }] },
        ]);
      const items = testDb().db.collection('items');
      assert.equal(await items.countDocuments({ tags: 'a' }), 1);
      assert.equal(await items.countDocuments({ tags: { $all: ['b', 'c'] } }), 1);
      assert.equal(await items.countDocuments({ tags: { $size: 2 } }), 2);
      assert.equal(await items.countDocuments({ scores: { $elemMatch: { s: { $gt: 8 } } } }), 1);
    });

    it('supports $or, $nor, $not, $exists, $regex, $type and $expr', async () => {
      await testDb()
        .db.collection('items')
        .insertMany([
          { name: 'Kyiv', n: 3, m: 1 },
          { name: 'Lviv', n: 1, m: 2 },
          { name: 'Odesa', m: 0 },
        ]);
      const items = testDb().db.collection('items');
      assert.equal(await items.countDocuments({ $or: [{ n: 3 }, { name: 'Odesa' }] }), 2);
      assert.equal(await items.countDocuments({ $nor: [{ n: 3 }, { name: 'Odesa' }] }), 1);
      assert.equal(await items.countDocuments({ n: { $not: { $gt: 2 } } }), 2);
      assert.equal(await items.countDocuments({ n: { $exists: false } }), 1);
      assert.equal(await items.countDocuments({ name: { $regex: '^.viv$' } }), 1);
      assert.equal(await items.countDocuments({ name: /^k/i }), 1);
      assert.equal(await items.countDocuments({ n: { $type: 'number' } }), 2);
      assert.equal(await items.countDocuments({ $expr: { $gt: ['$n', '$m'] } }), 1);
    });

    it('returns documents in reverse insertion order for a $natural: -1 sort', async () => {
      await seed(5);
      const docs = await testDb().db.collection('items').find().sort({ $natural: -1 }).toArray();
      assert.deepEqual(
        docs.map((doc) => doc.i as unknown),
        [4, 3, 2, 1, 0],
      );
    });

    it('projects the array element matched by the query with the positional $', async () => {
      await testDb()
        .db.collection('items')
        .insertOne({ grades: [70, 85, 90] });
      const doc = await testDb()
        .db.collection('items')
        .findOne({ grades: { $gte: 80 } }, { projection: { _id: 0, 'grades.$': 1 } });
      assert.deepEqual(doc, { grades: [85] });
    });

    it('slices arrays in a projection with $slice', async () => {
      await testDb()
        .db.collection('items')
        .insertOne({ list: [1, 2, 3, 4] });
      const doc = await testDb()
        .db.collection('items')
        .findOne({}, { projection: { _id: 0, list: { $slice: -2 } } });
      assert.deepEqual(doc, { list: [3, 4] });
    });

    it('accepts a $comment in the filter', async () => {
      await seed(3);
      assert.equal(await testDb().db.collection('items').countDocuments({ $comment: 'why', i: 1 }), 1);
      assert.equal(
        (await testDb().db.collection('items').find({ $comment: 'why', i: 2 }).toArray()).length,
        1,
      );
    });

    it('returns nothing, not an error, for a collection that does not exist', async () => {
      assert.deepEqual(await testDb().db.collection('nothing').find().toArray(), []);
    });
  });

  describe('cursors', () => {
    it('returns 101 documents in the first batch by default and the rest through getMore', async () => {
      await seed(250);
      const cursor = testDb().db.collection('items').find();
      await cursor.hasNext();
      assert.equal(cursor.bufferedCount(), 101);
      assert.equal((await cursor.toArray()).length, 250);
    });

    it('honours batchSize on find and getMore', async () => {
      await seed(10);
      const cursor = testDb().db.collection('items').find({}, { batchSize: 3 });
      await cursor.hasNext();
      assert.equal(cursor.bufferedCount(), 3);
      assert.equal((await cursor.toArray()).length, 10);
    });

    it('caps a batch at 16 MiB even when more documents were asked for', async () => {
      const big = 'x'.repeat(1024 * 1024);
      await testDb()
        .db.collection('items')
        .insertMany(Array.from({ length: 20 }, (_, i) => ({ i, big })));
      const cursor = testDb().db.collection('items').find({}, { batchSize: 1000 });
      await cursor.hasNext();
      const first = cursor.bufferedCount();
      assert.ok(first >= 14 && first < 20, `first batch held ${first} documents of 1 MiB`);
      assert.equal((await cursor.toArray()).length, 20);
    });

    it('opens a cursor with an empty first batch when batchSize is 0', async () => {
      await seed(5);
      const reply = await testDb().db.command({ find: 'items', batchSize: 0 });
      const cursor = reply.cursor as { firstBatch: unknown[]; id: unknown };
      assert.equal(cursor.firstBatch.length, 0);
      assert.notEqual(String(cursor.id), '0');
      const more = await testDb().db.command({ getMore: cursor.id, collection: 'items' });
      assert.equal((more.cursor as { nextBatch: unknown[] }).nextBatch.length, 5);
    });

    it('returns one batch and no open cursor with a negative limit', async () => {
      await seed(30);
      const docs = await testDb().db.collection('items').find({}, { limit: -5 }).toArray();
      assert.equal(docs.length, 5);
    });

    it('closes a cursor on killCursors, after which getMore fails with CursorNotFound', async () => {
      await seed(30);
      const db = testDb().db;
      const reply = await db.command({ find: 'items', batchSize: 2 });
      const cursorId = (reply.cursor as { id: unknown }).id;
      const killed = await db.command({ killCursors: 'items', cursors: [cursorId] });
      assert.equal((killed.cursorsKilled as unknown[]).length, 1);
      await assert.rejects(
        db.command({ getMore: cursorId, collection: 'items' }),
        (error: MongoServerError) => {
          assert.equal(error.code, 43);
          return true;
        },
      );
    });

    it('closes the server cursor when the driver closes a cursor early', async () => {
      await seed(30);
      const cursor = testDb().db.collection('items').find({}, { batchSize: 2 });
      await cursor.next();
      const cursorId = cursor.id;
      assert.ok(cursorId && !cursorId.isZero());
      await cursor.close();
      await assert.rejects(
        testDb().db.command({ getMore: cursorId, collection: 'items' }),
        (error: MongoServerError) => error.code === 43,
      );
    });
  });
});
