/**
 * Open cursors. A query's results are computed once; the first batch goes out with the reply and the rest
 * wait here for `getMore`. Batches hold 101 documents by default and never more than 16 MiB, cursor ids are
 * random positive Int64 values, and a cursor left idle for 10 minutes is closed, as mongod does.
 */
import { randomBytes } from 'node:crypto';
import { Long, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { encodeDocument, rememberEncodedBatch } from '../wire/bson-codec.js';

export const DEFAULT_BATCH_SIZE = 101;
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
export const CURSOR_IDLE_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The serialised form of each document a cursor sent, by the document object. Stored documents are never
 * changed in place (an update stores a new object, see Collection.replace), so a document read again, by
 * this query or the next, goes out as the bytes it had, as mongod sends its stored BSON. The map holds no
 * document alive: the bytes go when the document does.
 */
const encodedDocuments = new WeakMap<Document, Uint8Array>();

function encodeOnce(doc: Document): Uint8Array {
  let bytes = encodedDocuments.get(doc);
  if (bytes === undefined) {
    bytes = encodeDocument(doc);
    encodedDocuments.set(doc, bytes);
  }
  return bytes;
}

interface OpenCursor {
  namespace: string;
  docs: Document[];
  position: number;
  lastUsed: number;
  /** Set by `noCursorTimeout`: the cursor stays open until it is exhausted or killed. */
  immortal: boolean;
}

export interface Batch {
  docs: Document[];
  /** Zero when the cursor is exhausted. */
  id: Long;
}

/**
 * Up to `limit` documents (no limit when undefined), and no more than 16 MiB unless one document is larger.
 * Each document is serialised here, once: its size decides the batch, and the reply reuses its bytes.
 */
function takeBatch(cursor: OpenCursor, limit = Number.POSITIVE_INFINITY): Document[] {
  const batch: Document[] = [];
  const encoded: Uint8Array[] = [];
  let bytes = 0;
  while (cursor.position < cursor.docs.length && batch.length < limit) {
    const doc = cursor.docs[cursor.position]!;
    const serialised = encodeOnce(doc);
    if (batch.length > 0 && bytes + serialised.length > MAX_BATCH_BYTES) break;
    bytes += serialised.length;
    batch.push(doc);
    encoded.push(serialised);
    cursor.position++;
  }
  rememberEncodedBatch(batch, encoded);
  return batch;
}

/** Cursor ids arrive as a Long, or as a number when they fit in 53 bits; this keys both alike. */
function keyOfCursorId(id: unknown): string {
  if (id instanceof Long) return id.toString();
  if (typeof id === 'number' || typeof id === 'bigint') return id.toString();
  throw new CommandError('TypeMismatch', 'cursor id must be a 64-bit integer');
}

export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.closeIdle(), 60_000);
    this.sweeper.unref();
  }

  get openCount(): number {
    return this.cursors.size;
  }

  /**
   * Sends the first batch of `docs`; keeps a cursor open for the rest unless `singleBatch` is set. A
   * `batchSize` of 0 opens the cursor with an empty first batch; undefined sends all that fits in 16 MiB.
   */
  open(
    namespace: string,
    docs: Document[],
    batchSize: number | undefined,
    { singleBatch = false, noTimeout = false } = {},
  ): Batch {
    const cursor: OpenCursor = { namespace, docs, position: 0, lastUsed: this.now(), immortal: noTimeout };
    const batch = takeBatch(cursor, batchSize);
    if (singleBatch || cursor.position >= docs.length) return { docs: batch, id: Long.ZERO };
    const id = this.createId();
    this.cursors.set(id.toString(), cursor);
    return { docs: batch, id };
  }

  /** The next batch; a `batchSize` of 0 or undefined sends all that fits in 16 MiB. */
  getMore(id: unknown, namespace: string, batchSize: number | undefined): Batch {
    const key = keyOfCursorId(id);
    const cursor = this.cursors.get(key);
    if (!cursor || cursor.namespace !== namespace) {
      throw new CommandError('CursorNotFound', `cursor id ${key} not found`);
    }
    cursor.lastUsed = this.now();
    const batch = takeBatch(cursor, batchSize && batchSize > 0 ? batchSize : undefined);
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(key);
      return { docs: batch, id: Long.ZERO };
    }
    return { docs: batch, id: Long.fromString(key) };
  }

  /** Closes the given cursors; returns the ids that were open and those that were not. */
  kill(ids: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const key = keyOfCursorId(id);
      (this.cursors.delete(key) ? killed : notFound).push(Long.fromString(key));
    }
    return { killed, notFound };
  }

  closeIdle(): number {
    const cutoff = this.now() - CURSOR_IDLE_TIMEOUT_MS;
    let closed = 0;
    for (const [key, cursor] of this.cursors) {
      if (!cursor.immortal && cursor.lastUsed <= cutoff) {
        this.cursors.delete(key);
        closed++;
      }
    }
    return closed;
  }

  close(): void {
    clearInterval(this.sweeper);
    this.cursors.clear();
  }

  private createId(): Long {
    for (;;) {
      const bytes = randomBytes(8);
      bytes[7]! &= 0x7f; // positive
      const id = Long.fromBytesLE(Array.from(bytes));
      if (!id.isZero() && !this.cursors.has(id.toString())) return id;
    }
  }
}
