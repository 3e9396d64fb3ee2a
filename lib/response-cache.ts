/**
 * An in-memory cache of serialised API responses, each stamped with the data version it was computed at.
 * An entry is only served while the current version equals its own, so a bump of the stamp (by any
 * instance's ingest) retires every entry at once. Least recently used entries go first once it is full.
 *
 * An entry keeps the final bytes and their strong ETag, hashed once when it is made, and the compressed
 * variants it has been asked for, each made once, so a cache hit only copies bytes to the socket.
 */
import { createHash } from 'node:crypto';
import { compressBody, isWorthCompressing } from './content-coding.js';
import type { ContentCoding } from './content-coding.js';

/** A body in one content coding, with its own strong ETag (a different representation, a different tag). */
export interface EncodedBody {
  body: Buffer;
  etag: string;
}

export interface CachedResponse {
  version: number;
  body: Buffer;
  contentType: string;
  /** Strong ETag of the body, quoted. */
  etag: string;
  /** Whether compressed variants are offered (a compressible type, above the size threshold). */
  compressible: boolean;
  /** Compressed variants made so far. */
  encoded: Partial<Record<ContentCoding, EncodedBody>>;
  /** Compressions under way, shared by the requests that wait for them. */
  encoding: Partial<Record<ContentCoding, Promise<EncodedBody>>>;
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

/** Prepares a body for the cache: its ETag now, its compressed variants on demand. */
export function toCachedResponse(body: Buffer, contentType: string, version: number): CachedResponse {
  return {
    version,
    body,
    contentType,
    etag: computeEtag(body),
    compressible: isWorthCompressing(contentType, body.length),
    encoded: {},
    encoding: {},
  };
}

/** Serialises a JSON response once, with its ETag, for the cache. */
export function toCachedJson(value: unknown, version: number): CachedResponse {
  return toCachedResponse(
    Buffer.from(JSON.stringify(value), 'utf8'),
    'application/json; charset=utf-8',
    version,
  );
}

/**
 * The entry's body in `coding`: made on the first call, then kept with the entry. Concurrent first
 * calls share one compression.
 */
export function encodeCachedResponse(entry: CachedResponse, coding: ContentCoding): Promise<EncodedBody> {
  const made = entry.encoded[coding];
  if (made !== undefined) return Promise.resolve(made);
  let pending = entry.encoding[coding];
  if (pending === undefined) {
    pending = compressBody(entry.body, coding).then(
      (body) => {
        const encoded = { body, etag: `${entry.etag.slice(0, -1)}-${coding}"` };
        entry.encoded[coding] = encoded;
        delete entry.encoding[coding];
        return encoded;
      },
      (error: unknown) => {
        // Let a later request try again rather than keeping a failure in the cache.
        delete entry.encoding[coding];
        throw error;
      },
    );
    entry.encoding[coding] = pending;
  }
  return pending;
}
