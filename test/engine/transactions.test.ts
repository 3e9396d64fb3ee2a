import assert from 'node:assert/strict';
import { Long, UUID } from 'bson';
import { MongoServerError } from 'mongodb';
import { isRealMongo } from '../setup/test-db.js';
import { useEngineTestDb } from './engine-test-db.js';
import { buildOpMsg, WireClient } from './wire-client.js';

describe('engine: sessions and transactions', () => {
  const testDb = useEngineTestDb('transactions');

  it('accepts operations in an explicit session outside a transaction', async () => {
    const session = testDb().client.startSession();
    try {
      await testDb().db.collection('items').insertOne({ a: 1 }, { session });
      assert.equal(await testDb().db.collection('items').countDocuments({}, { session }), 1);
    } finally {
      await session.endSession();
    }
  });

  it('fails a write inside a driver transaction, as any standalone server does, and writes nothing', async function () {
    if (await isReplicaSet()) this.skip();
    const session = testDb().client.startSession();
    try {
      session.startTransaction();
      await assert.rejects(
        testDb().db.collection('items').insertOne({ a: 1 }, { session }),
        (error: Error) => {
          assert.ok(error instanceof MongoServerError);
          // mongod answers code 20, which the driver rewords as "does not support retryable writes"; the
          // engine answers 115 CommandNotSupported, which reaches the caller as it was sent.
          if (!isRealMongo()) {
            assert.equal(error.code, 115);
            assert.match(error.message, /Transactions are not supported by the embedded engine/);
          }
          return true;
        },
      );
    } finally {
      await session.endSession();
    }
    assert.equal(await testDb().db.collection('items').countDocuments(), 0);
  });

  it('answers a transactional command with code 115 CommandNotSupported and writes nothing', async function () {
    // mongod answers code 20 IllegalOperation here; the engine's own code is checked against itself only.
    if (isRealMongo()) this.skip();
    const wire = await WireClient.connect(testDb().uri);
    try {
      wire.send(
        buildOpMsg(1, {
          insert: 'items',
          documents: [{ a: 1 }],
          lsid: { id: new UUID() },
          txnNumber: Long.fromNumber(1),
          startTransaction: true,
          autocommit: false,
          $db: testDb().db.databaseName,
        }),
      );
      const reply = await wire.nextReply();
      assert.equal(reply?.doc.ok, 0);
      assert.equal(reply?.doc.code, 115);
      assert.equal(reply?.doc.codeName, 'CommandNotSupported');
      assert.match(
        String(reply?.doc.errmsg),
        /Transactions are not supported by the embedded engine.*only allowed on a replica set member or mongos/,
      );
    } finally {
      await wire.close();
    }
    assert.equal(await testDb().db.collection('items').countDocuments(), 0);
  });

  async function isReplicaSet(): Promise<boolean> {
    if (!isRealMongo()) return false;
    const hello = await testDb().client.db('admin').command({ hello: 1 });
    return hello.setName !== undefined;
  }
});
