import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../embedded-mongo/index.js';
import type { EngineLogger } from '../../embedded-mongo/logger.js';

function createRecordingLogger(): EngineLogger & { events: string[] } {
  const events: string[] = [];
  const record = (obj: Record<string, unknown>) => {
    if (typeof obj.event === 'string') events.push(obj.event);
  };
  return { events, info: record, warn: record, error: record, debug: record };
}

describe('engine: startEmbeddedMongo', () => {
  // How fast it starts is measured by `npm run bench`; here only that it starts, serves and stops.
  it('starts on a free loopback port and stops cleanly', async () => {
    const engine = await startEmbeddedMongo();
    try {
      assert.match(engine.uri, /^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
      const client = await MongoClient.connect(engine.uri);
      assert.equal((await client.db('admin').command({ ping: 1 })).ok, 1);
      await client.close();
    } finally {
      await engine.stop();
    }
  });

  it('gives two engines separate data', async () => {
    const [first, second] = await Promise.all([startEmbeddedMongo(), startEmbeddedMongo()]);
    const clients = await Promise.all([MongoClient.connect(first.uri), MongoClient.connect(second.uri)]);
    try {
      await clients[0].db('x').collection('c').insertOne({ a: 1 });
      assert.equal(await clients[1].db('x').collection('c').countDocuments(), 0);
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('logs its start and stop through the logger it is given', async () => {
    const logger = createRecordingLogger();
    const engine = await startEmbeddedMongo({ logger });
    await engine.stop();
    assert.deepEqual(logger.events, ['engine.started', 'engine.stopped']);
  });

  it('keeps acknowledged writes across a restart on the same data directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-lifecycle-'));
    try {
      const first = await startEmbeddedMongo({ dataDir });
      const writer = await MongoClient.connect(first.uri);
      await writer.db('app').collection('tallies').createIndex({ region: 1 }, { unique: true });
      await writer
        .db('app')
        .collection('tallies')
        .insertMany([
          { region: 'a', n: 1 },
          { region: 'b', n: 2 },
        ]);
      await writer
        .db('app')
        .collection('tallies')
        .updateOne({ region: 'a' }, { $inc: { n: 10 } });
      await writer.close();
      await first.stop();

      const second = await startEmbeddedMongo({ dataDir });
      const reader = await MongoClient.connect(second.uri);
      try {
        const tallies = reader.db('app').collection('tallies');
        const docs = await tallies
          .find({}, { projection: { _id: 0 } })
          .sort({ region: 1 })
          .toArray();
        assert.deepEqual(docs, [
          { region: 'a', n: 11 },
          { region: 'b', n: 2 },
        ]);
        await assert.rejects(
          tallies.insertOne({ region: 'a' }),
          (error: { code?: number }) => error.code === 11000,
        );
      } finally {
        await reader.close();
        await second.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a port that is already taken', async () => {
    const engine = await startEmbeddedMongo();
    try {
      const port = Number(new URL(engine.uri).port);
      await assert.rejects(startEmbeddedMongo({ port }), /EADDRINUSE/);
    } finally {
      await engine.stop();
    }
  });
});
