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

const ELEMENT_DOCUMENT = 0x03;
const ELEMENT_ARRAY = 0x04;

/** The elements of a serialised document: its bytes without the length prefix and the final NUL. */
function elementsOf(doc: Document): Uint8Array {
  const bytes = encodeDocument(doc);
  return bytes.subarray(4, bytes.length - 1);
}

function cstring(text: string): Buffer {
  return Buffer.from(`${text}\u0000`, 'utf8');
}

/** A document made of the given element byte runs. */
function assemble(parts: Uint8Array[]): Buffer {
  const size = 4 + parts.reduce((sum, part) => sum + part.length, 0) + 1;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let offset = 4;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  out[offset] = 0;
  return out;
}

/** An array element whose items are already serialised documents. */
function encodedArrayElement(name: string, docs: Uint8Array[]): Buffer {
  const items: Uint8Array[] = [];
  docs.forEach((doc, i) => {
    items.push(Buffer.from([ELEMENT_DOCUMENT]), cstring(String(i)), doc);
  });
  return Buffer.concat([Buffer.from([ELEMENT_ARRAY]), cstring(name), assemble(items)]);
}

/** Encodes a document field by field, letting `encodeField` supply the bytes of some elements. */
function encodeFields(doc: Document, encodeField: (name: string, value: unknown) => Uint8Array | null) {
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(doc) as Array<[string, unknown]>) {
    parts.push(encodeField(name, value) ?? elementsOf({ [name]: value }));
  }
  return assemble(parts);
}

/**
 * Serialises a command reply. A `cursor.firstBatch` or `cursor.nextBatch` that the cursor registry
 * encoded already goes in as those bytes; anything else is serialised as usual.
 */
export function encodeReply(reply: Document): Uint8Array {
  const cursor = reply.cursor as unknown;
  if (!cursor || typeof cursor !== 'object') return encodeDocument(reply);
  const batchOf = (value: unknown) =>
    Array.isArray(value) ? encodedBatches.get(value as Document[]) : undefined;
  const cursorDoc = cursor as Document;
  if (!batchOf(cursorDoc.firstBatch) && !batchOf(cursorDoc.nextBatch)) return encodeDocument(reply);
  return encodeFields(reply, (name) => {
    if (name !== 'cursor') return null;
    const cursorBytes = encodeFields(cursorDoc, (field, batch) => {
      const encoded = field === 'firstBatch' || field === 'nextBatch' ? batchOf(batch) : undefined;
      return encoded ? encodedArrayElement(field, encoded) : null;
    });
    return Buffer.concat([Buffer.from([ELEMENT_DOCUMENT]), cstring(name), cursorBytes]);
  });
}
