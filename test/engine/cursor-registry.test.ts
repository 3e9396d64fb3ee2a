import assert from 'node:assert/strict';
import type { CommandError } from '../../embedded-mongo/errors.js';
import { CURSOR_IDLE_TIMEOUT_MS, CursorRegistry } from '../../embedded-mongo/cursors/cursor-registry.js';

describe('engine: cursor registry', () => {
  let now = 0;
  let cursors: CursorRegistry;
  const docs = Array.from({ length: 10 }, (_, i) => ({ i }));

  beforeEach(() => {
    now = 1_000_000;
    cursors = new CursorRegistry(() => now);
  });
  afterEach(() => cursors.close());

  it('hands out positive Int64 ids and closes the cursor with its last batch', () => {
    const first = cursors.open('db.c', docs, 4);
    assert.ok(first.id.greaterThan(0));
    assert.equal(cursors.getMore(first.id, 'db.c', 4).docs.length, 4);
    const last = cursors.getMore(first.id, 'db.c', 4);
    assert.equal(last.docs.length, 2);
    assert.ok(last.id.isZero());
    assert.equal(cursors.openCount, 0);
  });

  it('keeps no cursor when the first batch holds everything', () => {
    assert.ok(cursors.open('db.c', docs, 101).id.isZero());
    assert.equal(cursors.openCount, 0);
  });

  it('closes a cursor left idle for 10 minutes', () => {
    const { id } = cursors.open('db.c', docs, 2);
    now += CURSOR_IDLE_TIMEOUT_MS - 1;
    assert.equal(cursors.closeIdle(), 0);
    now += 1;
    assert.equal(cursors.closeIdle(), 1);
    assert.throws(
      () => cursors.getMore(id, 'db.c', 2),
      (error: CommandError) => error.code === 43,
    );
  });

  it('never expires a cursor opened with noCursorTimeout', () => {
    cursors.open('db.c', docs, 2, { noTimeout: true });
    now += 10 * CURSOR_IDLE_TIMEOUT_MS;
    assert.equal(cursors.closeIdle(), 0);
    assert.equal(cursors.openCount, 1);
  });

  it('restarts the idle clock on every getMore', () => {
    const { id } = cursors.open('db.c', docs, 1);
    now += CURSOR_IDLE_TIMEOUT_MS - 1000;
    cursors.getMore(id, 'db.c', 1);
    now += CURSOR_IDLE_TIMEOUT_MS - 1000;
    assert.equal(cursors.closeIdle(), 0);
  });

  it('refuses getMore on another namespace than the cursor was opened on', () => {
    const { id } = cursors.open('db.c', docs, 2);
    assert.throws(
      () => cursors.getMore(id, 'db.other', 2),
      (error: CommandError) => error.code === 43,
    );
  });
});
