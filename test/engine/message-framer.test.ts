import assert from 'node:assert/strict';
import { MessageFramer } from '../../embedded-mongo/wire/message-framer.js';

function message(length: number, fill: number): Buffer {
  const bytes = Buffer.alloc(length, fill);
  bytes.writeInt32LE(length, 0);
  return bytes;
}

describe('engine: wire message framing', () => {
  it('returns two messages that arrive in one chunk', () => {
    const framer = new MessageFramer();
    const messages = framer.push(Buffer.concat([message(20, 1), message(30, 2)]));
    assert.deepEqual(
      messages.map((m) => m.length),
      [20, 30],
    );
  });

  it('reassembles a message delivered one byte at a time, the length prefix included', () => {
    const framer = new MessageFramer();
    const whole = message(40, 7);
    const out: Buffer[] = [];
    for (let i = 0; i < whole.length; i++) out.push(...framer.push(whole.subarray(i, i + 1)));
    assert.equal(out.length, 1);
    assert.ok(out[0]!.equals(whole));
  });

  it('keeps the start of the next message that shares a chunk with the end of the previous one', () => {
    const framer = new MessageFramer();
    const stream = Buffer.concat([message(20, 1), message(25, 2)]);
    const first = framer.push(stream.subarray(0, 23));
    const second = framer.push(stream.subarray(23));
    assert.deepEqual(
      [...first, ...second].map((m) => m.length),
      [20, 25],
    );
    assert.equal(second[0]![24], 2);
  });

  it('rejects a length that no valid message has', () => {
    const framer = new MessageFramer();
    const bad = Buffer.alloc(8);
    bad.writeInt32LE(3, 0);
    assert.throws(() => framer.push(bad), /invalid wire message length/);
  });
});
