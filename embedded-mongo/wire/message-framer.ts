/**
 * Splits a TCP byte stream into whole wire-protocol messages. Every message starts with its total length
 * (int32, little-endian), so the framer buffers chunks until that many bytes have arrived.
 */
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;

export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Adds a chunk and returns every message it completes, in order. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    while (this.buffered >= 4) {
      const head = this.chunks.length === 1 ? this.chunks[0]! : this.flatten();
      const length = head.readInt32LE(0);
      if (length < 16 || length > MAX_MESSAGE_SIZE_BYTES) {
        throw new Error(`invalid wire message length ${length}`);
      }
      if (this.buffered < length) break;
      const all = this.flatten();
      messages.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return messages;
  }

  private flatten(): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [joined];
    return joined;
  }
}
