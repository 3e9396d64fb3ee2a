import assert from 'node:assert/strict';
import type { MongoServerError } from 'mongodb';
import mongoose from 'mongoose';
import { useEngineTestDb } from './engine-test-db.js';

/** A query's collation decides which strings match, not only how they sort. */
describe('engine: collation in matching', () => {
  const testDb = useEngineTestDb('collation', { withMongoose: true });
  const caseInsensitive = { locale: 'en_US', strength: 2 };

  async function seed() {
    const items = testDb().db.collection<{ _id: number; x: string; n?: number }>('items');
    await items.insertMany([
      { _id: 1, x: 'ping' },
      { _id: 2, x: 'pINg' },
      { _id: 3, x: 'pong' },
      { _id: 4, x: 'pïng' },
    ]);
    return items;
  }

  it('finds and counts case-insensitively at strength 2, and accent-insensitively at strength 1', async () => {
    const items = await seed();
    const ids = async (collation: { locale: string; strength: number }) =>
      (await items.find({ x: 'ping' }, { collation }).toArray()).map((doc) => doc._id);
    assert.deepEqual(await ids(caseInsensitive), [1, 2]);
    assert.deepEqual(await ids({ locale: 'en', strength: 1 }), [1, 2, 4]);
    assert.deepEqual((await items.find({ x: 'ping' }).toArray()).length, 1);
    assert.equal(
      await items.countDocuments({ x: { $in: ['PING', 'PONG'] } }, { collation: caseInsensitive }),
      3,
    );
  });

  it('returns the values distinct under the collation', async () => {
    const items = await seed();
    const values = await items.distinct('x', {}, { collation: caseInsensitive });
    assert.equal(values.length, 3);
    assert.ok(values.includes('pong') && values.includes('pïng'));
    assert.equal(values.filter((value) => value.toLowerCase() === 'ping').length, 1);
  });

  it('compares strings under the collation inside $expr and aggregation expressions', async () => {
    const items = await seed();
    assert.equal(
      await items.countDocuments({ $expr: { $eq: ['$x', 'PING'] } }, { collation: caseInsensitive }),
      2,
    );
    const projected = await items
      .aggregate([{ $match: { _id: 2 } }, { $project: { _id: 0, same: { $eq: ['$x', 'ping'] } } }], {
        collation: caseInsensitive,
      })
      .toArray();
    assert.deepEqual(projected, [{ same: true }]);
  });

  it('compares ranges under the collation', async () => {
    const items = testDb().db.collection<{ w: string }>('words');
    await items.insertMany([{ w: 'a' }, { w: 'B' }, { w: 'c' }]);
    const found = await items
      .find({ w: { $lt: 'b' } }, { collation: { locale: 'en', strength: 2 } })
      .toArray();
    // Binary order puts 'B' (0x42) before 'a' (0x61); the English collation puts it after.
    assert.deepEqual(
      found.map((doc) => doc.w),
      ['a'],
    );
  });

  it('ignores an index that would narrow by binary equality, and explains a collection scan', async () => {
    const items = await seed();
    await items.createIndex({ x: 1 });
    assert.equal(await items.countDocuments({ x: 'PING' }, { collation: caseInsensitive }), 2);
    const explained = await items.find({ x: 'PING' }, { collation: caseInsensitive }).explain('queryPlanner');
    const plan = JSON.stringify((explained.queryPlanner as Record<string, unknown>).winningPlan);
    // The index compares strings binary, so it cannot answer a string condition under another collation.
    assert.match(plan, /COLLSCAN/);
    assert.doesNotMatch(plan, /IXSCAN/);
  });

  it('updates, replaces and deletes every document the collation matches', async () => {
    const items = await seed();
    const many = await items.updateMany({ x: 'ping' }, { $set: { n: 1 } }, { collation: caseInsensitive });
    assert.equal(many.matchedCount, 2);
    assert.equal(many.modifiedCount, 2);
    const replaced = await items.replaceOne({ x: 'PONG' }, { x: 'pong!' }, { collation: caseInsensitive });
    assert.equal(replaced.modifiedCount, 1);
    const deleted = await items.deleteMany({ x: 'PING' }, { collation: caseInsensitive });
    assert.equal(deleted.deletedCount, 2);
    assert.deepEqual(await items.distinct('x'), ['pong!', 'pïng']);
  });

  it('runs findOneAndUpdate and findOneAndDelete with a collation', async () => {
    const items = await seed();
    const updated = await items.findOneAndUpdate(
      { x: 'PING' },
      { $set: { n: 2 } },
      { collation: caseInsensitive, sort: { _id: -1 }, returnDocument: 'after' },
    );
    assert.deepEqual(updated, { _id: 2, x: 'pINg', n: 2 });
    const deleted = await items.findOneAndDelete({ x: 'PONG' }, { collation: caseInsensitive });
    assert.equal(deleted?._id, 3);
  });

  it('matches in an aggregate $match under the command collation', async () => {
    const items = await seed();
    const [result] = await items
      .aggregate([{ $match: { x: 'PING' } }, { $count: 'n' }], { collation: caseInsensitive })
      .toArray();
    assert.deepEqual(result, { n: 2 });
  });

  it('sorts with an ICU locale name such as en_US', async () => {
    const items = testDb().db.collection<{ w: string }>('words');
    await items.insertMany([{ w: 'b' }, { w: 'A' }, { w: 'a' }, { w: 'B' }]);
    const sorted = await items
      .find({}, { collation: { locale: 'en_US', strength: 3 } })
      .sort({ w: 1 })
      .toArray();
    assert.deepEqual(
      sorted.map((doc) => doc.w),
      ['a', 'A', 'b', 'B'],
    );
  });

  it('applies a mongoose query collation', async () => {
    await seed();
    const Item = testDb().connection.model(
      'CollatedItem',
      new mongoose.Schema({ _id: Number, x: String }),
      'items',
    );
    try {
      const result = await Item.updateMany({ x: 'ping' }, { $set: { x: 'pang' } }).collation(caseInsensitive);
      assert.equal(result.modifiedCount, 2);
    } finally {
      testDb().connection.deleteModel('CollatedItem');
    }
  });

  it("refuses a locale MongoDB does not know with code 2 and mongod's message", async () => {
    const items = await seed();
    await assert.rejects(
      items.find({ x: 'ping' }, { collation: { locale: 'xx_YY' } }).toArray(),
      (error: MongoServerError) => {
        assert.equal(error.code, 2);
        assert.match(error.message, /Field 'locale' is invalid in: \{ locale: "xx_YY" \}/);
        return true;
      },
    );
  });
});
