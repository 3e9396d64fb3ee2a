import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Binary, Decimal128, Double, EJSON, Int32, Long, ObjectId } from 'bson';
import type { Document } from 'bson';
import fc from 'fast-check';
import type { EngineLogger } from '../../embedded-mongo/logger.js';
import { DataDirLockedError, LOCK_FILE } from '../../embedded-mongo/persistence/data-dir-lock.js';
import { decodeFrameAt, encodeFrame } from '../../embedded-mongo/persistence/frame-codec.js';
import { DATA_FILES, openPersistence } from '../../embedded-mongo/persistence/index.js';
import type { Persistence } from '../../embedded-mongo/persistence/index.js';
import { JournalCorruptError, JournalWriter } from '../../embedded-mongo/persistence/journal-file.js';
import { SnapshotCorruptError } from '../../embedded-mongo/persistence/snapshot-file.js';
import type { Mutation, StateSnapshot } from '../../embedded-mongo/storage/mutation.js';

interface LoggedLine {
  level: keyof EngineLogger;
  obj: Record<string, unknown>;
}

function createRecordingLogger(): EngineLogger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const at =
    (level: keyof EngineLogger) =>
    (obj: Record<string, unknown>): void => {
      lines.push({ level, obj });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

function flipByte(buf: Buffer, index: number): void {
  buf.writeUInt8(buf.readUInt8(index) ^ 0xff, index);
}

function insertOf(n: number): Mutation {
  return { op: 'insert', db: 'app', coll: 'items', docs: [{ _id: n, label: `item ${n}` }] };
}

/** A minimal in-memory "engine": enough state to compact and to check what replay restores. */
function applyToSnapshot(base: StateSnapshot | null, mutations: Mutation[]): Map<unknown, Document> {
  const docs = new Map<unknown, Document>();
  for (const doc of base?.databases[0]?.collections[0]?.docs ?? []) docs.set(doc._id, doc);
  for (const m of mutations) {
    if (m.op === 'insert' || m.op === 'replace') for (const doc of m.docs) docs.set(doc._id, doc);
    if (m.op === 'delete') for (const id of m.ids) docs.delete(id);
  }
  return docs;
}

function snapshotOf(docs: Map<unknown, Document>): StateSnapshot {
  return {
    databases: [
      {
        name: 'app',
        collections: [
          { name: 'items', indexes: [{ name: '_id_', key: { _id: 1 } }], docs: [...docs.values()] },
        ],
      },
    ],
  };
}

function restoreState(p: Persistence): Map<unknown, Document> {
  return applyToSnapshot(p.restored.snapshot, p.restored.mutations);
}

function canonicalDocs(docs: Document[]): unknown {
  return EJSON.serialize(docs, { relaxed: false });
}

function restoredIds(p: Persistence): unknown[] {
  return [...applyToSnapshot(p.restored.snapshot, p.restored.mutations).keys()];
}

describe('embedded-mongo persistence: journal and snapshots', () => {
  let dataDir: string;
  let logger: ReturnType<typeof createRecordingLogger>;
  const opened: Persistence[] = [];

  const open = async (options?: { minCompactBytes?: number }): Promise<Persistence> => {
    const p = await openPersistence(dataDir, logger, options);
    opened.push(p);
    return p;
  };
  const journalPath = (): string => path.join(dataDir, DATA_FILES.journal);
  const snapshotPath = (): string => path.join(dataDir, DATA_FILES.snapshot);

  /** Writes records 1..count, closes, and returns the journal's size after each record. */
  const writeRecords = async (count: number): Promise<number[]> => {
    const p = await open();
    const sizes: number[] = [];
    for (let n = 1; n <= count; n++) {
      p.sink.record(insertOf(n));
      sizes.push(fs.statSync(journalPath()).size);
    }
    await p.close();
    return sizes;
  };

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-journal-'));
    logger = createRecordingLogger();
  });

  afterEach(async () => {
    for (const p of opened.splice(0)) await p.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('record framing', () => {
    it('round-trips ObjectId, Int64 beyond 2^53, Int32, Double, Decimal128, Date, Binary, null and nesting by value', () => {
      const doc = {
        _id: new ObjectId('65a1b2c3d4e5f60718293a4b'),
        big: Long.fromString('9007199254740993'),
        negativeBig: Long.fromString('-9223372036854775808'),
        smallLong: Long.fromNumber(5),
        int: 42,
        double: 2.5,
        decimal: Decimal128.fromString('1234567890.123456789012345678901234'),
        when: new Date('2024-02-29T23:59:59.999Z'),
        bytes: new Binary(Buffer.from([0, 1, 2, 255]), 4),
        nothing: null,
        nested: { list: [1, 'two', { three: [new Date(0)] }], empty: {} },
      };
      const result = decodeFrameAt(encodeFrame({ doc }), 0);
      assert.ok(result.ok === true);
      const back = result.frame.payload.doc as typeof doc;
      assert.deepEqual(EJSON.serialize(back, { relaxed: false }), EJSON.serialize(doc, { relaxed: false }));
      assert.ok(
        back.big instanceof Long && back.smallLong instanceof Long,
        'Int64 stays Int64, even when small',
      );
      assert.equal(back.big.toString(), '9007199254740993');
      assert.ok(
        back._id instanceof ObjectId && back.decimal instanceof Decimal128 && back.when instanceof Date,
      );
    });

    it('decodes an Int32 and a fractional Double as numbers, as the driver does', () => {
      const result = decodeFrameAt(encodeFrame({ i: new Int32(7), d: new Double(0.5) }), 0);
      assert.ok(result.ok === true);
      assert.deepEqual(result.frame.payload, { i: 7, d: 0.5 });
    });

    it('when one payload byte is flipped, reports a checksum mismatch', () => {
      const frame = encodeFrame({ hello: 'world' });
      flipByte(frame, frame.length - 3);
      assert.deepEqual(decodeFrameAt(frame, 0), { ok: false, reason: 'checksum mismatch' });
    });

    it('round-trips a record larger than the BSON serializer scratch buffer (17 MB)', () => {
      const blob = new Binary(Buffer.alloc(18 * 1024 * 1024, 7));
      const result = decodeFrameAt(encodeFrame({ blob }), 0);
      assert.ok(result.ok === true);
      assert.equal((result.frame.payload.blob as Binary).length(), blob.length());
    });

    it('keeps a string longer than the BSON serializer scratch buffer whole (bson alone would cut it short)', () => {
      // Larger than any payload before it, so the scratch buffer has not already grown to fit.
      const text = 'x'.repeat(20 * 1024 * 1024);
      const result = decodeFrameAt(encodeFrame({ text }), 0);
      assert.ok(result.ok === true);
      assert.equal((result.frame.payload.text as string).length, text.length);
    });
  });

  describe('journal replay', () => {
    it('with an empty directory, restores nothing', async () => {
      const p = await open();
      assert.deepEqual(p.restored, { snapshot: null, mutations: [] });
    });

    it('restores every recorded mutation, in order, after close and reopen', async () => {
      await writeRecords(5);
      const p = await open();
      assert.deepEqual(
        p.restored.mutations,
        [1, 2, 3, 4, 5].map((n) => insertOf(n)),
      );
      assert.equal(p.restored.snapshot, null);
    });

    it('restores records that were never closed, as after kill -9 (the file is written before record returns)', async () => {
      const p = await openPersistence(dataDir, logger);
      p.sink.record(insertOf(1));
      p.sink.record(insertOf(2));
      // Read the journal while the writer is still open, as a process starting after a crash would.
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-journal-copy-'));
      try {
        fs.copyFileSync(journalPath(), path.join(copy, DATA_FILES.journal));
        const reopened = await openPersistence(copy, logger);
        assert.deepEqual(reopened.restored.mutations, [insertOf(1), insertOf(2)]);
        await reopened.close();
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
        await p.close();
      }
    });

    for (const cut of ['the header', 'the payload']) {
      it(`when the last record is torn inside ${cut}, drops it, truncates the file, logs it and appends after it`, async () => {
        const sizes = await writeRecords(3);
        const [, goodEnd = 0, fullEnd = 0] = sizes;
        const cutAt = cut === 'the header' ? goodEnd + 5 : fullEnd - 4;
        fs.truncateSync(journalPath(), cutAt);

        const p = await open();
        assert.deepEqual(p.restored.mutations, [insertOf(1), insertOf(2)]);
        assert.equal(fs.statSync(journalPath()).size, goodEnd);
        const warning = logger.lines.find((line) => line.obj.event === 'journal.tail_dropped');
        assert.equal(warning?.level, 'warn');
        assert.equal(warning.obj.droppedBytes, cutAt - goodEnd);

        p.sink.record(insertOf(4));
        await p.close();
        const again = await open();
        assert.deepEqual(again.restored.mutations, [insertOf(1), insertOf(2), insertOf(4)]);
      });
    }

    it('when the last record fails its checksum, drops it and never replays it', async () => {
      const sizes = await writeRecords(3);
      const buf = fs.readFileSync(journalPath());
      flipByte(buf, buf.length - 2);
      fs.writeFileSync(journalPath(), buf);

      const p = await open();
      assert.deepEqual(p.restored.mutations, [insertOf(1), insertOf(2)]);
      assert.equal(fs.statSync(journalPath()).size, sizes[1]);
      const warning = logger.lines.find((line) => line.obj.event === 'journal.tail_dropped');
      assert.equal(warning?.obj.reason, 'checksum mismatch');
    });

    it('when zeros follow the last record (a file extended but never written), drops them', async () => {
      const sizes = await writeRecords(2);
      fs.appendFileSync(journalPath(), Buffer.alloc(4096));
      const p = await open();
      assert.deepEqual(p.restored.mutations, [insertOf(1), insertOf(2)]);
      assert.equal(fs.statSync(journalPath()).size, sizes[1]);
    });

    it('when a record in the middle is damaged and valid records follow, refuses to open and leaves the file as it was', async () => {
      const sizes = await writeRecords(3);
      const buf = fs.readFileSync(journalPath());
      flipByte(buf, (sizes[0] ?? 0) - 2);
      fs.writeFileSync(journalPath(), buf);

      await assert.rejects(openPersistence(dataDir, logger), JournalCorruptError);
      assert.deepEqual(fs.readFileSync(journalPath()), buf);
      // The refused open released its lock.
      assert.equal(fs.existsSync(path.join(dataDir, LOCK_FILE)), false);
    });

    it('cut at every byte offset, restores exactly the records written in full before the cut', async () => {
      const ends = await writeRecords(3);
      const full = fs.readFileSync(journalPath());
      for (let cut = 0; cut < full.length; cut++) {
        fs.writeFileSync(journalPath(), full.subarray(0, cut));
        const p = await openPersistence(dataDir, logger);
        const complete = ends.filter((end) => end <= cut).length;
        assert.deepEqual(
          p.restored.mutations,
          [1, 2, 3].slice(0, complete).map((n) => insertOf(n)),
          `cut at byte ${cut}`,
        );
        await p.close();
      }
    });

    it('with any single byte of the journal flipped, drops only a damaged last record and refuses any other damage', async () => {
      const ends = await writeRecords(3);
      const full = fs.readFileSync(journalPath());
      const lastStart = ends[1] ?? 0;
      for (let at = 0; at < full.length; at++) {
        const damaged = Buffer.from(full);
        flipByte(damaged, at);
        fs.writeFileSync(journalPath(), damaged);
        if (at >= lastStart) {
          const p = await openPersistence(dataDir, logger);
          assert.deepEqual(p.restored.mutations, [insertOf(1), insertOf(2)], `flip at byte ${at}`);
          await p.close();
        } else {
          await assert.rejects(openPersistence(dataDir, logger), JournalCorruptError, `flip at byte ${at}`);
        }
      }
    });
  });

  describe('compaction', () => {
    it('below the threshold, keeps appending to the journal', async () => {
      const p = await open({ minCompactBytes: 1024 * 1024 });
      let snapshots = 0;
      for (let n = 1; n <= 20; n++) {
        p.sink.record(insertOf(n));
        p.maybeCompact(() => {
          snapshots += 1;
          return { databases: [] };
        });
      }
      assert.equal(snapshots, 0);
      assert.equal(fs.existsSync(snapshotPath()), false);
    });

    it('once the journal outgrows the threshold, writes a snapshot and starts an empty journal', async () => {
      const p = await open({ minCompactBytes: 200 });
      const state = new Map<unknown, Document>();
      let snapshots = 0;
      const emptyJournalSize = fs.statSync(journalPath()).size;
      for (let n = 1; n <= 10; n++) {
        const m = insertOf(n);
        p.sink.record(m);
        for (const doc of (m as { docs: Document[] }).docs) state.set(doc._id, doc);
        const before = snapshots;
        p.maybeCompact(() => {
          snapshots += 1;
          return snapshotOf(state);
        });
        if (snapshots > before) assert.equal(fs.statSync(journalPath()).size, emptyJournalSize);
      }
      assert.ok(snapshots >= 1);
      assert.equal(logger.lines.filter((line) => line.obj.event === 'journal.compacted').length, snapshots);
      await p.close();

      const again = await open();
      assert.deepEqual(restoredIds(again), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.ok(again.restored.snapshot, 'state comes from the snapshot');
    });

    it('the snapshot round-trips many collections and thousands of documents in chunks', async () => {
      const bigDocs = Array.from({ length: 30_000 }, (_, i) => ({
        _id: i,
        pad: 'x'.repeat(200),
        at: new Date(i),
      }));
      const state: StateSnapshot = {
        databases: [
          {
            name: 'app',
            collections: [
              {
                name: 'big',
                options: { capped: false },
                indexes: [{ name: 'at_1', key: { at: 1 }, unique: true }],
                docs: bigDocs,
              },
              { name: 'empty', indexes: [{ name: '_id_', key: { _id: 1 } }], docs: [] },
            ],
          },
          { name: 'other', collections: [] },
        ],
      };
      const p = await open();
      p.sink.record(insertOf(1));
      await p.close(() => state);

      const again = await open();
      assert.deepEqual(again.restored.mutations, []);
      assert.deepEqual(again.restored.snapshot, state);
    });

    it('when the process died before the snapshot was renamed into place, replays the journal and removes the temporary file', async () => {
      const p = await open();
      for (let n = 1; n <= 3; n++) p.sink.record(insertOf(n));
      await p.close();
      // A half-written temporary snapshot, as left by a crash during compaction.
      fs.writeFileSync(
        path.join(dataDir, DATA_FILES.snapshotTmp),
        encodeFrame({ half: true }).subarray(0, 10),
      );

      const again = await open();
      assert.deepEqual(restoredIds(again), [1, 2, 3]);
      assert.equal(fs.existsSync(path.join(dataDir, DATA_FILES.snapshotTmp)), false);
    });

    it('when the process died after the snapshot was renamed but before the journal was emptied, applies nothing twice', async () => {
      const p = await open();
      for (let n = 1; n <= 3; n++) p.sink.record(insertOf(n));
      const journalBeforeCompaction = fs.readFileSync(journalPath());
      await p.close(() =>
        snapshotOf(
          applyToSnapshot(
            null,
            [1, 2, 3].map((n) => insertOf(n)),
          ),
        ),
      );
      // Put back the journal the compaction emptied: the state a crash right after the rename leaves.
      fs.writeFileSync(journalPath(), journalBeforeCompaction);

      const again = await open();
      assert.deepEqual(again.restored.mutations, [], 'records already in the snapshot are skipped');
      assert.deepEqual(restoredIds(again), [1, 2, 3]);
      again.sink.record(insertOf(4));
      await again.close();

      const third = await open();
      assert.deepEqual(third.restored.mutations, [insertOf(4)]);
      assert.deepEqual(restoredIds(third), [1, 2, 3, 4]);
    });

    it('keeps the state across repeated compactions interleaved with writes and deletes', async () => {
      let p = await open({ minCompactBytes: 300 });
      const state = new Map<unknown, Document>();
      const apply = (m: Mutation): void => {
        p.sink.record(m);
        for (const [id, doc] of applyToSnapshot(null, [m])) state.set(id, doc);
        if (m.op === 'delete') for (const id of m.ids) state.delete(id);
        p.maybeCompact(() => snapshotOf(state));
      };
      for (let n = 1; n <= 30; n++) {
        apply(insertOf(n));
        if (n % 3 === 0) apply({ op: 'delete', db: 'app', coll: 'items', ids: [n - 1] });
        if (n === 15) {
          await p.close();
          p = await open({ minCompactBytes: 300 });
        }
      }
      await p.close();
      const again = await open();
      assert.deepEqual(
        restoredIds(again).sort((a, b) => Number(a) - Number(b)),
        [...state.keys()].sort((a, b) => Number(a) - Number(b)),
      );
    });

    it('when the journal does not continue where the snapshot ends, refuses to open', async () => {
      const p = await open();
      p.sink.record(insertOf(1));
      await p.close(() => snapshotOf(applyToSnapshot(null, [insertOf(1)])));
      // A journal whose records start at 10, as if records 2..9 had been lost.
      fs.rmSync(journalPath());
      const writer = JournalWriter.open(journalPath(), 0);
      writer.append(10, insertOf(10));
      writer.close();
      await assert.rejects(openPersistence(dataDir, logger), /starts at record 10 but snapshot .* ends at 1/);
    });

    it('when the snapshot is damaged, refuses to open rather than start with part of the data', async () => {
      const p = await open();
      p.sink.record(insertOf(1));
      await p.close(() => snapshotOf(applyToSnapshot(null, [insertOf(1)])));
      fs.truncateSync(snapshotPath(), fs.statSync(snapshotPath()).size - 1);
      await assert.rejects(openPersistence(dataDir, logger), SnapshotCorruptError);
    });
  });

  describe('random histories (property)', () => {
    type Step =
      | { kind: 'insert' | 'replace'; id: number; value: Document }
      | { kind: 'delete'; id: number }
      | { kind: 'restart'; finalSnapshot: boolean }
      | { kind: 'crash' };

    const valueArb = fc.record({
      n: fc.integer(),
      big: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((b) => Long.fromBigInt(b)),
      price: fc.integer({ min: 0, max: 10_000_000 }).map((c) => Decimal128.fromString(`${c / 100}`)),
      at: fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms)),
      tags: fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }),
      blob: fc.uint8Array({ maxLength: 300 }).map((bytes) => new Binary(Buffer.from(bytes))),
    });
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({ kind: fc.constant('insert' as const), id: fc.nat(9), value: valueArb }),
      },
      {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant('replace' as const), id: fc.nat(9), value: valueArb }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.nat(9) }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('restart' as const), finalSnapshot: fc.boolean() }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'crash' as const }) },
    );
    const sortedCanonical = (docs: Map<unknown, Document>): unknown =>
      canonicalDocs([...docs.values()].sort((a, b) => Number(a._id) - Number(b._id)));

    it('across writes, compactions, clean restarts and crashes, restores exactly the acknowledged state', async function () {
      this.timeout(120_000);
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-history-'));
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(stepArb, { minLength: 1, maxLength: 60 }),
            fc.integer({ min: 200, max: 4000 }),
            async (steps, minCompactBytes) => {
              let dir = path.join(scratch, `run-${run++}`);
              const model = new Map<unknown, Document>();
              const take = (): StateSnapshot => snapshotOf(model);
              let p = await openPersistence(dir, logger, { minCompactBytes });
              try {
                for (const step of steps) {
                  if (step.kind === 'restart') {
                    await p.close(step.finalSnapshot ? take : undefined);
                    p = await openPersistence(dir, logger, { minCompactBytes });
                    assert.deepEqual(sortedCanonical(restoreState(p)), sortedCanonical(model));
                  } else if (step.kind === 'crash') {
                    // What kill -9 leaves: the files as they are now, without a close.
                    const copy = path.join(scratch, `run-${run++}`);
                    fs.mkdirSync(copy);
                    for (const file of [DATA_FILES.journal, DATA_FILES.snapshot]) {
                      if (fs.existsSync(path.join(dir, file)))
                        fs.copyFileSync(path.join(dir, file), path.join(copy, file));
                    }
                    await p.close();
                    dir = copy;
                    p = await openPersistence(dir, logger, { minCompactBytes });
                    assert.deepEqual(sortedCanonical(restoreState(p)), sortedCanonical(model));
                  } else {
                    const mutation: Mutation =
                      step.kind === 'delete'
                        ? { op: 'delete', db: 'app', coll: 'items', ids: [step.id] }
                        : {
                            op: step.kind,
                            db: 'app',
                            coll: 'items',
                            docs: [{ _id: step.id, ...step.value }],
                          };
                    p.sink.record(mutation);
                    for (const [id, doc] of applyToSnapshot(null, [mutation])) model.set(id, doc);
                    if (step.kind === 'delete') model.delete(step.id);
                    p.maybeCompact(take);
                  }
                }
              } finally {
                await p.close();
              }
              const final = await openPersistence(dir, logger, { minCompactBytes });
              try {
                assert.deepEqual(sortedCanonical(restoreState(final)), sortedCanonical(model));
              } finally {
                await final.close();
              }
            },
          ),
          { numRuns: 100 },
        );
        const compactions = logger.lines.filter((line) => line.obj.event === 'journal.compacted').length;
        assert.ok(compactions > 10, `the histories compacted ${compactions} times`);
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    });
  });

  describe('data directory lock', () => {
    it('refuses a second open of the same directory while the first is open, and allows it after close', async () => {
      const first = await open();
      await assert.rejects(openPersistence(dataDir, logger), DataDirLockedError);
      await first.close();
      await open();
    });

    /** Starts a process that opens `dir` and keeps it open until killed; resolves once it holds the lock. */
    const holdInChild = (dir: string): Promise<ChildProcess> =>
      new Promise((resolve, reject) => {
        const moduleUrl = new URL('../../embedded-mongo/persistence/index.ts', import.meta.url).href;
        const script =
          `const { openPersistence } = await import(${JSON.stringify(moduleUrl)});` +
          `const quiet = { info() {}, warn() {}, error() {}, debug() {} };` +
          `await openPersistence(${JSON.stringify(dir)}, quiet);` +
          `process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
        child.stdout.once('data', () => resolve(child));
        child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
      });
    const killAndWait = async (child: ChildProcess): Promise<void> => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    };

    it('refuses a directory held by another live process, and takes it over once that process is killed', async () => {
      const holder = await holdInChild(dataDir);
      try {
        await assert.rejects(openPersistence(dataDir, logger), (error: unknown) => {
          assert.ok(error instanceof DataDirLockedError);
          assert.equal(error.ownerPid, holder.pid);
          return true;
        });
      } finally {
        await killAndWait(holder);
      }
      const p = await open();
      p.sink.record(insertOf(1));
      assert.equal(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').split(' ')[0], String(process.pid));
    });

    it('takes over a lock whose pid now belongs to a different process (a pid reused after a restart)', async function () {
      if (!fs.existsSync(`/proc/${process.ppid}/stat`)) this.skip();
      // The parent process is alive, but it did not start at clock tick 1.
      fs.writeFileSync(path.join(dataDir, LOCK_FILE), `${process.ppid} 1\n`);
      await open();
    });

    it('takes over a lock left by a process that no longer exists', async () => {
      const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      });
      fs.writeFileSync(path.join(dataDir, LOCK_FILE), `${exited.stdout}\n`);
      await open();
      assert.equal(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').split(' ')[0], String(process.pid));
    });
  });

  it('when a journal write fails (file size limit reached), refuses every later write and keeps the journal clean', async function () {
    if (process.platform !== 'linux') this.skip();
    const moduleUrl = new URL('../../embedded-mongo/persistence/index.ts', import.meta.url).href;
    // The child ignores SIGXFSZ, so that writing past its file size limit fails with EFBIG instead of killing it.
    const script =
      `process.on('SIGXFSZ', () => {});` +
      `const { openPersistence } = await import(${JSON.stringify(moduleUrl)});` +
      `const quiet = { info() {}, warn() {}, error() {}, debug() {} };` +
      `const p = await openPersistence(${JSON.stringify(dataDir)}, quiet);` +
      `const record = (n) => p.sink.record({ op: 'insert', db: 'app', coll: 'items', docs: [{ _id: n, pad: 'x'.repeat(3000) }] });` +
      `let n = 1; try { for (; n < 1000; n++) { record(n); console.log('ack', n); } } catch (e) { console.log('failed', n, e.code); }` +
      `try { record(0); console.log('ack', 0); } catch (e) { console.log('refused', e.message); }` +
      `await p.close();`;
    const child = spawnSync(
      'sh',
      ['-c', `ulimit -f 64 && exec "$0" --import tsx --input-type=module -e "$1"`, process.execPath, script],
      {
        encoding: 'utf8',
      },
    );
    const lines = child.stdout.trim().split('\n');
    const acked = lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.split(' ')[1]));
    assert.ok(acked.length > 0, `child output: ${child.stdout}${child.stderr}`);
    assert.match(lines.find((line) => line.startsWith('failed ')) ?? '', /^failed \d+ EFBIG$/);
    assert.match(
      lines.find((line) => line.startsWith('refused ')) ?? '',
      /refuses writes after a failed write/,
    );

    const p = await open();
    assert.deepEqual(
      p.restored.mutations.map((m) => (m.op === 'insert' ? (m.docs[0]?._id as number) : null)),
      acked,
    );
    assert.equal(
      logger.lines.find((line) => line.obj.event === 'journal.tail_dropped'),
      undefined,
    );
  });

  it('after close, refuses to record', async () => {
    const p = await open();
    await p.close();
    assert.throws(() => p.sink.record(insertOf(1)), /closed/);
  });
});
