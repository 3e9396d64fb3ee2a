/**
 * An in-memory cache of serialised API responses, each stamped with the data version it was computed at.
 * An entry is only served while the current version equals its own, so a bump of the stamp (by any
 * instance's ingest) retires every entry at once. Least recently used entries go first once it is full.
 */
import { createHash } from 'node:crypto';

export interface CachedResponse {
  version: number;
  body: Buffer;
  contentType: string;
  /** Strong ETag of the body, quoted. */
  etag: string;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key` if it was computed at `version`. */
  get(key: string, version: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.version !== version) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert so that Map order stays least-recently-used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A strong ETag for a body: its SHA-1, base64url, quoted. */
export function computeEtag(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Serialises a JSON response once, with its ETag, for the cache. */
export function toCachedJson(value: unknown, version: number): CachedResponse {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { version, body, contentType: 'application/json; charset=utf-8', etag: computeEtag(body) };
}
