/** The two file-system steps durability rests on, shared by the journal and the snapshot writer. */
import fs from 'node:fs';

/** Writes all of `buf` at `position`: `write(2)` may write less than asked. */
export function writeFully(fd: number, buf: Uint8Array, position: number): void {
  let written = 0;
  while (written < buf.length) {
    written += fs.writeSync(fd, buf, written, buf.length - written, position + written);
  }
}

/** Makes a new file or a rename in `dir` durable: the directory entry is only on disk once `dir` is synced. */
export function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
