/**
 * The record framing shared by the journal and the snapshot files.
 *
 * A frame is `magic (u32 LE) | payload length (u32 LE) | CRC32 (u32 LE) | payload`, where the payload is
 * one BSON document and the CRC covers the length field and the payload. The magic lets a reader tell a
 * torn tail (nothing valid after the damage) from damage in the middle of a file (valid frames follow).
 */
import { calculateObjectSize, deserialize, serialize } from 'bson';
import type { DeserializeOptions, Document, SerializeOptions } from 'bson';
import { crc32 } from 'node:zlib';

export const FRAME_MAGIC = 0x314a4d45; // "EMJ1" read as little-endian bytes
export const FRAME_HEADER_BYTES = 12;
/** Larger than any write the wire protocol accepts (48 MB messages), small enough to reject a garbled length. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

/**
 * How payloads are decoded. Int64 stays a `Long` (never narrowed to a number, which would turn it into an
 * Int32 or a Double on the next write); everything else is promoted exactly as the driver does.
 */
export const PAYLOAD_DESERIALIZE_OPTIONS: DeserializeOptions = { promoteLongs: false };

export function encodeFrame(payload: Document): Buffer {
  const body = serializePayload(payload);
  if (body.length > MAX_PAYLOAD_BYTES) {
    throw new RangeError(`record of ${body.length} bytes exceeds the ${MAX_PAYLOAD_BYTES}-byte limit`);
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  frame.writeUInt32LE(FRAME_MAGIC, 0);
  frame.writeUInt32LE(body.length, 4);
  frame.writeUInt32LE(checksumFrame(frame.subarray(4, 8), body), 8);
  frame.set(body, FRAME_HEADER_BYTES);
  return frame;
}

/**
 * `bson` serializes into a shared scratch buffer (17 MB by default) and, past its end, can cut a string short
 * without an error. Telling it the exact size first makes it grow the buffer whenever a payload needs more.
 */
function serializePayload(payload: Document): Uint8Array {
  const options: SerializeOptions & { minInternalBufferSize?: number } = {
    minInternalBufferSize: calculateObjectSize(payload),
  };
  return serialize(payload, options);
}

function checksumFrame(lengthField: Uint8Array, body: Uint8Array): number {
  return crc32(body, crc32(lengthField));
}

export interface DecodedFrame {
  payload: Document;
  /** Offset of the frame's first byte. */
  offset: number;
  /** Offset just past the frame. */
  end: number;
}

export type FrameResult =
  | { ok: true; frame: DecodedFrame }
  | { ok: false; reason: string }
  /** The buffer ends exactly at `offset`: no frame and no damage. */
  | { ok: 'eof' };

/** Decodes the frame starting at `offset`, or says why there is no valid frame there. */
export function decodeFrameAt(
  buf: Buffer,
  offset: number,
  options: DeserializeOptions = PAYLOAD_DESERIALIZE_OPTIONS,
): FrameResult {
  const remaining = buf.length - offset;
  if (remaining === 0) return { ok: 'eof' };
  if (remaining < FRAME_HEADER_BYTES) return { ok: false, reason: `truncated header (${remaining} bytes)` };
  if (buf.readUInt32LE(offset) !== FRAME_MAGIC) return { ok: false, reason: 'bad frame magic' };
  const length = buf.readUInt32LE(offset + 4);
  if (length > MAX_PAYLOAD_BYTES) return { ok: false, reason: `implausible length ${length}` };
  const end = offset + FRAME_HEADER_BYTES + length;
  if (end > buf.length) {
    return {
      ok: false,
      reason: `truncated payload (${buf.length - offset - FRAME_HEADER_BYTES} of ${length} bytes)`,
    };
  }
  const body = buf.subarray(offset + FRAME_HEADER_BYTES, end);
  if (checksumFrame(buf.subarray(offset + 4, offset + 8), body) !== buf.readUInt32LE(offset + 8)) {
    return { ok: false, reason: 'checksum mismatch' };
  }
  try {
    return { ok: true, frame: { payload: deserialize(body, options), offset, end } };
  } catch (error) {
    return { ok: false, reason: `undecodable payload: ${(error as Error).message}` };
  }
}

const MAGIC_BYTES = Buffer.alloc(4);
MAGIC_BYTES.writeUInt32LE(FRAME_MAGIC, 0);

/** Whether any valid frame starts after `offset`: tells damage in the middle of a file from a torn tail. */
export function findValidFrameAfter(buf: Buffer, offset: number): number | null {
  for (let at = buf.indexOf(MAGIC_BYTES, offset + 1); at !== -1; at = buf.indexOf(MAGIC_BYTES, at + 1)) {
    if (decodeFrameAt(buf, at).ok === true) return at;
  }
  return null;
}
