/**
 * Snapshot files: the whole state as a sequence of frames, so that no single BSON document has to hold it.
 *
 *   header { format, version, seq }        seq = the last journal record the snapshot includes
 *   db     { t: 'db', name }
 *   coll   { t: 'coll', name, options?, indexes }
 *   docs   { t: 'docs', docs: [...] }       documents of the preceding collection, in chunks
 *   end    { t: 'end', collections, docs }  totals, so a truncated file can never pass for a complete one
 *
 * A snapshot is written to a temporary file, fsynced, then renamed over the previous one, so the file
 * under the final name is always complete. Any damage in it is therefore real corruption, and reading
 * it throws rather than starting with part of the data.
 */
import { calculateObjectSize } from 'bson';
import type { Document } from 'bson';
import fs from 'node:fs';
import path from 'node:path';
import type { StateSnapshot } from '../storage/mutation.js';
import { syncDirectory, writeFully } from './durable-fs.js';
import { decodeFrameAt, encodeFrame } from './frame-codec.js';

export const SNAPSHOT_FORMAT = 'embedded-mongo-snapshot';
export const SNAPSHOT_VERSION = 1;
/** Documents are written in chunks of about this many BSON bytes. */
const DOCS_CHUNK_BYTES = 4 * 1024 * 1024;

export interface SnapshotContents {
  seq: number;
  state: StateSnapshot;
}

/** Writes `state` to `tmpFile`, fsyncs it, then renames it to `file` and fsyncs the directory. */
export function writeSnapshotFile(file: string, tmpFile: string, seq: number, state: StateSnapshot): number {
  const fd = fs.openSync(tmpFile, 'w');
  let bytes = 0;
  try {
    const write = (payload: Document): void => {
      const frame = encodeFrame(payload);
      writeFully(fd, frame, bytes);
      bytes += frame.length;
    };
    write({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, seq });
    let collections = 0;
    let docs = 0;
    for (const db of state.databases) {
      write({ t: 'db', name: db.name });
      for (const coll of db.collections) {
        write({ t: 'coll', name: coll.name, options: coll.options, indexes: coll.indexes });
        for (const chunk of chunkDocuments(coll.docs)) write({ t: 'docs', docs: chunk });
        collections += 1;
        docs += coll.docs.length;
      }
    }
    write({ t: 'end', collections, docs });
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmpFile, file);
  syncDirectory(path.dirname(file));
  return bytes;
}

function* chunkDocuments(docs: Document[]): Generator<Document[]> {
  let chunk: Document[] = [];
  let chunkBytes = 0;
  for (const doc of docs) {
    const size = calculateObjectSize(doc);
    if (chunk.length > 0 && chunkBytes + size > DOCS_CHUNK_BYTES) {
      yield chunk;
      chunk = [];
      chunkBytes = 0;
    }
    chunk.push(doc);
    chunkBytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

export class SnapshotCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(
      `snapshot ${file} is damaged at byte ${offset}: ${reason}. Move the data directory aside and restore it.`,
    );
    this.name = 'SnapshotCorruptError';
  }
}

/** Reads a snapshot written by `writeSnapshotFile`; returns null when there is none. */
export function readSnapshotFile(file: string): (SnapshotContents & { bytes: number }) | null {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const frames: Document[] = [];
  let offset = 0;
  let end: Document | undefined;
  while (!end) {
    const result = decodeFrameAt(buf, offset);
    if (result.ok === 'eof') throw new SnapshotCorruptError(file, offset, 'it ends before its end record');
    if (!result.ok) throw new SnapshotCorruptError(file, offset, result.reason);
    if (result.frame.payload.t === 'end') end = result.frame.payload;
    else frames.push(result.frame.payload);
    offset = result.frame.end;
  }
  if (offset !== buf.length) throw new SnapshotCorruptError(file, offset, 'bytes after its end record');
  try {
    return { ...assembleSnapshot(frames, end), bytes: buf.length };
  } catch (error) {
    throw new SnapshotCorruptError(file, offset, (error as Error).message);
  }
}

function assembleSnapshot(frames: Document[], end: Document): SnapshotContents {
  const [header, ...body] = frames;
  if (header?.format !== SNAPSHOT_FORMAT) throw new Error('not a snapshot header');
  if (header.version !== SNAPSHOT_VERSION)
    throw new Error(`unsupported snapshot version ${String(header.version)}`);
  if (typeof header.seq !== 'number') throw new Error('header without a sequence number');

  const state: StateSnapshot = { databases: [] };
  let collections = 0;
  let docs = 0;
  for (const frame of body) {
    const db = state.databases.at(-1);
    const coll = db?.collections.at(-1);
    if (frame.t === 'db') {
      state.databases.push({ name: frame.name as string, collections: [] });
    } else if (frame.t === 'coll' && db) {
      db.collections.push({
        name: frame.name as string,
        ...(frame.options ? { options: frame.options as Document } : {}),
        indexes: frame.indexes as StateSnapshot['databases'][number]['collections'][number]['indexes'],
        docs: [],
      });
      collections += 1;
    } else if (frame.t === 'docs' && coll) {
      const chunk = frame.docs as Document[];
      for (const doc of chunk) coll.docs.push(doc);
      docs += chunk.length;
    } else {
      throw new Error(`unexpected ${String(frame.t)} record`);
    }
  }
  if (end.collections !== collections || end.docs !== docs) {
    throw new Error(
      `end record counts ${String(end.collections)}/${String(end.docs)}, found ${collections}/${docs}`,
    );
  }
  return { seq: header.seq, state };
}
