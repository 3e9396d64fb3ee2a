import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../../embedded-mongo/index.js';
import { EngineState } from '../../embedded-mongo/storage/engine-state.js';
import { isRealMongo } from '../setup/test-db.js';
import { useEngineTestDb } from './engine-test-db.js';

function assertValidationFailure(error: unknown): true {
  assert.ok(error instanceof MongoServerError, String(error));
  assert.equal(error.code, 121);
  assert.match(error.message, /Document failed validation/);
  return true;
}

/** The 121 error a write fails with. */
async function catchValidationFailure(write: Promise<unknown>): Promise<MongoServerError> {
  try {
    await write;
  } catch (error) {
    assertValidationFailure(error);
    return error as MongoServerError;
  }
  assert.fail('the write should fail validation');
}

describe('engine: collection validators', () => {
  const testDb = useEngineTestDb('document_validation', { withMongoose: true });

  async function createOrders(db: Db, options: Record<string, unknown> = {}) {
    await db.createCollection('orders', { validator: { qty: { $gte: 0 } }, ...options });
    return db.collection<{ _id: number; qty?: number; name?: string }>('orders');
  }

  it('refuses an insert that fails the validator with 121 and an errInfo naming the clause', async () => {
    const orders = await createOrders(testDb().db);
    await orders.insertOne({ _id: 1, qty: 2 });
    const error = await catchValidationFailure(orders.insertOne({ _id: 2, qty: -1 }));
    assert.equal(error.errInfo?.failingDocumentId, 2);
    assert.deepEqual(error.errInfo?.details, {
      operatorName: '$gte',
      specifiedAs: { qty: { $gte: 0 } },
      reason: 'comparison failed',
      consideredValue: -1,
    });
    assert.equal(await orders.countDocuments(), 1);
  });

  it('explains a missing field and an $expr validator as mongod does', async () => {
    const db = testDb().db;
    await db.createCollection('totals', {
      validator: { $expr: { $eq: ['$total', { $add: ['$net', '$tax'] }] } },
    });
    const totals = db.collection<{ _id: number; total: number; net: number; tax: number }>('totals');
    const error = await catchValidationFailure(totals.insertOne({ _id: 1, total: 5, net: 1, tax: 1 }));
    assert.deepEqual(error.errInfo?.details, {
      operatorName: '$expr',
      specifiedAs: { $expr: { $eq: ['$total', { $add: ['$net', '$tax'] }] } },
      reason: 'expression did not match',
      expressionResult: false,
    });
    const orders = await createOrders(db);
    const missing = await catchValidationFailure(orders.insertOne({ _id: 1 }));
    assert.equal((missing.errInfo?.details as Record<string, unknown>).reason, 'field was missing');
  });

  it('checks updates, replacements, upserts and findOneAndUpdate', async () => {
    const orders = await createOrders(testDb().db);
    await orders.insertOne({ _id: 1, qty: 1 });
    await assert.rejects(orders.updateOne({ _id: 1 }, { $inc: { qty: -5 } }), assertValidationFailure);
    await assert.rejects(orders.replaceOne({ _id: 1 }, { qty: -1 }), assertValidationFailure);
    await assert.rejects(
      orders.updateOne({ _id: 2 }, { $set: { qty: -1 } }, { upsert: true }),
      assertValidationFailure,
    );
    await assert.rejects(
      orders.findOneAndUpdate({ _id: 1 }, { $set: { qty: -3 } }),
      (error: MongoServerError) => error.code === 121,
    );
    assert.deepEqual(await orders.find().toArray(), [{ _id: 1, qty: 1 }]);
  });

  it('lets bypassDocumentValidation through', async () => {
    const orders = await createOrders(testDb().db);
    await orders.insertOne({ _id: 1, qty: -1 }, { bypassDocumentValidation: true });
    assert.equal(await orders.countDocuments(), 1);
  });

  it('stores a failing document with validationAction warn', async () => {
    const orders = await createOrders(testDb().db, { validationAction: 'warn' });
    await orders.insertOne({ _id: 1, qty: -1 });
    assert.equal(await orders.countDocuments(), 1);
  });

  it('adds, changes and removes a validator with collMod, with validationLevel moderate', async () => {
    const db = testDb().db;
    const orders = db.collection<{ _id: number; qty: number }>('orders');
    await orders.insertMany([
      { _id: 1, qty: -1 },
      { _id: 2, qty: 1 },
    ]);
    await db.command({ collMod: 'orders', validator: { qty: { $gte: 0 } }, validationLevel: 'moderate' });
    const [info] = await db.listCollections({ name: 'orders' }).toArray();
    assert.deepEqual((info as { options: Record<string, unknown> }).options, {
      validator: { qty: { $gte: 0 } },
      validationLevel: 'moderate',
      validationAction: 'error',
    });
    // moderate: a document that was already invalid may be updated, a valid one must stay valid.
    await orders.updateOne({ _id: 1 }, { $set: { qty: -2 } });
    await assert.rejects(orders.updateOne({ _id: 2 }, { $set: { qty: -2 } }), assertValidationFailure);
    await db.command({ collMod: 'orders', validationLevel: 'strict' });
    await assert.rejects(orders.updateOne({ _id: 1 }, { $set: { qty: -3 } }), assertValidationFailure);
    await db.command({ collMod: 'orders', validator: {} });
    await orders.updateOne({ _id: 2 }, { $set: { qty: -2 } });
    assert.equal(await orders.countDocuments({ qty: { $lt: 0 } }), 2);
  });

  it('fails collMod on a missing collection with code 26', async () => {
    await assert.rejects(
      testDb().db.command({ collMod: 'missing', validator: { a: 1 } }),
      (error: MongoServerError) => error.code === 26,
    );
  });

  it('surfaces the failure through mongoose as a MongoServerError with code 121', async () => {
    await createOrders(testDb().db);
    const Order = testDb().connection.model(
      'ValidatedOrder',
      new mongoose.Schema({ _id: Number, qty: Number }),
      'orders',
    );
    try {
      await assert.rejects(Order.create({ _id: 1, qty: -4 }), assertValidationFailure);
    } finally {
      testDb().connection.deleteModel('ValidatedOrder');
    }
  });

  it('refuses a $jsonSchema validator, and a $jsonSchema query, by name', async function () {
    // mongod evaluates $jsonSchema; the refusal is the engine's own.
    if (isRealMongo()) this.skip();
    await assert.rejects(
      testDb().db.createCollection('schema', { validator: { $jsonSchema: { required: ['a'] } } }),
      (error: MongoServerError) => {
        assert.equal(error.code, 115);
        assert.match(error.message, /\$jsonSchema validators are not supported/);
        return true;
      },
    );
    await testDb().db.collection('items').insertOne({ a: 1 });
    await assert.rejects(
      testDb()
        .db.collection('items')
        .find({ $jsonSchema: { required: ['a'] } })
        .toArray(),
      (error: MongoServerError) => error.code === 115 && /\$jsonSchema is not supported/.test(error.message),
    );
  });

  describe('with a data directory', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-validation-'));
    });
    afterEach(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    async function withEngine(run: (db: Db) => Promise<void>): Promise<void> {
      const engine = await startEmbeddedMongo({ port: 0, dataDir });
      const client = await MongoClient.connect(engine.uri);
      try {
        await run(client.db('shop'));
      } finally {
        await client.close();
        await engine.stop();
      }
    }

    it('replays validators set by create and collMod after a restart', async () => {
      await withEngine(async (db) => {
        await db.createCollection('orders', { validator: { qty: { $gte: 0 } } });
        await db.createCollection('names');
        await db.command({
          collMod: 'names',
          validator: { name: { $type: 'string' } },
          validationAction: 'error',
        });
      });
      await withEngine(async (db) => {
        await assert.rejects(db.collection('orders').insertOne({ qty: -1 }), assertValidationFailure);
        await assert.rejects(db.collection('names').insertOne({ name: 5 }), assertValidationFailure);
        await db.collection('names').insertOne({ name: 'ok' });
      });
    });

    it('keeps validators in a snapshot', () => {
      const state = new EngineState();
      state.createCollection('shop', 'orders', {});
      state.modifyCollection('shop', 'orders', {
        validator: { qty: { $gte: 0 } },
        validationLevel: 'moderate',
      });
      const restored = new EngineState();
      restored.loadSnapshot(state.exportSnapshot());
      assert.deepEqual(restored.getCollection('shop', 'orders')?.options, {
        validator: { qty: { $gte: 0 } },
        validationLevel: 'moderate',
      });
    });
  });
});
