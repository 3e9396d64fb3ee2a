/**
 * The append-only journal: one frame per committed mutation, each tagged with a sequence number so that
 * replay can skip what a snapshot already holds. Appends are synchronous, so a mutation is in the kernel's
 * page cache (and survives the process being killed) before the caller acknowledges the write.
 */
import fs from 'node:fs';
import type { Mutation } from '../storage/mutation.js';
import { writeFully } from './durable-fs.js';
import { decodeFrameAt, encodeFrame, findValidFrameAfter } from './frame-codec.js';

export const JOURNAL_FORMAT = 'embedded-mongo-journal';
export const JOURNAL_VERSION = 1;

export interface JournalEntry {
  seq: number;
  mutation: Mutation;
}

export interface JournalScan {
  entries: JournalEntry[];
  /** Bytes up to the end of the last valid frame. */
  validBytes: number;
  /** Why the bytes after `validBytes` were rejected, when there are any. */
  tailDamage?: string;
}

/** Raised when the journal is damaged before its last record, where dropping the rest would lose writes. */
export class JournalCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
    readonly nextValidOffset: number,
  ) {
    super(
      `journal ${file} is damaged at byte ${offset} (${reason}) but valid records follow at byte ` +
        `${nextValidOffset}; refusing to drop acknowledged writes. Move the data directory aside and restore it.`,
    );
    this.name = 'JournalCorruptError';
  }
}

/**
 * Reads every valid entry. Damage at the tail (a torn or garbled last record, or trailing bytes that hold
 * no valid frame) ends the scan and is reported; damage followed by valid frames throws.
 */
export function scanJournal(buf: Buffer, file: string): JournalScan {
  const entries: JournalEntry[] = [];
  let sawHeader = false;
  const accept = (payload: Record<string, unknown>): string | null => {
    if (!sawHeader) {
      if (payload.format !== JOURNAL_FORMAT) return 'not a journal header';
      if (payload.version !== JOURNAL_VERSION)
        return `unsupported journal version ${String(payload.version)}`;
      sawHeader = true;
      return null;
    }
    const seq = payload.s;
    const mutation = payload.m as Mutation | undefined;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return 'record without a sequence number';
    if (typeof mutation?.op !== 'string') return 'record without a mutation';
    const previous = entries.at(-1);
    if (previous && seq !== previous.seq + 1) return `sequence jumps from ${previous.seq} to ${seq}`;
    entries.push({ seq, mutation });
    return null;
  };

  let offset = 0;
  for (;;) {
    const result = decodeFrameAt(buf, offset);
    if (result.ok === 'eof') return { entries, validBytes: offset };
    const reason = result.ok ? accept(result.frame.payload) : result.reason;
    if (reason === null && result.ok) {
      offset = result.frame.end;
      continue;
    }
    const damage = reason ?? 'invalid record';
    const nextValid = findValidFrameAfter(buf, offset);
    if (nextValid !== null) throw new JournalCorruptError(file, offset, damage, nextValid);
    return { entries, validBytes: offset, tailDamage: damage };
  }
}

/** Appends frames at a tracked offset, undoing a partial append so that the file never holds a torn frame. */
export class JournalWriter {
  private broken: Error | null = null;

  private constructor(
    readonly file: string,
    private fd: number | null,
    private size: number,
    private readonly headerBytes: number,
  ) {}

  /**
   * Opens `file` for appending after its first `validBytes` bytes, cutting off anything beyond them.
   * A file with no valid header is started afresh.
   */
  static open(file: string, validBytes: number): JournalWriter {
    const fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
    try {
      const header = encodeFrame({ format: JOURNAL_FORMAT, version: JOURNAL_VERSION });
      if (validBytes < header.length) {
        fs.ftruncateSync(fd, 0);
        writeFully(fd, header, 0);
        fs.fsyncSync(fd);
        return new JournalWriter(file, fd, header.length, header.length);
      }
      if (fs.fstatSync(fd).size !== validBytes) {
        fs.ftruncateSync(fd, validBytes);
        fs.fsyncSync(fd);
      }
      return new JournalWriter(file, fd, validBytes, header.length);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  /** Bytes of mutations written since the journal was last reset. */
  get recordBytes(): number {
    return this.size - this.headerBytes;
  }

  append(seq: number, mutation: Mutation): void {
    const fd = this.requireOpen();
    const frame = encodeFrame({ s: seq, m: mutation });
    try {
      writeFully(fd, frame, this.size);
    } catch (error) {
      this.undoPartialAppend(fd, error);
      throw error;
    }
    this.size += frame.length;
  }

  /** Drops every record, keeping the header. Called once a snapshot holding them is durable. */
  reset(): void {
    const fd = this.requireOpen();
    fs.ftruncateSync(fd, this.headerBytes);
    fs.fsyncSync(fd);
    this.size = this.headerBytes;
  }

  sync(): void {
    fs.fsyncSync(this.requireOpen());
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  private requireOpen(): number {
    if (this.broken) throw this.broken;
    if (this.fd === null) throw new Error(`journal ${this.file} is closed`);
    return this.fd;
  }

  /**
   * After a failed write (a full disk, say) the journal refuses every later append: the failed mutation is
   * already applied in memory, so carrying on would let memory and journal drift apart. The partial frame is
   * cut off on a best-effort basis; if that fails too, the next start drops it as a torn tail.
   */
  private undoPartialAppend(fd: number, cause: unknown): void {
    this.broken = new Error(`journal ${this.file} refuses writes after a failed write; restart the engine`, {
      cause,
    });
    try {
      fs.ftruncateSync(fd, this.size);
    } catch {
      // Reported through `broken` already.
    }
  }
}
