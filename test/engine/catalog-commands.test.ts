import assert from 'node:assert/strict';
import type { MongoServerError } from 'mongodb';
import { useEngineTestDb } from './engine-test-db.js';

describe('engine: databases, collections and indexes', () => {
  const testDb = useEngineTestDb('catalog');

  describe('collections', () => {
    it('creates a collection that listCollections then reports', async () => {
      await testDb().db.createCollection('reports');
      const names = (await testDb().db.listCollections().toArray()).map((entry) => entry.name);
      assert.deepEqual(names, ['reports']);
    });

    it('fails create with code 48 NamespaceExists when the collection exists', async () => {
      await testDb().db.createCollection('reports');
      await assert.rejects(testDb().db.command({ create: 'reports' }), (error: MongoServerError) => {
        assert.equal(error.code, 48);
        assert.equal(error.codeName, 'NamespaceExists');
        return true;
      });
    });

    it('filters listCollections by name and answers nameOnly', async () => {
      await testDb().db.createCollection('a');
      await testDb().db.createCollection('b');
      const entries = await testDb().db.listCollections({ name: 'b' }, { nameOnly: true }).toArray();
      assert.deepEqual(entries, [{ name: 'b', type: 'collection' }]);
    });

    it('creates a collection implicitly on the first insert', async () => {
      await testDb().db.collection('implicit').insertOne({ a: 1 });
      const names = (await testDb().db.listCollections().toArray()).map((entry) => entry.name);
      assert.ok(names.includes('implicit'));
    });

    it('drops a collection with its documents and indexes', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ a: 1 });
      await items.createIndex({ a: 1 });
      assert.equal(await items.drop(), true);
      assert.equal(await items.countDocuments(), 0);
      assert.deepEqual(await testDb().db.listCollections().toArray(), []);
    });

    it('drops a whole database', async () => {
      await testDb().db.collection('items').insertOne({ a: 1 });
      await testDb().db.dropDatabase();
      const databases = await testDb().client.db('admin').admin().listDatabases();
      assert.ok(!databases.databases.some((db) => db.name === testDb().db.databaseName));
    });

    it('lists a database once it holds a collection', async () => {
      await testDb().db.collection('items').insertOne({ a: 1 });
      const databases = await testDb().client.db('admin').admin().listDatabases({ nameOnly: true });
      assert.ok(databases.databases.some((db) => db.name === testDb().db.databaseName));
    });
  });

  describe('statistics', () => {
    it("reports a collection's document count and indexes through collStats", async () => {
      const items = testDb().db.collection('items');
      await items.insertMany([{ a: 1 }, { a: 2 }]);
      await items.createIndex({ a: 1 });
      const stats = await testDb().db.command({ collStats: 'items' });
      assert.equal(stats.count, 2);
      assert.equal(stats.nindexes, 2);
      assert.ok((stats.size as number) > 0);
    });

    it("reports a database's collections and objects through dbStats", async () => {
      await testDb().db.collection('a').insertOne({ x: 1 });
      await testDb()
        .db.collection('b')
        .insertMany([{ x: 1 }, { x: 2 }]);
      const stats = await testDb().db.stats();
      assert.equal(stats.collections, 2);
      assert.equal(stats.objects, 3);
    });
  });

  describe('count and distinct', () => {
    it('counts all documents and the documents matching a query', async () => {
      const items = testDb().db.collection('items');
      await items.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]);
      assert.equal(await items.estimatedDocumentCount(), 3);
      assert.equal((await testDb().db.command({ count: 'items', query: { k: 1 } })).n, 2);
    });

    it('returns the distinct values of a field, unwinding arrays', async () => {
      const items = testDb().db.collection('items');
      await items.insertMany([{ tag: 'a' }, { tag: ['b', 'a'] }, { tag: 'c', skip: true }, {}]);
      const values: unknown[] = await items.distinct('tag', { skip: { $ne: true } });
      assert.deepEqual([...values].sort(), ['a', 'b']);
    });
  });

  describe('indexes', () => {
    it('lists the implicit _id index and created ones with their options', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ a: 1, b: -1 }, { unique: true });
      await items.createIndex({ c: 1 }, { sparse: true, name: 'c_sparse' });
      await items.createIndex({ d: 1 }, { partialFilterExpression: { d: { $exists: true } } });
      const indexes = await items.indexes();
      assert.deepEqual(
        indexes.map((index) => [index.name, index.key, index.unique ?? false, index.sparse ?? false]),
        [
          ['_id_', { _id: 1 }, false, false],
          ['a_1_b_-1', { a: 1, b: -1 }, true, false],
          ['c_sparse', { c: 1 }, false, true],
          ['d_1', { d: 1 }, false, false],
        ],
      );
      assert.deepEqual(indexes[3]?.partialFilterExpression, { d: { $exists: true } });
    });

    it('accepts the same index twice without creating a second one', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ a: 1 });
      await items.createIndex({ a: 1 });
      assert.equal((await items.indexes()).length, 2);
    });

    it('refuses an index whose name is taken by a different key', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ a: 1 }, { name: 'mine' });
      await assert.rejects(items.createIndex({ b: 1 }, { name: 'mine' }), (error: MongoServerError) => {
        assert.equal(error.code, 86);
        return true;
      });
    });

    it('drops an index by name and by key pattern', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ a: 1 });
      await items.createIndex({ b: 1 });
      await items.dropIndex('a_1');
      await testDb().db.command({ dropIndexes: 'items', index: { b: 1 } });
      assert.deepEqual(
        (await items.indexes()).map((index) => index.name),
        ['_id_'],
      );
    });

    it('drops every index but _id_ with "*"', async () => {
      const items = testDb().db.collection('items');
      await items.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }]);
      await items.dropIndexes();
      assert.deepEqual(
        (await items.indexes()).map((index) => index.name),
        ['_id_'],
      );
    });

    it('fails to drop an index that does not exist with code 27 IndexNotFound', async () => {
      const items = testDb().db.collection('items');
      await items.insertOne({ a: 1 });
      await assert.rejects(items.dropIndex('nope_1'), (error: MongoServerError) => {
        assert.equal(error.code, 27);
        return true;
      });
    });

    it('fails listIndexes on a missing collection with code 26 NamespaceNotFound', async () => {
      await assert.rejects(
        testDb().db.command({ listIndexes: 'missing' }),
        (error: MongoServerError) => error.code === 26,
      );
    });

    it('still finds documents through a query on an indexed field after updates move them', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ region: 1 });
      await items.insertMany([
        { region: 'a', n: 1 },
        { region: 'b', n: 2 },
      ]);
      await items.updateOne({ n: 1 }, { $set: { region: 'b' } });
      assert.equal(await items.countDocuments({ region: 'b' }), 2);
      assert.equal(await items.countDocuments({ region: 'a' }), 0);
      assert.equal(await items.countDocuments({ region: { $in: ['a', 'b'] } }), 2);
    });

    it('returns documents found through an index in insertion order, also after updating them', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ region: 1 });
      await items.insertMany([1, 2, 3].map((n) => ({ region: 'a', n })));
      await items.updateOne({ n: 1 }, { $set: { touched: true } });
      const docs = await items.find({ region: 'a' }).toArray();
      assert.deepEqual(
        docs.map((doc) => doc.n as unknown),
        [1, 2, 3],
      );
    });

    it('finds documents through a compound index prefix with a range on the next field', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ region: 1, day: 1 }, { unique: true });
      await items.insertMany(['a', 'b'].flatMap((region) => [1, 2, 3, 4].map((day) => ({ region, day }))));
      const docs = await items
        .find({ region: 'b', day: { $gte: 2, $lt: 4 } }, { projection: { _id: 0 } })
        .sort({ day: 1 })
        .toArray();
      assert.deepEqual(docs, [
        { region: 'b', day: 2 },
        { region: 'b', day: 3 },
      ]);
    });

    it('matches an indexed array field by any of its elements', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ tags: 1 });
      await items.insertMany([{ tags: ['a', 'b'] }, { tags: ['c'] }]);
      assert.equal(await items.countDocuments({ tags: 'b' }), 1);
    });

    it('matches null on an indexed field for documents that lack the field', async () => {
      const items = testDb().db.collection('items');
      await items.createIndex({ email: 1 });
      await items.insertMany([{ email: null }, {}, { email: 'x' }]);
      assert.equal(await items.countDocuments({ email: null }), 2);
    });
  });
});
