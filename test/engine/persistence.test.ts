import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EJSON } from 'bson';
import { Binary, Decimal128, Long, MongoClient, MongoServerError, ObjectId } from 'mongodb';
import type { Document } from 'mongodb';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../../embedded-mongo/index.js';
import type { EmbeddedMongo, EngineLogger } from '../../embedded-mongo/index.js';
import { DATA_FILES } from '../../embedded-mongo/persistence/index.js';
import { LOCK_FILE } from '../../embedded-mongo/persistence/data-dir-lock.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'write-until-killed.ts');

/** Documents whose `_id` is not the driver's default ObjectId. */
type AnyIdDoc = Document & { _id: ObjectId | number | string };

interface Running {
  engine: EmbeddedMongo;
  client: MongoClient;
}

function createRecordingLogger(): EngineLogger & { warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const ignore = (): void => {};
  return { warnings, info: ignore, debug: ignore, error: ignore, warn: (obj) => warnings.push(obj) };
}

/** Canonical Extended JSON keeps BSON types apart (Int64 from Double, Decimal128 from string). */
function canonical(value: unknown): unknown {
  return EJSON.serialize(value, { relaxed: false });
}

describe('embedded engine durability with a data directory', () => {
  let dataDir: string;
  const running: Running[] = [];

  const start = async (dir = dataDir, logger?: EngineLogger): Promise<Running> => {
    const engine = await startEmbeddedMongo({ port: 0, dataDir: dir, ...(logger ? { logger } : {}) });
    const client = await MongoClient.connect(engine.uri);
    const run = { engine, client };
    running.push(run);
    return run;
  };
  const stop = async (run: Running): Promise<void> => {
    running.splice(running.indexOf(run), 1);
    await run.client.close();
    await run.engine.stop();
  };

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-durability-'));
  });

  afterEach(async () => {
    for (const run of running.slice()) await stop(run);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('across a stop and a start on the same directory', () => {
    it('keeps every document, with its BSON types, as it was after inserts, updates and deletes', async () => {
      const first = await start();
      const coll = first.client.db('app').collection<AnyIdDoc>('things');
      await coll.insertMany([
        {
          _id: new ObjectId('65a1b2c3d4e5f60718293a4b'),
          big: Long.fromString('9223372036854775807'),
          int: 42,
          double: 1.5,
          price: Decimal128.fromString('19.990'),
          at: new Date('2024-02-29T12:34:56.789Z'),
          uuid: new Binary(Buffer.from('00112233445566778899aabbccddeeff', 'hex'), 4),
          nothing: null,
          nested: { tags: ['a', 'b'], deeper: { list: [1, { x: 2 }] } },
        },
        { _id: 2, label: 'to update' },
        { _id: 3, label: 'to delete' },
        { _id: 4, label: 'to replace' },
      ]);
      await coll.updateOne({ _id: 2 }, { $set: { label: 'updated', 'meta.n': 1, history: ['x'] } });
      await coll.updateOne({ _id: 2 }, { $inc: { 'meta.n': 1 } });
      await coll.deleteOne({ _id: 3 });
      await coll.replaceOne({ _id: 4 }, { replaced: true });
      await coll.updateOne({ _id: 5 }, { $setOnInsert: { label: 'upserted' } }, { upsert: true });
      const before = await coll.find({}, { promoteLongs: false }).sort({ _id: 1 }).toArray();
      await stop(first);

      const second = await start();
      const after = await second.client
        .db('app')
        .collection<AnyIdDoc>('things')
        .find({}, { promoteLongs: false })
        .sort({ _id: 1 })
        .toArray();
      assert.deepEqual(canonical(after), canonical(before));
      const typed = after.find((doc) => doc._id instanceof ObjectId);
      assert.ok(typed?.big instanceof Long);
      assert.equal(typed.big.toString(), '9223372036854775807');
      assert.ok(typed.price instanceof Decimal128);
      assert.equal(typed.price.toString(), '19.990');
      assert.deepEqual(
        after.map((doc) => doc._id as unknown).filter((id) => typeof id === 'number'),
        [2, 4, 5],
      );
    });

    it('keeps collections and unique indexes (which still reject duplicates with E11000), and forgets what was dropped', async () => {
      const first = await start();
      const connection = await mongoose.createConnection(first.engine.uri, { dbName: 'app' }).asPromise();
      try {
        const User = connection.model('User', new mongoose.Schema({ email: { type: String, unique: true } }));
        await User.init();
        await User.create({ email: 'a@example.org' });
      } finally {
        await connection.close();
      }
      await first.client.db('app').createCollection('dropped');
      await first.client.db('app').dropCollection('dropped');
      await first.client.db('app').collection('users').createIndex({ name: 1 }, { name: 'name_1' });
      await first.client.db('app').collection('users').dropIndex('name_1');
      await first.client.db('gone').collection('things').insertOne({ x: 1 });
      await first.client.db('gone').dropDatabase();
      await stop(first);

      const second = await start();
      const db = second.client.db('app');
      const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
      assert.deepEqual(names, ['users']);
      const databases = (await second.client.db('admin').admin().listDatabases()).databases.map(
        (d) => d.name,
      );
      assert.equal(databases.includes('gone'), false, `databases: ${databases.join(', ')}`);
      const indexes = await db.collection('users').indexes();
      assert.deepEqual(indexes.map((index) => index.name).sort(), ['_id_', 'email_1']);
      const emailIndex = indexes.find((index) => index.name === 'email_1');
      assert.deepEqual(emailIndex?.key, { email: 1 });
      assert.equal(emailIndex.unique, true);
      await assert.rejects(db.collection('users').insertOne({ email: 'a@example.org' }), (error: unknown) => {
        assert.ok(error instanceof MongoServerError);
        assert.equal(error.code, 11000);
        return true;
      });
    });

    it('refuses a second engine on a directory that a running engine holds', async () => {
      await start();
      await assert.rejects(startEmbeddedMongo({ port: 0, dataDir }), /in use by process/);
    });
  });

  describe('after kill -9 of the process that wrote', function () {
    this.timeout(90_000);

    interface ChildRun {
      readyAt: number;
      inserted: number[];
      deleted: number[];
      counter: number;
    }

    /** Runs the fixture until it has acknowledged `acks` inserts, then kills it with SIGKILL. */
    const writeUntilKilled = (acks: number): Promise<ChildRun> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const run: ChildRun = { readyAt: -1, inserted: [], deleted: [], counter: 0 };
        let stdout = '';
        let stderr = '';
        let killed = false;
        const consume = (line: string): void => {
          const [word, what, value] = line.split(' ');
          if (word === 'READY') run.readyAt = Number(what);
          if (word !== 'ACK') return;
          if (what === 'insert') run.inserted.push(Number(value));
          if (what === 'delete') run.deleted.push(Number(value));
          if (what === 'counter') run.counter = Number(value);
          if (!killed && run.inserted.length >= acks) {
            killed = true;
            // Kill at an arbitrary point of the write loop, not right after an acknowledgement.
            setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 20));
          }
        };
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          const lines = stdout.split('\n');
          stdout = lines.pop() ?? '';
          lines.forEach(consume);
        });
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code, signal) => {
          if (signal !== 'SIGKILL')
            reject(new Error(`writer exited with ${code} (${signal}) before the kill:\n${stderr}`));
          else resolve(run);
        });
      });

    it('loses no acknowledged write, over several kills and restarts', async () => {
      const runs = [await writeUntilKilled(150), await writeUntilKilled(150), await writeUntilKilled(150)];
      for (const [i, run] of runs.entries()) {
        assert.equal(run.readyAt > 0, true, `run ${i} started`);
        const previous = runs[i - 1];
        // Each restart resumes after the last insert the previous process had acknowledged.
        if (previous) assert.ok(run.readyAt > Math.max(...previous.inserted));
      }

      assert.ok(
        fs.existsSync(path.join(dataDir, DATA_FILES.snapshot)),
        'the journal was compacted on the way',
      );
      const { client } = await start();
      const db = client.db('durability');
      const stored = await db.collection<AnyIdDoc>('items').find({}, { promoteLongs: false }).toArray();
      const storedIds = new Set(stored.map((doc) => doc._id));
      const deleted = new Set(runs.flatMap((run) => run.deleted));
      // A kill can land after a delete took effect but before its acknowledgement was printed: the delete
      // that follows a run's last acknowledged insert may or may not have happened.
      const maybeDeleted = new Set(
        runs.map((run) => {
          const last = run.inserted.at(-1) ?? 0;
          return last % 5 === 0 ? last - 2 : null;
        }),
      );
      const inserted = runs.flatMap((run) => run.inserted);
      assert.ok(inserted.length >= 450);
      for (const id of inserted) {
        if (deleted.has(id)) assert.equal(storedIds.has(id), false, `acknowledged delete of ${id}`);
        else if (!maybeDeleted.has(id)) assert.equal(storedIds.has(id), true, `acknowledged insert ${id}`);
      }
      for (const doc of stored) {
        assert.ok(doc.big instanceof Long && doc.price instanceof Decimal128 && doc.at instanceof Date);
        assert.equal(doc.price.toString(), `${String(doc._id)}.01`);
      }
      const counter = await db.collection<{ _id: string; n: number }>('counters').findOne({ _id: 'writes' });
      const lastAcked = runs.at(-1)?.counter ?? 0;
      assert.ok((counter?.n ?? 0) >= lastAcked, `counter ${counter?.n} >= last acknowledged ${lastAcked}`);
    });
  });

  describe('with a torn or corrupt record at the end of the journal', () => {
    /**
     * Writes three documents, one insert per record, then copies the directory while the engine still runs:
     * the copy is what a crash at that moment would leave.
     */
    const copyAfterThreeInserts = async (): Promise<string> => {
      const run = await start();
      const coll = run.client.db('app').collection<AnyIdDoc>('notes');
      for (const text of ['first', 'second', 'third']) await coll.insertOne({ _id: text, text });
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-crashed-'));
      fs.copyFileSync(path.join(dataDir, DATA_FILES.journal), path.join(copy, DATA_FILES.journal));
      assert.equal(
        fs.existsSync(path.join(dataDir, DATA_FILES.snapshot)),
        false,
        'no compaction happened yet',
      );
      assert.ok(fs.existsSync(path.join(dataDir, LOCK_FILE)));
      await stop(run);
      fs.rmSync(dataDir, { recursive: true, force: true });
      dataDir = copy;
      return path.join(copy, DATA_FILES.journal);
    };

    const readNotes = async (run: Running): Promise<string[]> =>
      (await run.client.db('app').collection('notes').find().sort({ _id: 1 }).toArray()).map(
        (doc) => doc.text as string,
      );

    it('when the last record is cut short, drops it, logs it, serves the rest and keeps accepting writes', async () => {
      const journal = await copyAfterThreeInserts();
      fs.truncateSync(journal, fs.statSync(journal).size - 7);
      const logger = createRecordingLogger();

      const run = await start(dataDir, logger);
      assert.deepEqual(await readNotes(run), ['first', 'second']);
      assert.equal(logger.warnings[0]?.event, 'journal.tail_dropped');
      await run.client.db('app').collection<AnyIdDoc>('notes').insertOne({ _id: 'fourth', text: 'fourth' });
      await stop(run);

      const again = await start();
      assert.deepEqual(await readNotes(again), ['first', 'fourth', 'second']);
    });

    it('when the last record fails its checksum, never replays it', async () => {
      const journal = await copyAfterThreeInserts();
      const bytes = fs.readFileSync(journal);
      // Inside the BSON of the last document: "third" becomes "thirf".
      const at = bytes.lastIndexOf('third');
      bytes.write('thirf', at, 'latin1');
      fs.writeFileSync(journal, bytes);
      const logger = createRecordingLogger();

      const run = await start(dataDir, logger);
      assert.deepEqual(await readNotes(run), ['first', 'second']);
      assert.equal(logger.warnings[0]?.reason, 'checksum mismatch');
    });
  });
});
