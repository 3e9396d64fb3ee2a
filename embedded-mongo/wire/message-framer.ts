/**
 * Splits a TCP byte stream into whole wire-protocol messages. Every message starts with its total length
 * (int32, little-endian), so the framer keeps the chunks of a message until that many bytes have arrived
 * and joins them once, when it is complete (joining on every chunk would copy a 48 MB bulk insert
 * hundreds of times).
 */
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;

export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Length of the message being received, once its first four bytes are in. */
  private expected: number | null = null;

  /** Adds a chunk and returns every message it completes, in order. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    for (;;) {
      if (this.expected === null) {
        if (this.buffered < 4) break;
        const head = this.chunks[0]!.length >= 4 ? this.chunks[0]! : this.join();
        const length = head.readInt32LE(0);
        if (length < 16 || length > MAX_MESSAGE_SIZE_BYTES) {
          throw new Error(`invalid wire message length ${length}`);
        }
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      const all = this.join();
      messages.push(all.subarray(0, this.expected));
      const rest = all.subarray(this.expected);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.expected = null;
    }
    return messages;
  }

  private join(): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [joined];
    return joined;
  }
}
