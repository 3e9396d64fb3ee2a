import assert from 'node:assert/strict';
import { BatchedVersionReader } from '../../lib/batched-version-reader.js';

/** A load whose every call the test resolves by hand, answering the value stored when the call started. */
function createManualLoad() {
  let stored = 0;
  const pending: Array<() => void> = [];
  let calls = 0;
  const load = (): Promise<number> => {
    calls++;
    // The value is read when the read "reaches the database", i.e. when it starts.
    const value = stored;
    return new Promise((resolve) => pending.push(() => resolve(value)));
  };
  return {
    load,
    write(value: number) {
      stored = value;
    },
    finishNext() {
      pending.shift()?.();
    },
    get calls() {
      return calls;
    },
  };
}

/** Waits, event-loop turn by turn, until `count` reads have started (mocha's timeout bounds a hang). */
async function untilReads(db: { calls: number }, count: number): Promise<void> {
  while (db.calls < count) await new Promise(setImmediate);
}

describe('lib/batched-version-reader', () => {
  it('reads at once when idle', () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load, { minIntervalMs: 50 });
    void reader.read();
    assert.equal(db.calls, 1);
    db.finishNext();
  });

  it('serves every caller that arrived while a read was out with one more read', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load);
    db.write(1);
    const first = reader.read();
    const queued = [reader.read(), reader.read(), reader.read()];
    assert.equal(db.calls, 1, 'the callers behind the running read wait for one more, not one each');
    db.finishNext();
    assert.equal(await first, 1);
    await untilReads(db, 2);
    db.finishNext();
    assert.deepEqual(await Promise.all(queued), [1, 1, 1]);
    assert.equal(db.calls, 2);
  });

  it('never answers a caller with a read that started before it called', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load);
    db.write(1);
    const early = reader.read();
    // An ingest finishes while that read is in flight; a request arriving now must see it.
    db.write(2);
    const late = reader.read();
    db.finishNext();
    assert.equal(await early, 1);
    await untilReads(db, 2);
    db.finishNext();
    assert.equal(await late, 2);
  });

  it('keeps one read in flight however slow it is, so a slow database gets fewer reads, not more', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load, { minIntervalMs: 1 });
    const slow = reader.read();
    const waiting: Array<Promise<number>> = [];
    for (let turn = 0; turn < 20; turn++) {
      waiting.push(reader.read());
      await new Promise(setImmediate);
    }
    assert.equal(db.calls, 1);
    db.write(5);
    db.finishNext();
    await slow;
    await untilReads(db, 2);
    db.finishNext();
    assert.deepEqual(new Set(await Promise.all(waiting)), new Set([5]));
  });

  it('spaces reads by the interval: a call right after a read waits for the next one, which serves all', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load, { minIntervalMs: 30 });
    db.write(1);
    const first = reader.read();
    db.finishNext();
    assert.equal(await first, 1);

    // An ingest finishes just after that read; the next callers must see it.
    db.write(2);
    const next = [reader.read(), reader.read()];
    assert.equal(db.calls, 1, 'no read starts before the interval is over');
    await untilReads(db, 2);
    db.finishNext();
    assert.deepEqual(await Promise.all(next), [2, 2]);
    assert.equal(db.calls, 2);
  });

  it('passes a failed read on to its callers and reads afresh for the next ones', async () => {
    let fail = true;
    const reader = new BatchedVersionReader(() =>
      fail ? Promise.reject(new Error('db down')) : Promise.resolve(7),
    );
    await assert.rejects(reader.read(), /db down/);
    fail = false;
    assert.equal(await reader.read(), 7);
  });
});
