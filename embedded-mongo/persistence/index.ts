/**
 * Durability for the engine: a data directory holding a snapshot and an append-only journal.
 *
 * On open, the snapshot and the journal records written after it are handed back for replay. Every
 * committed mutation is then appended to the journal synchronously, before the storage layer replies.
 * Once the journal has grown to the size of the snapshot (and at least `minCompactBytes`), the whole state
 * is written as a new snapshot and the journal starts afresh, so replay time and disk use stay
 * proportional to the data rather than to its history. See docs/engine-durability.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EngineLogger } from '../logger.js';
import type { Mutation, MutationSink, StateSnapshot } from '../storage/mutation.js';
import { lockDataDir } from './data-dir-lock.js';
import { syncDirectory } from './durable-fs.js';
import { JournalWriter, scanJournal } from './journal-file.js';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file.js';

export interface Persistence {
  restored: { snapshot: StateSnapshot | null; mutations: Mutation[] };
  sink: MutationSink;
  /** Called after writes; compacts the journal into a snapshot when it has grown enough. */
  maybeCompact(takeSnapshot: () => StateSnapshot): void;
  close(takeSnapshot?: () => StateSnapshot): Promise<void>;
}

export interface PersistenceOptions {
  /** The journal is never compacted below this many bytes of records. */
  minCompactBytes?: number;
}

const DEFAULT_MIN_COMPACT_BYTES = 16 * 1024 * 1024;

export const DATA_FILES = {
  journal: 'journal.bin',
  snapshot: 'snapshot.bin',
  snapshotTmp: 'snapshot.bin.tmp',
} as const;

export async function openPersistence(
  dataDir: string,
  logger: EngineLogger,
  { minCompactBytes = DEFAULT_MIN_COMPACT_BYTES }: PersistenceOptions = {},
): Promise<Persistence> {
  const startedAt = performance.now();
  await fs.promises.mkdir(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let writer: JournalWriter | undefined;
  try {
    const journalFile = path.join(dataDir, DATA_FILES.journal);
    const snapshotFile = path.join(dataDir, DATA_FILES.snapshot);
    const snapshotTmpFile = path.join(dataDir, DATA_FILES.snapshotTmp);
    // A leftover temporary snapshot is an interrupted compaction; the journal still holds its records.
    fs.rmSync(snapshotTmpFile, { force: true });

    const snapshot = readSnapshotFile(snapshotFile);
    const journalBuf = readFileIfExists(journalFile);
    const scan = scanJournal(journalBuf, journalFile);
    if (scan.tailDamage !== undefined) {
      logger.warn(
        {
          event: 'journal.tail_dropped',
          file: journalFile,
          offset: scan.validBytes,
          droppedBytes: journalBuf.length - scan.validBytes,
          reason: scan.tailDamage,
        },
        'dropped a torn or corrupt record at the end of the journal',
      );
    }

    const baseSeq = snapshot?.seq ?? 0;
    // Records at or below the snapshot's sequence were compacted into it just before a crash.
    const pending = scan.entries.filter((entry) => entry.seq > baseSeq);
    const firstPending = pending[0];
    if (firstPending && firstPending.seq !== baseSeq + 1) {
      throw new Error(
        `journal ${journalFile} starts at record ${firstPending.seq} but snapshot ${snapshotFile} ends at ` +
          `${baseSeq}: records are missing`,
      );
    }
    writer = JournalWriter.open(journalFile, scan.validBytes);
    // A journal created just now must not vanish with its directory entry on a power loss.
    syncDirectory(dataDir);
    if (pending.length === 0 && scan.entries.length > 0) writer.reset();

    logger.info(
      {
        event: 'persistence.opened',
        dataDir,
        snapshotSeq: baseSeq,
        journalRecords: pending.length,
        ms: Math.round(performance.now() - startedAt),
      },
      'opened the data directory',
    );
    return createPersistence({
      restored: { snapshot: snapshot?.state ?? null, mutations: pending.map((entry) => entry.mutation) },
      writer,
      lastSeq: pending.at(-1)?.seq ?? baseSeq,
      snapshotBytes: snapshot?.bytes ?? 0,
      snapshotFile,
      snapshotTmpFile,
      minCompactBytes,
      logger,
      unlock,
    });
  } catch (error) {
    writer?.close();
    unlock();
    throw error;
  }
}

interface PersistenceState {
  restored: Persistence['restored'];
  writer: JournalWriter;
  lastSeq: number;
  snapshotBytes: number;
  snapshotFile: string;
  snapshotTmpFile: string;
  minCompactBytes: number;
  logger: EngineLogger;
  unlock: () => void;
}

function createPersistence(state: PersistenceState): Persistence {
  const { writer, logger } = state;
  let closed = false;
  // After a failed compaction (a full disk, say), wait for the journal to grow this much more before retrying.
  let retryAfterBytes = 0;

  const compactionThreshold = (): number =>
    Math.max(state.minCompactBytes, state.snapshotBytes, retryAfterBytes);

  const compact = (takeSnapshot: () => StateSnapshot): void => {
    const startedAt = performance.now();
    const journalBytes = writer.recordBytes;
    try {
      state.snapshotBytes = writeSnapshotFile(
        state.snapshotFile,
        state.snapshotTmpFile,
        state.lastSeq,
        takeSnapshot(),
      );
      // The snapshot is durable under its final name: only now may the records it holds be dropped.
      writer.reset();
      retryAfterBytes = 0;
      logger.info(
        {
          event: 'journal.compacted',
          seq: state.lastSeq,
          journalBytes,
          snapshotBytes: state.snapshotBytes,
          ms: Math.round(performance.now() - startedAt),
        },
        'compacted the journal into a snapshot',
      );
    } catch (error) {
      fs.rmSync(state.snapshotTmpFile, { force: true });
      retryAfterBytes = journalBytes + state.minCompactBytes;
      logger.error(
        { event: 'journal.compaction_failed', err: error },
        'could not compact the journal; it is kept',
      );
    }
  };

  return {
    restored: state.restored,
    sink: {
      record(mutation: Mutation): void {
        if (closed) throw new Error('persistence is closed');
        const seq = state.lastSeq + 1;
        try {
          writer.append(seq, mutation);
        } catch (error) {
          logger.error({ event: 'journal.write_failed', seq, err: error }, 'could not write to the journal');
          throw error;
        }
        state.lastSeq = seq;
      },
    },
    maybeCompact(takeSnapshot) {
      if (!closed && writer.recordBytes >= compactionThreshold()) compact(takeSnapshot);
    },
    close(takeSnapshot) {
      if (closed) return Promise.resolve();
      closed = true;
      try {
        // A final snapshot makes the next start a plain load instead of a replay.
        if (takeSnapshot && writer.recordBytes > 0) compact(takeSnapshot);
        writer.close();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        state.unlock();
      }
    },
  };
}

function readFileIfExists(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}
