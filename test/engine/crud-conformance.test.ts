import assert from 'node:assert/strict';
import type { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { isRealMongo } from '../setup/test-db.js';
import { useEngineTestDb } from './engine-test-db.js';

/** Write behaviours checked against what MongoDB 7.0 answers. */
describe('engine: write conformance with MongoDB 7.0', () => {
  const testDb = useEngineTestDb('crud_conformance');

  it('rejects a sort option on updateOne and replaceOne as an unknown field, and changes nothing', async () => {
    const items = testDb().db.collection<{ _id: number; v: number }>('items');
    await items.insertMany([
      { _id: 1, v: 1 },
      { _id: 2, v: 2 },
    ]);
    for (const attempt of [
      () => items.updateOne({}, { $set: { v: 9 } }, { sort: { _id: -1 } }),
      () => items.replaceOne({}, { v: 9 }, { sort: { _id: -1 } }),
    ]) {
      await assert.rejects(attempt(), (error: MongoServerError) => {
        assert.equal(error.code, 40415);
        assert.match(error.message, /BSON field 'update\.updates\.sort' is an unknown field/);
        return true;
      });
    }
    assert.equal(await items.countDocuments({ v: 9 }), 0);
  });

  it("keeps the document's _id when a pipeline update's $replaceRoot drops it", async () => {
    const items = testDb().db.collection<{ _id: number; inner?: { a: number }; a?: number }>('items');
    await items.insertOne({ _id: 1, inner: { a: 5 } });
    const result = await items.updateOne({ _id: 1 }, [{ $replaceRoot: { newRoot: '$inner' } }]);
    assert.equal(result.modifiedCount, 1);
    assert.deepEqual(await items.find().toArray(), [{ _id: 1, a: 5 }]);
  });

  it("refuses an _id holding a '$'-prefixed field with code 52 and stores nothing", async () => {
    const items = testDb().db.collection('items');
    await assert.rejects(items.insertOne({ _id: { $a: 1 } } as never), (error: MongoServerError) => {
      assert.equal(error.code, 52);
      assert.match(
        error.message,
        /_id fields may not contain '\$'-prefixed fields: \$a is not valid for storage/,
      );
      return true;
    });
    await assert.rejects(
      items.insertMany([{ _id: 1 }, { _id: { nested: { $b: 1 } } }, { _id: 3 }] as never[], {
        ordered: false,
      }),
      (error: MongoBulkWriteError) => {
        assert.deepEqual(
          error.writeErrors instanceof Array ? error.writeErrors.map((e) => [e.index, e.code]) : [],
          [[1, 52]],
        );
        return true;
      },
    );
    assert.deepEqual(await items.distinct('_id'), [1, 3]);
  });

  it('gives a $merge duplicate key the keyPattern and keyValue of the unique index', async () => {
    const db = testDb().db;
    await db.collection<{ _id: number; code: string }>('source').insertMany([{ _id: 1, code: 'a' }]);
    await db.collection<{ _id: number; code: string }>('target').insertOne({ _id: 1, code: 'a' });
    await assert.rejects(
      db
        .collection('source')
        .aggregate([{ $merge: { into: 'target', whenMatched: 'fail' } }])
        .toArray(),
      (error: MongoServerError) => {
        assert.equal(error.code, 11000);
        assert.deepEqual(error.keyPattern, { _id: 1 });
        assert.deepEqual(error.keyValue, { _id: 1 });
        return true;
      },
    );
    await db.collection<{ _id: number; code: string }>('target').createIndex({ code: 1 }, { unique: true });
    await db.collection<{ _id: number; code: string }>('source').insertOne({ _id: 2, code: 'a' });
    await assert.rejects(
      db
        .collection('source')
        .aggregate([{ $match: { _id: 2 } }, { $merge: { into: 'target', whenMatched: 'keepExisting' } }])
        .toArray(),
      (error: MongoServerError) => {
        assert.equal(error.code, 11000);
        assert.deepEqual(error.keyPattern, { code: 1 });
        assert.deepEqual(error.keyValue, { code: 'a' });
        return true;
      },
    );
  });

  it('refuses creating a view with code 115 CommandNotSupported naming views', async function () {
    // mongod supports views; the refusal is the engine's own.
    if (isRealMongo()) this.skip();
    const db = testDb().db;
    await db.collection('source').insertOne({ a: 1 });
    await assert.rejects(
      db.createCollection('recent', { viewOn: 'source', pipeline: [] }),
      (error: MongoServerError) => {
        assert.equal(error.code, 115);
        assert.equal(error.codeName, 'CommandNotSupported');
        assert.match(error.message, /views are not supported by the embedded engine/);
        return true;
      },
    );
    await assert.rejects(db.createCollection('capped', { capped: true, size: 1024 }), /capped collections/);
    assert.deepEqual(
      (await db.listCollections().toArray()).map((entry) => entry.name),
      ['source'],
    );
  });
});
