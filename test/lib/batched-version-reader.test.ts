import assert from 'node:assert/strict';
import { BatchedVersionReader } from '../../lib/batched-version-reader.js';

/** A load whose every call the test resolves by hand, answering the stored value at resolve time. */
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

describe('lib/batched-version-reader', () => {
  it('serves every caller that arrived before a read started with that one read', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load);
    db.write(1);
    const first = reader.read();
    const queued = [reader.read(), reader.read(), reader.read()];
    assert.equal(db.calls, 1, 'the callers behind the running read wait for one more, not one each');
    db.finishNext();
    assert.equal(await first, 1);
    await Promise.resolve();
    await new Promise(setImmediate);
    assert.equal(db.calls, 2);
    db.finishNext();
    assert.deepEqual(await Promise.all(queued), [1, 1, 1]);
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
    await new Promise(setImmediate);
    db.finishNext();
    assert.equal(await late, 2);
  });

  it('starts afresh once idle, and recovers from a failed read', async () => {
    let fail = true;
    const reader = new BatchedVersionReader(() =>
      fail ? Promise.reject(new Error('db down')) : Promise.resolve(7),
    );
    await assert.rejects(reader.read(), /db down/);
    fail = false;
    assert.equal(await reader.read(), 7);
  });

  it('spaces reads by the interval: a call right after a read waits for the next one, which serves all', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load, { minIntervalMs: 30 });
    db.write(1);
    const first = reader.read();
    db.finishNext();
    assert.equal(await first, 1);

    db.write(2);
    const next = [reader.read(), reader.read()];
    assert.equal(db.calls, 1, 'no read starts before the interval is over');
    // Resolves the next read as soon as it starts (the test waits on the event, not on the clock).
    while (db.calls < 2) await new Promise(setImmediate);
    db.finishNext();
    assert.deepEqual(await Promise.all(next), [2, 2]);
    assert.equal(db.calls, 2);
  });

  it('reads at once when idle and no interval is set', async () => {
    const db = createManualLoad();
    const reader = new BatchedVersionReader(db.load);
    const first = reader.read();
    db.finishNext();
    await first;
    void reader.read();
    assert.equal(db.calls, 2);
    db.finishNext();
  });
});
