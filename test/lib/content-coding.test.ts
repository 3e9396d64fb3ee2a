import assert from 'node:assert/strict';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import {
  chooseContentCoding,
  compressBody,
  isWorthCompressing,
  COMPRESSION_THRESHOLD_BYTES,
} from '../../lib/content-coding.js';

describe('lib/content-coding', () => {
  describe('chooseContentCoding', () => {
    it('sends identity when the request has no Accept-Encoding or accepts neither br nor gzip', () => {
      assert.equal(chooseContentCoding(undefined), 'identity');
      assert.equal(chooseContentCoding(''), 'identity');
      assert.equal(chooseContentCoding('identity'), 'identity');
      assert.equal(chooseContentCoding('deflate'), 'identity');
      assert.equal(chooseContentCoding('gzip;q=0, br;q=0'), 'identity');
    });

    it('prefers brotli on a tie, and follows the q-values otherwise', () => {
      assert.equal(chooseContentCoding('gzip, deflate, br'), 'br');
      assert.equal(chooseContentCoding('gzip'), 'gzip');
      assert.equal(chooseContentCoding('br;q=0.5, gzip'), 'gzip');
      assert.equal(chooseContentCoding('br;q=0, gzip;q=0.1'), 'gzip');
      assert.equal(chooseContentCoding('*'), 'br');
    });

    it('answers the same for a header it has seen before', () => {
      for (let i = 0; i < 3; i++) assert.equal(chooseContentCoding('gzip;q=1.0, br;q=0.9'), 'gzip');
    });
  });

  describe('isWorthCompressing', () => {
    it('compresses text-like types above the threshold only', () => {
      const large = COMPRESSION_THRESHOLD_BYTES;
      assert.equal(isWorthCompressing('application/json; charset=utf-8', large), true);
      assert.equal(isWorthCompressing('text/csv; charset=utf-8', large), true);
      assert.equal(isWorthCompressing('application/json; charset=utf-8', large - 1), false);
      assert.equal(isWorthCompressing('application/pdf', large * 100), false);
    });
  });

  describe('compressBody', () => {
    const body = Buffer.from(JSON.stringify({ регіон: 'Сумська', points: Array(500).fill({ a: 1 }) }));

    it('gzips and brotli-compresses to bytes that decompress to the body', async () => {
      assert.deepEqual(gunzipSync(await compressBody(body, 'gzip')), body);
      assert.deepEqual(brotliDecompressSync(await compressBody(body, 'br')), body);
    });
  });
});
