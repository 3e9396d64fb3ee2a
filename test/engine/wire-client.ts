/**
 * A bare wire-protocol client for the handshake tests: it sends hand-built OP_QUERY and OP_MSG messages, so
 * the tests see exactly what a driver would put on the wire, without the driver's own handling.
 */
import net from 'node:net';
import { BSON, type Document } from 'bson';

export interface WireReply {
  opCode: number;
  responseTo: number;
  doc: Document;
}

function header(length: number, requestId: number, opCode: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

export function buildOpQuery(requestId: number, collection: string, query: Document): Buffer {
  const name = Buffer.from(`${collection}\0`);
  const body = Buffer.from(BSON.serialize(query));
  const flags = Buffer.alloc(4); // no flags
  const skipAndReturn = Buffer.alloc(8);
  skipAndReturn.writeInt32LE(0, 0);
  skipAndReturn.writeInt32LE(-1, 4);
  const length = 16 + 4 + name.length + 8 + body.length;
  return Buffer.concat([header(length, requestId, 2004), flags, name, skipAndReturn, body]);
}

export interface Sequence {
  identifier: string;
  documents: Document[];
}

export function buildOpMsg(requestId: number, body: Document, sequences: Sequence[] = [], flags = 0): Buffer {
  const parts: Buffer[] = [];
  const flagBits = Buffer.alloc(4);
  flagBits.writeUInt32LE(flags, 0);
  parts.push(flagBits, Buffer.from([0]), Buffer.from(BSON.serialize(body)));
  for (const sequence of sequences) {
    const docs = sequence.documents.map((doc) => Buffer.from(BSON.serialize(doc)));
    const name = Buffer.from(`${sequence.identifier}\0`);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + name.length + docs.reduce((sum, doc) => sum + doc.length, 0), 0);
    parts.push(Buffer.from([1]), size, name, ...docs);
  }
  const payload = Buffer.concat(parts);
  return Buffer.concat([header(16 + payload.length, requestId, 2013), payload]);
}

function parseReply(message: Buffer): WireReply {
  const opCode = message.readInt32LE(12);
  const responseTo = message.readInt32LE(8);
  const docStart = opCode === 1 ? 36 : 21;
  const size = message.readInt32LE(docStart);
  return { opCode, responseTo, doc: BSON.deserialize(message.subarray(docStart, docStart + size)) };
}

/** A raw connection that collects whole reply messages. */
export class WireClient {
  private buffered = Buffer.alloc(0);
  private readonly replies: WireReply[] = [];
  private waiting: (() => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4 && this.buffered.length >= this.buffered.readInt32LE(0)) {
        const length = this.buffered.readInt32LE(0);
        this.replies.push(parseReply(this.buffered.subarray(0, length)));
        this.buffered = this.buffered.subarray(length);
      }
      this.waiting?.();
    });
  }

  static connect(uri: string): Promise<WireClient> {
    const url = new URL(uri);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(url.port || 27017), url.hostname, () =>
        resolve(new WireClient(socket)),
      );
      socket.once('error', reject);
    });
  }

  send(message: Buffer): void {
    this.socket.write(message);
  }

  /** The next reply, or null when none arrives within `timeoutMs`. */
  async nextReply(timeoutMs = 2000): Promise<WireReply | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = null;
    }
    return this.replies.shift() ?? null;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.end(() => resolve());
      this.socket.destroy();
    });
  }
}
