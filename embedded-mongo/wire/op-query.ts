/**
 * The legacy OP_QUERY / OP_REPLY pair. Drivers still open every connection with `ismaster` sent as OP_QUERY
 * to `admin.$cmd`, and expect the answer as OP_REPLY; nothing else uses it any more.
 */
import type { Document } from 'bson';
import { decodeDocument, encodeReply } from './bson-codec.js';
import { OpCode, writeHeader } from './op-codes.js';

export interface OpQueryRequest {
  fullCollectionName: string;
  command: Document;
}

export function parseOpQuery(message: Buffer): OpQueryRequest {
  const nameEnd = message.indexOf(0, 20);
  const fullCollectionName = message.toString('utf8', 20, nameEnd);
  const queryStart = nameEnd + 1 + 8;
  const size = message.readInt32LE(queryStart);
  let command = decodeDocument(message.subarray(queryStart, queryStart + size));
  // Old drivers wrap the command with read preference as { $query: {...}, $readPreference: ... }.
  if (command.$query && typeof command.$query === 'object') command = command.$query as Document;
  return { fullCollectionName, command };
}

export function encodeOpReply(reply: Document, requestId: number, responseTo: number): Buffer {
  const body = encodeReply(reply);
  const message = Buffer.allocUnsafe(16 + 20 + body.length);
  writeHeader(message, requestId, responseTo, OpCode.REPLY);
  message.writeInt32LE(0, 16); // responseFlags
  message.writeBigInt64LE(0n, 20); // cursorID
  message.writeInt32LE(0, 28); // startingFrom
  message.writeInt32LE(1, 32); // numberReturned
  message.set(body, 36);
  return message;
}
