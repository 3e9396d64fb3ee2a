import assert from 'node:assert/strict';
import { Long, UUID } from 'bson';
import { isRealMongo } from '../setup/test-db.js';
import { useEngineTestDb } from './engine-test-db.js';
import { buildOpMsg, buildOpQuery, WireClient } from './wire-client.js';

describe('engine: handshake and wire protocol', () => {
  const testDb = useEngineTestDb('handshake');
  let wire: WireClient;

  beforeEach(async () => {
    wire = await WireClient.connect(testDb().uri);
  });
  afterEach(async () => {
    await wire.close();
  });

  it('answers a legacy OP_QUERY ismaster to admin.$cmd with an OP_REPLY', async () => {
    wire.send(buildOpQuery(7, 'admin.$cmd', { ismaster: 1, helloOk: true }));
    const reply = await wire.nextReply();
    assert.equal(reply?.opCode, 1);
    assert.equal(reply?.responseTo, 7);
    assert.equal(reply?.doc.ismaster, true);
    assert.equal(reply?.doc.ok, 1);
  });

  it('answers hello over OP_MSG with the limits and session support drivers need', async () => {
    wire.send(buildOpMsg(8, { hello: 1, $db: 'admin' }));
    const reply = await wire.nextReply();
    assert.equal(reply?.opCode, 2013);
    const hello = reply.doc;
    assert.equal(hello.isWritablePrimary, true);
    assert.equal(hello.maxBsonObjectSize, 16 * 1024 * 1024);
    assert.equal(hello.maxMessageSizeBytes, 48_000_000);
    assert.equal(hello.maxWriteBatchSize, 100_000);
    assert.equal(typeof hello.logicalSessionTimeoutMinutes, 'number');
    assert.ok(hello.localTime instanceof Date);
    assert.equal(typeof hello.connectionId, 'number');
    assert.ok(hello.maxWireVersion >= 21);
    assert.equal(hello.minWireVersion, 0);
  });

  it('describes itself as a standalone server: no setName', async () => {
    wire.send(buildOpMsg(9, { hello: 1, $db: 'admin' }));
    const reply = await wire.nextReply();
    assert.equal(reply?.doc.setName, undefined);
    assert.equal(reply?.doc.msg, undefined);
  });

  it('sends no topologyVersion, so drivers keep polling hello instead of streaming it', async function () {
    if (isRealMongo()) this.skip(); // a real mongod advertises streaming hello
    wire.send(buildOpMsg(10, { hello: 1, $db: 'admin' }));
    const reply = await wire.nextReply();
    assert.equal(reply?.doc.topologyVersion, undefined);
    assert.equal(reply?.doc.maxWireVersion, 21);
  });

  it('reads the documents of an insert from a kind 1 document sequence', async () => {
    wire.send(
      buildOpMsg(11, { insert: 'seq', $db: testDb().db.databaseName }, [
        { identifier: 'documents', documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }] },
      ]),
    );
    const reply = await wire.nextReply();
    assert.equal(reply?.doc.n, 3);
    assert.equal(await testDb().db.collection('seq').countDocuments(), 3);
  });

  it('sends no reply when a request sets moreToCome, but still applies the write', async () => {
    const moreToCome = 1 << 1;
    wire.send(
      buildOpMsg(
        12,
        { insert: 'quiet', documents: [{ _id: 'x' }], writeConcern: { w: 0 }, $db: testDb().db.databaseName },
        [],
        moreToCome,
      ),
    );
    wire.send(buildOpMsg(13, { ping: 1, $db: 'admin' }));
    const reply = await wire.nextReply();
    assert.equal(reply?.responseTo, 13, 'the first reply on the connection answers the ping');
    assert.equal(await testDb().db.collection<{ _id: string }>('quiet').countDocuments({ _id: 'x' }), 1);
  });

  it('answers an unknown command with code 59 CommandNotFound', async () => {
    wire.send(buildOpMsg(14, { noSuchCommand: 1, $db: 'admin' }));
    const reply = await wire.nextReply();
    assert.equal(reply?.doc.ok, 0);
    assert.equal(reply?.doc.code, 59);
    assert.equal(reply?.doc.codeName, 'CommandNotFound');
  });

  it('returns cursor ids as BSON Int64', async () => {
    const db = testDb().db.databaseName;
    wire.send(buildOpMsg(15, { insert: 'ids', documents: [{ a: 1 }, { a: 2 }, { a: 3 }], $db: db }));
    await wire.nextReply();
    wire.send(buildOpMsg(16, { find: 'ids', batchSize: 1, $db: db }));
    const reply = await wire.nextReply();
    const cursor = reply?.doc.cursor as { id: unknown };
    assert.ok(cursor.id instanceof Long || typeof cursor.id === 'number');
    assert.notEqual(String(cursor.id), '0');
  });

  it('lets the driver connect, ping and read buildInfo', async () => {
    const admin = testDb().client.db('admin');
    assert.equal((await admin.command({ ping: 1 })).ok, 1);
    const info = await admin.command({ buildInfo: 1 });
    assert.match(String(info.version), /^\d+\.\d+/);
    assert.ok(Array.isArray(info.versionArray));
  });

  it('reports the feature compatibility version through getParameter', async () => {
    const reply = await testDb()
      .client.db('admin')
      .command({ getParameter: 1, featureCompatibilityVersion: 1 });
    assert.match(String((reply.featureCompatibilityVersion as { version: string }).version), /^\d+\.\d+$/);
  });

  it('applies an unacknowledged w:0 write from the driver', async () => {
    const items = testDb().db.collection('unacknowledged');
    await items.insertOne({ a: 1 }, { writeConcern: { w: 0 } });
    let count = 0;
    for (let attempt = 0; attempt < 50 && count === 0; attempt++) count = await items.countDocuments();
    assert.equal(count, 1);
  });

  it('answers endSessions, and sends nothing back for it under moreToCome', async () => {
    const session = { id: new UUID() };
    wire.send(buildOpMsg(20, { endSessions: [session], $db: 'admin' }));
    assert.equal((await wire.nextReply())?.doc.ok, 1);
    wire.send(buildOpMsg(21, { endSessions: [session], $db: 'admin' }, [], 1 << 1));
    wire.send(buildOpMsg(22, { ping: 1, $db: 'admin' }));
    assert.equal((await wire.nextReply())?.responseTo, 22);
  });
});
