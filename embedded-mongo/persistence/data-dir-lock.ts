/**
 * Keeps two engines from writing the same data directory: two journals appending to one file would
 * interleave records and corrupt it. The lock is a file holding the owner's pid. A lock left behind by a
 * process that died (after `kill -9`, say) is taken over, since that process can no longer write.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'LOCK';

/** Directories locked by this process, to refuse a second open from the same pid. */
const heldByThisProcess = new Set<string>();

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(`data directory ${dataDir} is in use by process ${ownerPid}`);
    this.name = 'DataDirLockedError';
  }
}

/** Takes the lock on `dataDir`; the returned function releases it. */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  if (heldByThisProcess.has(dir)) throw new DataDirLockedError(dir, process.pid);
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwnerPid(file);
    if (owner !== null && owner !== process.pid && isProcessAlive(owner))
      throw new DataDirLockedError(dir, owner);
    // Stale (its owner is gone, or died before writing its pid): remove it and try again.
    fs.rmSync(file, { force: true });
  }
  heldByThisProcess.add(dir);
  return () => {
    heldByThisProcess.delete(dir);
    if (readOwnerPid(file) === process.pid) fs.rmSync(file, { force: true });
  };
}

function readOwnerPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
