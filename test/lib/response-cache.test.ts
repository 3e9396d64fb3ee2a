import assert from 'node:assert/strict';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import {
  ResponseCache,
  encodeCachedResponse,
  toCachedJson,
  toCachedResponse,
} from '../../lib/response-cache.js';

const LARGE = { series: Array.from({ length: 300 }, (_, i) => ({ period: `2025-01-${i}`, value: i })) };

describe('lib/response-cache', () => {
  describe('ResponseCache', () => {
    it('serves an entry only at the version it was made at, and drops it once the version moved', () => {
      const cache = new ResponseCache(10);
      cache.set('k', toCachedJson({ a: 1 }, 3));
      assert.equal(cache.get('k', 3)?.body.toString(), '{"a":1}');
      assert.equal(cache.get('k', 4), undefined);
      assert.equal(cache.get('k', 3), undefined, 'a stale entry is removed, not kept for later');
    });

    it('evicts the least recently used entry once full', () => {
      const cache = new ResponseCache(2);
      cache.set('a', toCachedJson(1, 1));
      cache.set('b', toCachedJson(2, 1));
      cache.get('a', 1);
      cache.set('c', toCachedJson(3, 1));
      assert.ok(cache.get('a', 1));
      assert.equal(cache.get('b', 1), undefined);
      assert.equal(cache.size, 2);
    });
  });

  describe('prepared bodies', () => {
    it('hashes the body once into a strong ETag that changes with the body', () => {
      const one = toCachedJson({ a: 1 }, 1);
      assert.match(one.etag, /^"[\w-]+"$/);
      assert.equal(toCachedJson({ a: 1 }, 2).etag, one.etag);
      assert.notEqual(toCachedJson({ a: 2 }, 1).etag, one.etag);
    });

    it('offers compressed variants only for compressible bodies above the threshold', () => {
      assert.equal(toCachedJson(LARGE, 1).compressible, true);
      assert.equal(toCachedJson({ a: 1 }, 1).compressible, false);
      assert.equal(toCachedResponse(Buffer.alloc(50_000), 'application/pdf', 1).compressible, false);
    });

    it('makes each variant once, shared by concurrent callers, with its own ETag', async () => {
      const entry = toCachedJson(LARGE, 1);
      const [first, second] = await Promise.all([
        encodeCachedResponse(entry, 'gzip'),
        encodeCachedResponse(entry, 'gzip'),
      ]);
      assert.equal(first, second);
      assert.equal(await encodeCachedResponse(entry, 'gzip'), first);
      assert.deepEqual(gunzipSync(first.body), entry.body);
      assert.equal(first.etag, `${entry.etag.slice(0, -1)}-gzip"`);

      const brotli = await encodeCachedResponse(entry, 'br');
      assert.deepEqual(brotliDecompressSync(brotli.body), entry.body);
      assert.notEqual(brotli.etag, first.etag);
      assert.deepEqual(Object.keys(entry.encoded).sort(), ['br', 'gzip']);
      assert.deepEqual(entry.encoding, {}, 'no compression left pending');
    });
  });
});
