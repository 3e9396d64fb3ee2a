/**
 * How the engine turns BSON into JavaScript values and back. Int32 and Double become numbers, an Int64 that
 * fits in 53 bits becomes a number and a larger one stays a `Long` (so it stays exact), Decimal128, ObjectId
 * and Binary stay as their bson classes. Replies drop `undefined` fields, as mongod never sends them.
 */
import { BSON, type Document } from 'bson';

const DESERIALIZE_OPTIONS = { promoteLongs: true, promoteValues: true, promoteBuffers: false } as const;

export function decodeDocument(bytes: Uint8Array): Document {
  return BSON.deserialize(bytes, DESERIALIZE_OPTIONS);
}

export function encodeDocument(doc: Document): Uint8Array {
  return BSON.serialize(doc, { ignoreUndefined: true });
}

export function measureDocument(doc: Document): number {
  return BSON.calculateObjectSize(doc, { ignoreUndefined: true });
}
