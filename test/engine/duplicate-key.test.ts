import assert from 'node:assert/strict';
import type { MongoBulkWriteError, MongoServerError, WriteError } from 'mongodb';
import mongoose from 'mongoose';
import { useEngineTestDb } from './engine-test-db.js';

describe('engine: unique indexes and E11000', () => {
  const testDb = useEngineTestDb('dupkey', { withMongoose: true });

  it('rejects a second document with the same _id, naming the _id_ index', async () => {
    const users = testDb().db.collection<{ _id: number }>('users');
    await users.insertOne({ _id: 1 });
    await assert.rejects(users.insertOne({ _id: 1 }), (error: MongoServerError) => {
      assert.equal(error.code, 11000);
      assert.match(
        error.message,
        /^E11000 duplicate key error collection: \S+\.users index: _id_ dup key: \{ _id: 1 \}$/,
      );
      assert.deepEqual(error.keyPattern, { _id: 1 });
      assert.deepEqual(error.keyValue, { _id: 1 });
      return true;
    });
  });

  it('gives the write error code, errmsg, keyPattern and keyValue of a unique secondary index', async () => {
    const users = testDb().db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'a@example.org' });
    await assert.rejects(users.insertOne({ email: 'a@example.org' }), (error: MongoServerError) => {
      assert.equal(error.code, 11000);
      assert.match(error.errmsg ?? error.message, /index: email_1 dup key: \{ email: "a@example\.org" \}/);
      assert.deepEqual(error.keyPattern, { email: 1 });
      assert.deepEqual(error.keyValue, { email: 'a@example.org' });
      return true;
    });
  });

  it('stops an ordered insert at the first duplicate', async () => {
    const users = testDb().db.collection<{ _id: number }>('users');
    await assert.rejects(
      users.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }]),
      (error: MongoBulkWriteError) => {
        assert.equal(error.code, 11000);
        assert.equal(error.result.insertedCount, 1);
        assert.equal(
          error.writeErrors instanceof Array ? error.writeErrors[0]?.index : error.writeErrors.index,
          1,
        );
        return true;
      },
    );
    assert.equal(await users.countDocuments(), 1);
  });

  it('goes on past duplicates in an unordered insert and reports each one', async () => {
    const users = testDb().db.collection<{ _id: number }>('users');
    await assert.rejects(
      users.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }], { ordered: false }),
      (error: MongoBulkWriteError) => {
        const writeErrors = (
          Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]
        ) as WriteError[];
        assert.deepEqual(
          writeErrors.map((writeError) => writeError.index),
          [1, 3],
        );
        assert.ok(writeErrors.every((writeError) => writeError.code === 11000));
        assert.equal(error.result.insertedCount, 3);
        return true;
      },
    );
    assert.equal(await users.countDocuments(), 3);
  });

  it('enforces a compound unique index on the combination of fields', async () => {
    const tallies = testDb().db.collection('tallies');
    await tallies.createIndex({ region: 1, day: 1 }, { unique: true });
    await tallies.insertMany([
      { region: 'a', day: 1 },
      { region: 'a', day: 2 },
      { region: 'b', day: 1 },
    ]);
    await assert.rejects(tallies.insertOne({ region: 'a', day: 2 }), (error: MongoServerError) => {
      assert.deepEqual(error.keyPattern, { region: 1, day: 1 });
      assert.deepEqual(error.keyValue, { region: 'a', day: 2 });
      return true;
    });
  });

  it('treats a missing field as null in a unique index', async () => {
    const users = testDb().db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ name: 'no email' });
    await assert.rejects(users.insertOne({ name: 'no email either' }), (error: MongoServerError) => {
      assert.deepEqual(error.keyValue, { email: null });
      return true;
    });
  });

  it('lets many documents lack the field of a sparse unique index', async () => {
    const users = testDb().db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true, sparse: true });
    await users.insertMany([{ name: 'a' }, { name: 'b' }, { email: 'x' }]);
    await assert.rejects(users.insertOne({ email: 'x' }));
    assert.equal(await users.countDocuments(), 3);
  });

  it('enforces a partial unique index only on documents that match its filter', async () => {
    const users = testDb().db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await users.insertMany([
      { email: 'x', active: false },
      { email: 'x', active: false },
      { email: 'x', active: true },
    ]);
    await assert.rejects(users.insertOne({ email: 'x', active: true }), (error: MongoServerError) => {
      assert.equal(error.code, 11000);
      return true;
    });
  });

  it('rejects an update that would duplicate a unique key, leaving the document unchanged', async () => {
    const users = testDb().db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([{ email: 'a' }, { email: 'b' }]);
    await assert.rejects(
      users.updateOne({ email: 'b' }, { $set: { email: 'a' } }),
      (error: MongoServerError) => {
        assert.equal(error.code, 11000);
        return true;
      },
    );
    assert.equal(await users.countDocuments({ email: 'b' }), 1);
  });

  it('fails findOneAndUpdate with 11000 and the key fields at the top level', async () => {
    const users = testDb().db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([{ email: 'a' }, { email: 'b' }]);
    await assert.rejects(
      users.findOneAndUpdate({ email: 'b' }, { $set: { email: 'a' } }),
      (error: MongoServerError) => {
        assert.equal(error.code, 11000);
        assert.equal(error.codeName, 'DuplicateKey');
        assert.deepEqual(error.keyValue, { email: 'a' });
        return true;
      },
    );
  });

  it('refuses to build a unique index over data that already has duplicates', async () => {
    const users = testDb().db.collection('users');
    await users.insertMany([{ email: 'a' }, { email: 'a' }]);
    await assert.rejects(users.createIndex({ email: 1 }, { unique: true }), (error: MongoServerError) => {
      assert.equal(error.code, 11000);
      return true;
    });
    const names = (await users.indexes()).map((index) => index.name);
    assert.deepEqual(names, ['_id_']);
  });

  it('makes mongoose raise its duplicate-key error for a unique schema path', async () => {
    const schema = new mongoose.Schema({ email: { type: String, unique: true } });
    const User = testDb().connection.model('DupUser', schema, 'dupusers');
    await User.init();
    await User.create({ email: 'a@example.org' });
    await assert.rejects(
      User.create({ email: 'a@example.org' }),
      (error: Error & { code?: number; keyValue?: unknown }) => {
        assert.equal(error.name, 'MongoServerError');
        assert.equal(error.code, 11000);
        assert.deepEqual(error.keyValue, { email: 'a@example.org' });
        return true;
      },
    );
    testDb().connection.deleteModel('DupUser');
  });

  it('refuses a document with arrays in two fields of one compound index, code 171', async () => {
    const items = testDb().db.collection('items');
    await items.createIndex({ a: 1, b: 1 });
    await items.insertOne({ a: [1, 2], b: 1 });
    await assert.rejects(items.insertOne({ a: [1, 2], b: [3, 4] }), (error: MongoServerError) => {
      assert.equal(error.code, 171);
      return true;
    });
  });

  it('indexes two fields of the same array of subdocuments, and still refuses two different arrays', async () => {
    const plans = testDb().db.collection('plans');
    await plans.insertOne({ days: [{ region: 'sumy', date: '2024-01-01' }] });
    await plans.createIndex({ 'days.region': 1, 'days.date': 1 });
    await plans.insertOne({
      days: [
        { region: 'sumy', date: '2024-01-02' },
        { region: 'kharkiv', date: '2024-01-03' },
      ],
    });
    // Without $elemMatch each condition may hold in a different element.
    assert.equal(await plans.countDocuments({ 'days.region': 'sumy', 'days.date': '2024-01-03' }), 1);
    assert.equal(await plans.countDocuments({ 'days.region': 'sumy' }), 2);
    assert.equal(
      await plans.countDocuments({ days: { $elemMatch: { region: 'sumy', date: '2024-01-03' } } }),
      0,
    );
    const isParallelArrays = (error: MongoServerError) => {
      assert.equal(error.code, 171);
      assert.match(error.message, /cannot index parallel arrays/);
      return true;
    };
    await assert.rejects(
      plans.insertOne({ days: [{ region: ['sumy', 'kharkiv'], date: ['2024-01-01', '2024-01-02'] }] }),
      isParallelArrays,
    );
    const pairs = testDb().db.collection('pairs');
    await pairs.createIndex({ x: 1, y: 1 });
    await assert.rejects(pairs.insertOne({ x: [1], y: [1, 2] }), isParallelArrays);
    assert.equal(await plans.countDocuments(), 2);
    assert.equal(await pairs.countDocuments(), 0);
  });
});
