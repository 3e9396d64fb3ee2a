import assert from 'node:assert/strict';
import type { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { useEngineTestDb } from './engine-test-db.js';

describe('engine: insert, update and delete', () => {
  const testDb = useEngineTestDb('writes');

  describe('insert', () => {
    it('assigns an ObjectId _id when the document has none and stores _id first', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ name: 'a' }, { forceServerObjectId: true });
      const [doc] = await items.find().toArray();
      assert.equal(Object.keys(doc!)[0], '_id');
      assert.equal(doc!._id.constructor.name, 'ObjectId');
    });

    it('moves a client-supplied _id to the front of the stored document', async () => {
      const items = testDb().db.collection<{ _id: number; name: string }>('items');
      await items.insertOne({ name: 'a', _id: 5 });
      const [doc] = await items.find().toArray();
      assert.deepEqual(Object.keys(doc!), ['_id', 'name']);
    });

    it('inserts a bulk of documents in one command', async () => {
      const items = testDb().db.collection('items');
      const result = await items.insertMany(Array.from({ length: 2500 }, (_, i) => ({ i })));
      assert.equal(result.insertedCount, 2500);
      assert.equal(await items.countDocuments(), 2500);
    });
  });

  describe('update', () => {
    it('updates only the first match without multi, and reports matched and modified', async () => {
      const items = testDb().db.collection('items');
      await items.insertMany([
        { k: 1, v: 0 },
        { k: 1, v: 0 },
      ]);
      const result = await items.updateOne({ k: 1 }, { $set: { v: 1 } });
      assert.equal(result.matchedCount, 1);
      assert.equal(result.modifiedCount, 1);
      assert.equal(await items.countDocuments({ v: 1 }), 1);
    });

    it('updates every match with multi', async () => {
      const items = testDb().db.collection('items');
      await items.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]);
      const result = await items.updateMany({ k: 1 }, { $inc: { n: 2 } });
      assert.equal(result.modifiedCount, 2);
      assert.deepEqual((await items.find({ n: 2 }).toArray()).length, 2);
    });

    it('counts a match whose update changes nothing as matched but not modified', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ k: 1, v: 5 });
      const result = await items.updateOne({ k: 1 }, { $set: { v: 5 } });
      assert.equal(result.matchedCount, 1);
      assert.equal(result.modifiedCount, 0);
    });

    it('applies $unset, $push, $addToSet, $pull, $rename, $min, $max, $mul and $currentDate', async () => {
      interface Item {
        _id: number;
        a?: number;
        tags: string[];
        set?: string[];
        low: number;
        high: number;
        price: number;
        old?: string;
        renamed?: string;
        touched?: Date;
      }
      const items = testDb().db.collection<Item>('items');
      await items.insertOne({ _id: 1, a: 1, tags: ['x'], low: 5, high: 5, price: 2, old: 'o' });
      await items.updateOne(
        { _id: 1 },
        {
          $unset: { a: '' },
          $push: { tags: 'y' },
          $addToSet: { set: 'z' },
          $min: { low: 3 },
          $max: { high: 9 },
          $mul: { price: 3 },
          $rename: { old: 'renamed' },
          $currentDate: { touched: true as const },
        },
      );
      await items.updateOne({ _id: 1 }, { $pull: { tags: 'x' } });
      const doc = await items.findOne({ _id: 1 });
      assert.equal(doc?.a, undefined);
      assert.deepEqual(doc?.tags, ['y']);
      assert.deepEqual(doc?.set, ['z']);
      assert.equal(doc?.low, 3);
      assert.equal(doc?.high, 9);
      assert.equal(doc?.price, 6);
      assert.equal(doc?.renamed, 'o');
      assert.ok(doc?.touched instanceof Date);
    });

    it('updates the array element matched by the query through the positional $', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ _id: 1 as never, grades: [80, 85, 90] });
      await items.updateOne({ _id: 1 as never, grades: 85 }, { $set: { 'grades.$': 86 } });
      assert.deepEqual((await items.findOne({ _id: 1 as never }))?.grades, [80, 86, 90]);
    });

    it('updates only the array elements picked by arrayFilters', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ _id: 1 as never, grades: [95, 92, 90] });
      await items.updateOne(
        { _id: 1 as never },
        { $set: { 'grades.$[high]': 100 } },
        { arrayFilters: [{ high: { $gte: 92 } }] },
      );
      assert.deepEqual((await items.findOne({ _id: 1 as never }))?.grades, [100, 100, 90]);
    });

    it('replaces a whole document and keeps its _id', async () => {
      const items = testDb().db.collection('items');
      const { insertedId } = await items.insertOne({ a: 1, b: 2 });
      await items.replaceOne({ _id: insertedId }, { c: 3 });
      const doc = await items.findOne({ _id: insertedId });
      assert.deepEqual(Object.keys(doc!), ['_id', 'c']);
    });

    it('applies an aggregation-pipeline update', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ _id: 1 as never, a: 2, b: 3 });
      await items.updateOne({ _id: 1 as never }, [{ $set: { sum: { $add: ['$a', '$b'] } } }]);
      assert.equal((await items.findOne({ _id: 1 as never }))?.sum, 5);
    });

    it('refuses to change _id with code 66 ImmutableField', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ _id: 1 as never });
      await assert.rejects(
        items.updateOne({ _id: 1 as never }, { $set: { _id: 2 } }),
        (error: MongoServerError) => {
          assert.equal(error.code, 66);
          return true;
        },
      );
    });
  });

  describe('delete', () => {
    it('deletes one match with limit 1 and every match with limit 0', async () => {
      const items = testDb().db.collection('items');
      await items.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
      assert.equal((await items.deleteOne({ k: 1 })).deletedCount, 1);
      assert.equal((await items.deleteMany({ k: 1 })).deletedCount, 2);
      assert.equal(await items.countDocuments(), 1);
    });

    it('deletes nothing and reports zero when nothing matches', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ k: 1 });
      assert.equal((await items.deleteMany({ k: 9 })).deletedCount, 0);
    });
  });

  describe('findAndModify', () => {
    it('removes and returns the first document in sort order', async () => {
      const items = testDb().db.collection('items');
      await items.insertMany([
        { k: 'x', n: 2 },
        { k: 'y', n: 1 },
        { k: 'z', n: 3 },
      ]);
      const removed = await items.findOneAndDelete({}, { sort: { n: 1 }, projection: { _id: 0 } });
      assert.deepEqual(removed, { k: 'y', n: 1 });
      assert.equal(await items.countDocuments(), 2);
    });

    it('returns the document before the update by default and after it when asked', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ k: 'x', n: 1 });
      const before = await items.findOneAndUpdate({ k: 'x' }, { $inc: { n: 1 } }, { projection: { _id: 0 } });
      const after = await items.findOneAndUpdate(
        { k: 'x' },
        { $inc: { n: 1 } },
        { projection: { _id: 0 }, returnDocument: 'after' },
      );
      assert.deepEqual(before, { k: 'x', n: 1 });
      assert.deepEqual(after, { k: 'x', n: 3 });
    });

    it('replaces a document and returns the replacement', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ k: 'x', old: true });
      const replaced = await items.findOneAndReplace(
        { k: 'x' },
        { k: 'x', fresh: true },
        { returnDocument: 'after', projection: { _id: 0 } },
      );
      assert.deepEqual(replaced, { k: 'x', fresh: true });
    });

    it('returns null and changes nothing when no document matches', async () => {
      const items = testDb().db.collection('items');
      const result = await items.findOneAndUpdate(
        { k: 'none' },
        { $set: { n: 1 } },
        { includeResultMetadata: true },
      );
      assert.equal(result.value, null);
      assert.equal(result.lastErrorObject?.n, 0);
      assert.equal(await items.countDocuments(), 0);
    });
  });

  describe('bulkWrite', () => {
    it('runs mixed inserts, updates and deletes in order and reports each count', async () => {
      const items = testDb().db.collection('items');
      const result = await items.bulkWrite([
        { insertOne: { document: { _id: 1 as never, v: 1 } } },
        { insertOne: { document: { _id: 2 as never, v: 1 } } },
        { updateOne: { filter: { _id: 1 as never }, update: { $set: { v: 2 } } } },
        { deleteOne: { filter: { _id: 2 as never } } },
        { updateOne: { filter: { _id: 3 as never }, update: { $set: { v: 3 } }, upsert: true } },
      ]);
      assert.equal(result.insertedCount, 2);
      assert.equal(result.modifiedCount, 1);
      assert.equal(result.deletedCount, 1);
      assert.equal(result.upsertedCount, 1);
      assert.deepEqual(
        (await items.find().sort({ _id: 1 }).toArray()).map((doc) => doc.v as unknown),
        [2, 3],
      );
    });

    it('reports a failed statement of an unordered bulk and applies the rest', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ _id: 1 as never });
      await assert.rejects(
        items.bulkWrite(
          [
            { insertOne: { document: { _id: 1 as never } } },
            { insertOne: { document: { _id: 2 as never } } },
          ],
          { ordered: false },
        ),
        (error: MongoBulkWriteError) => {
          assert.equal(error.writeErrors instanceof Array ? error.writeErrors.length : 1, 1);
          return true;
        },
      );
      assert.equal(await items.countDocuments(), 2);
    });
  });
});
