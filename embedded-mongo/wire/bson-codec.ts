/**
 * How the engine turns BSON into JavaScript values and back. Int32 and Double become numbers, an Int64 that
 * fits in 53 bits becomes a number and a larger one stays a `Long` (so it stays exact), Decimal128, ObjectId
 * and Binary stay as their bson classes. Replies drop `undefined` fields, as mongod never sends them.
 *
 * A cursor batch has to be measured to keep it under 16 MiB, and measuring a document costs about as much
 * as serialising it, so the cursor registry serialises each document once (`encodeBatch`) and the reply
 * that carries the batch splices those bytes in (`encodeReply`) instead of serialising them again.
 */
import { BSON, type Document } from 'bson';

const DESERIALIZE_OPTIONS = { promoteLongs: true, promoteValues: true, promoteBuffers: false } as const;
const SERIALIZE_OPTIONS = { ignoreUndefined: true } as const;

export function decodeDocument(bytes: Uint8Array): Document {
  return BSON.deserialize(bytes, DESERIALIZE_OPTIONS);
}

export function encodeDocument(doc: Document): Uint8Array {
  return BSON.serialize(doc, SERIALIZE_OPTIONS);
}

export function measureDocument(doc: Document): number {
  return BSON.calculateObjectSize(doc, SERIALIZE_OPTIONS);
}

/** The serialised form of each document of a batch, kept beside the batch the reply carries. */
const encodedBatches = new WeakMap<Document[], Uint8Array[]>();

/** Records `bytes` (one serialised document per entry of `docs`) as the encoding of the batch `docs`. */
export function rememberEncodedBatch(docs: Document[], bytes: Uint8Array[]): void {
  encodedBatches.set(docs, bytes);
}

const ELEMENT_DOCUMENT = Buffer.from([0x03]);
const ELEMENT_ARRAY = Buffer.from([0x04]);
const TERMINATOR = Buffer.from([0x00]);

function cstring(text: string): Buffer {
  return Buffer.from(`${text}\u0000`, 'utf8');
}

/** The array keys "0\0", "1\0", ... of a batch, built once and reused by every reply. */
const arrayKeys: Buffer[] = [];

function arrayKey(i: number): Buffer {
  for (let next = arrayKeys.length; next <= i; next++) arrayKeys.push(cstring(String(next)));
  return arrayKeys[i]!;
}

/**
 * A serialised document as a list of byte runs, joined once at the end (a reply of a few hundred
 * documents would otherwise be copied once per level of nesting).
 */
class Parts {
  readonly parts: Uint8Array[] = [];
  size = 0;

  push(part: Uint8Array): void {
    this.parts.push(part);
    this.size += part.length;
  }

  /** Appends a document whose elements `writeElements` appends, with its length prefix and final NUL. */
  document(writeElements: () => void): void {
    const length = Buffer.allocUnsafe(4);
    this.push(length);
    const start = this.size;
    writeElements();
    this.push(TERMINATOR);
    length.writeInt32LE(this.size - start + 4, 0);
  }

  /** The elements of `doc`, serialised as usual: its bytes without the length prefix and the final NUL. */
  elements(doc: Document): void {
    const bytes = encodeDocument(doc);
    this.push(bytes.subarray(4, bytes.length - 1));
  }
}

/** Appends `doc` field by field, letting `writeField` append some elements itself (true when it did). */
function writeFields(out: Parts, doc: Document, writeField: (name: string, value: unknown) => boolean) {
  out.document(() => {
    for (const [name, value] of Object.entries(doc) as Array<[string, unknown]>) {
      if (!writeField(name, value)) out.elements({ [name]: value });
    }
  });
}

/** An array element whose items are already serialised documents. */
function writeEncodedArray(out: Parts, name: string, docs: Uint8Array[]): void {
  out.push(ELEMENT_ARRAY);
  out.push(cstring(name));
  out.document(() => {
    docs.forEach((doc, i) => {
      out.push(ELEMENT_DOCUMENT);
      out.push(arrayKey(i));
      out.push(doc);
    });
  });
}

/**
 * Serialises a command reply, after `prefix` (a message header) when given. A `cursor.firstBatch` or
 * `cursor.nextBatch` that the cursor registry encoded already goes in as those bytes; anything else is
 * serialised as usual. The parts are copied into the result once.
 */
export function encodeReply(reply: Document, prefix?: Buffer): Buffer {
  const out = new Parts();
  if (prefix) out.push(prefix);
  const cursor = reply.cursor as unknown;
  const batchOf = (value: unknown) =>
    Array.isArray(value) ? encodedBatches.get(value as Document[]) : undefined;
  const cursorDoc = cursor !== null && typeof cursor === 'object' ? (cursor as Document) : null;
  if (!cursorDoc || (!batchOf(cursorDoc.firstBatch) && !batchOf(cursorDoc.nextBatch))) {
    out.push(encodeDocument(reply));
    return Buffer.concat(out.parts, out.size);
  }
  writeFields(out, reply, (name) => {
    if (name !== 'cursor') return false;
    out.push(ELEMENT_DOCUMENT);
    out.push(cstring(name));
    writeFields(out, cursorDoc, (field, batch) => {
      const encoded = field === 'firstBatch' || field === 'nextBatch' ? batchOf(batch) : undefined;
      if (!encoded) return false;
      writeEncodedArray(out, field, encoded);
      return true;
    });
    return true;
  });
  return Buffer.concat(out.parts, out.size);
}
