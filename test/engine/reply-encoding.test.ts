import assert from 'node:assert/strict';
import { BSON, Long, ObjectId } from 'bson';
import { CursorRegistry } from '../../embedded-mongo/cursors/cursor-registry.js';
import { encodeDocument, encodeReply } from '../../embedded-mongo/wire/bson-codec.js';

describe('engine: reply encoding', () => {
  const cursors = new CursorRegistry();
  after(() => cursors.close());

  const docs = Array.from({ length: 5 }, (_, i) => ({
    _id: new ObjectId(),
    i,
    big: Long.fromString('9007199254740993'),
    nested: { list: [i, 'x', null], skipped: undefined },
  }));

  it('gives the same bytes for a batch the cursor registry encoded as a plain serialisation', () => {
    const first = cursors.open('db.c', docs, 3);
    const reply = { cursor: { firstBatch: first.docs, id: first.id, ns: 'db.c' }, ok: 1 };
    assert.deepEqual(Buffer.from(encodeReply(reply)), Buffer.from(encodeDocument(reply)));
    const next = cursors.getMore(first.id, 'db.c', 10);
    const more = { cursor: { nextBatch: next.docs, id: next.id, ns: 'db.c' }, ok: 1 };
    assert.deepEqual(Buffer.from(encodeReply(more)), Buffer.from(encodeDocument(more)));
    const decoded = BSON.deserialize(encodeReply(more)) as { cursor: { nextBatch: unknown[] } };
    assert.equal(decoded.cursor.nextBatch.length, 2);
  });

  it('serialises a reply whose batch the registry did not encode as usual', () => {
    const reply = { cursor: { firstBatch: [{ a: 1 }], id: Long.ZERO, ns: 'db.c' }, ok: 1 };
    assert.deepEqual(Buffer.from(encodeReply(reply)), Buffer.from(encodeDocument(reply)));
  });
});
