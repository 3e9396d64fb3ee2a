/**
 * OP_MSG: the message every modern driver uses for commands. Section kind 0 is the command body; kind 1
 * sections are document sequences (the `documents`, `updates` or `deletes` of a bulk write), which are
 * folded back into the body as arrays so that commands see one plain document.
 */
import type { Document } from 'bson';
import { decodeDocument, encodeReply } from './bson-codec.js';
import { OpCode, OpMsgFlags, writeHeader } from './op-codes.js';

export interface OpMsgRequest {
  flags: number;
  command: Document;
  moreToCome: boolean;
}

export function parseOpMsg(message: Buffer): OpMsgRequest {
  const flags = message.readUInt32LE(16);
  const end = flags & OpMsgFlags.checksumPresent ? message.length - 4 : message.length;
  let offset = 20;
  let command: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      command = decodeDocument(message.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      const identifier = message.toString('utf8', offset + 4, nameEnd);
      let cursor = nameEnd + 1;
      const docs: Document[] = [];
      while (cursor < sectionEnd) {
        const docSize = message.readInt32LE(cursor);
        docs.push(decodeDocument(message.subarray(cursor, cursor + docSize)));
        cursor += docSize;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new Error('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) command[identifier] = docs;
  return { flags, command, moreToCome: (flags & OpMsgFlags.moreToCome) !== 0 };
}

export function encodeOpMsg(reply: Document, requestId: number, responseTo: number): Buffer {
  // The header, the flags and the section kind go first; the message length is known once the body is.
  const prefix = Buffer.allocUnsafe(16 + 4 + 1);
  prefix.writeUInt32LE(0, 16);
  prefix.writeUInt8(0, 20);
  const message = encodeReply(reply, prefix);
  writeHeader(message, requestId, responseTo, OpCode.MSG);
  return message;
}
