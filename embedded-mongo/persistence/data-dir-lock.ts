/**
 * Keeps two engines from writing the same data directory: two journals appending to one file would
 * interleave records and corrupt it. The lock is a file naming its owner: the pid and, on Linux, the
 * process start time, so that a pid reused after a restart (common in containers) is not mistaken for the
 * owner. A lock left by a process that is gone (after `kill -9`, say) is taken over, since that process
 * can no longer write.
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

interface LockOwner {
  pid: number;
  /** Start time of the process in clock ticks since boot (Linux `/proc/<pid>/stat`), when known. */
  startTime?: string;
}

/** Takes the lock on `dataDir`; the returned function releases it. */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  if (heldByThisProcess.has(dir)) throw new DataDirLockedError(dir, process.pid);
  const self = describeProcess(process.pid);
  for (;;) {
    try {
      fs.writeFileSync(file, formatOwner(self), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner && owner.pid !== process.pid && isOwnerAlive(owner))
      throw new DataDirLockedError(dir, owner.pid);
    // Stale (its owner is gone, or died before writing its name): remove it and try again.
    fs.rmSync(file, { force: true });
  }
  heldByThisProcess.add(dir);
  return () => {
    heldByThisProcess.delete(dir);
    if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
}

function formatOwner(owner: LockOwner): string {
  return owner.startTime === undefined ? `${owner.pid}\n` : `${owner.pid} ${owner.startTime}\n`;
}

function readOwner(file: string): LockOwner | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const [pidText, startTime] = text.trim().split(/\s+/);
  const pid = Number.parseInt(pidText ?? '', 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  return startTime ? { pid, startTime } : { pid };
}

function describeProcess(pid: number): LockOwner {
  const startTime = readStartTime(pid);
  return startTime === null ? { pid } : { pid, startTime };
}

/** Field 22 of `/proc/<pid>/stat`; null where there is no procfs or no such process. */
function readStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isOwnerAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.startTime === undefined) return true;
  const startTime = readStartTime(owner.pid);
  return startTime === null || startTime === owner.startTime;
}
