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
    finishOldest() {
      pending.shift()?.();
    },
    finishNewest() {
      pending.pop()?.();
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
    db.finishOldest();
  });

  it('serves every caller that arrives within the interval with one read that starts after them', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load, { minIntervalMs: 30 });
    db.write(1);
    const first = reader.read();
    db.write(2);
    const queued = [reader.read(), reader.read(), reader.read()];
    assert.equal(db.calls, 1, 'the callers after the first read share the next one, not one each');
    db.finishOldest();
    assert.equal(await first, 1);
    await untilReads(db, 2);
    db.finishOldest();
    assert.deepEqual(await Promise.all(queued), [2, 2, 2]);
    assert.equal(db.calls, 2);
  });

  it('never answers a caller with a read that started before it called, even once that read is done', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load, { minIntervalMs: 30 });
    db.write(1);
    const early = reader.read();
    db.finishOldest();
    assert.equal(await early, 1);
    // An ingest finishes; a request arriving now must see it, although a read just ended.
    db.write(2);
    const late = reader.read();
    await untilReads(db, 2);
    db.finishOldest();
    assert.equal(await late, 2);
  });

  it('does not hold callers behind a slow read: the next one starts on time and may answer first', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load, { minIntervalMs: 5 });
    db.write(1);
    const slow = reader.read();
    db.write(2);
    const next = reader.read();
    await untilReads(db, 2);
    let slowDone = false;
    void slow.then(() => (slowDone = true));
    db.finishNewest();
    assert.equal(await next, 2);
    assert.equal(slowDone, false, 'the second read answered while the first was still out');
    db.finishOldest();
    assert.equal(await slow, 1);
  });

  it('passes a failed read on to its callers and reads afresh for the next ones', async () => {
    let fail = true;
    const reader = new BatchedVersionReader(
      () => (fail ? Promise.reject(new Error('db down')) : Promise.resolve(7)),
      { minIntervalMs: 1 },
    );
    await assert.rejects(reader.read(), /db down/);
    fail = false;
    assert.equal(await reader.read(), 7);
  });
});
