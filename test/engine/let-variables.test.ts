import assert from 'node:assert/strict';
import type { MongoServerError } from 'mongodb';
import mongoose from 'mongoose';
import { useEngineTestDb } from './engine-test-db.js';

/** `let` on every command that takes it: the filter reads `$$id` in `$expr`. */
describe('engine: let variables', () => {
  const testDb = useEngineTestDb('let_variables', { withMongoose: true });
  const byLetId = { $expr: { $eq: ['$_id', '$$id'] } };

  async function seed() {
    const items = testDb().db.collection<{ _id: number; name: string; n?: number }>('items');
    await items.insertMany([
      { _id: 1, name: 'one' },
      { _id: 2, name: 'two' },
    ]);
    return items;
  }

  it('finds through a let variable, also in the projection', async () => {
    const items = await seed();
    const found = await items
      .find(byLetId, { let: { id: 2, label: 'picked' } })
      .project({ name: 1, label: '$$label' })
      .toArray();
    assert.deepEqual(found, [{ _id: 2, name: 'two', label: 'picked' }]);
  });

  it('updates one and many through a let variable', async () => {
    const items = await seed();
    const one = await items.updateOne(byLetId, { $set: { n: 1 } }, { let: { id: 1 } });
    assert.equal(one.modifiedCount, 1);
    const many = await items.updateMany(
      { $expr: { $in: ['$_id', '$$ids'] } },
      { $set: { n: 5 } },
      { let: { ids: [1, 2] } },
    );
    assert.equal(many.modifiedCount, 2);
  });

  it('reads let variables inside a pipeline update', async () => {
    const items = await seed();
    await items.updateOne(byLetId, [{ $set: { name: '$$name' } }], { let: { id: 1, name: 'uno' } });
    assert.equal((await items.findOne({ _id: 1 }))?.name, 'uno');
  });

  it('deletes through a let variable', async () => {
    const items = await seed();
    const result = await items.deleteOne(byLetId, { let: { id: 1 } });
    assert.equal(result.deletedCount, 1);
    assert.deepEqual(await items.distinct('_id'), [2]);
  });

  it('runs findOneAndUpdate, findOneAndReplace and findOneAndDelete with let', async () => {
    const items = await seed();
    const updated = await items.findOneAndUpdate(
      byLetId,
      { $set: { n: 7 } },
      {
        let: { id: 1 },
        returnDocument: 'after',
      },
    );
    assert.equal(updated?.n, 7);
    const replaced = await items.findOneAndReplace(byLetId, { name: 'zwei' }, { let: { id: 2 } });
    assert.equal(replaced?.name, 'two');
    const deleted = await items.findOneAndDelete(byLetId, { let: { id: 2 } });
    assert.equal(deleted?.name, 'zwei');
    assert.equal(await items.countDocuments(), 1);
  });

  it('runs a bulkWrite with let on its updates and deletes', async () => {
    const items = await seed();
    const result = await items.bulkWrite(
      [
        { updateOne: { filter: byLetId, update: { $set: { n: 1 } } } },
        { deleteMany: { filter: { $expr: { $ne: ['$_id', '$$id'] } } } },
      ],
      { let: { id: 1 } },
    );
    assert.equal(result.modifiedCount, 1);
    assert.equal(result.deletedCount, 1);
    assert.deepEqual(await items.find().toArray(), [{ _id: 1, name: 'one', n: 1 }]);
  });

  it('evaluates let values as expressions before an aggregate runs', async () => {
    const items = await seed();
    const [result] = await items
      .aggregate([{ $match: byLetId }, { $project: { _id: 0, literal: '$$literal', sum: '$$sum' } }], {
        let: { id: 1, literal: { $literal: '$bar' }, sum: { $add: [1, 2] } },
      })
      .toArray();
    assert.deepEqual(result, { literal: '$bar', sum: 3 });
  });

  it('passes let from mongoose queries', async () => {
    await seed();
    const Item = testDb().connection.model(
      'LetItem',
      new mongoose.Schema({ _id: Number, name: String }),
      'items',
    );
    try {
      const found = await Item.find(byLetId)
        .setOptions({ let: { id: 2 } })
        .lean();
      assert.deepEqual(
        found.map((doc) => doc.name),
        ['two'],
      );
    } finally {
      testDb().connection.deleteModel('LetItem');
    }
  });

  it('fails a filter that reads a variable the command does not define', async () => {
    const items = await seed();
    await assert.rejects(items.find(byLetId).toArray(), (error: MongoServerError) => {
      assert.match(error.message, /id/);
      return true;
    });
  });
});
