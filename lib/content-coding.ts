/**
 * Content codings for prepared response bodies: which coding a request accepts, and the compressed
 * variant of a body in that coding. Bodies the API serves from its cache are compressed once per
 * cache entry here rather than once per response by the compression middleware, which for a large
 * tally series would otherwise spend milliseconds of CPU on every request that accepts gzip.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import compressible from 'compressible';
import Negotiator from 'negotiator';

export type ContentCoding = 'br' | 'gzip';

/** Bodies smaller than this go out uncompressed, as the compression middleware's default threshold. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

const AVAILABLE_CODINGS = ['br', 'gzip', 'identity'] as const;
/** On a tie in the client's q-values, brotli first: it is the smaller of the two. */
const PREFERRED_CODINGS = ['br', 'gzip'] as const;

/** negotiator's `encoding` takes a preference list that its type definitions leave out. */
interface PreferringNegotiator {
  encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined;
}

const MAX_REMEMBERED_HEADERS = 256;
/** Clients send few distinct Accept-Encoding values, so each is negotiated once. */
const negotiated = new Map<string, ContentCoding | 'identity'>();

function negotiateCoding(header: string): ContentCoding | 'identity' {
  const negotiator = new Negotiator({
    headers: { 'accept-encoding': header },
  }) as unknown as PreferringNegotiator;
  const best = negotiator.encoding(AVAILABLE_CODINGS, { preferred: PREFERRED_CODINGS });
  return best === 'br' || best === 'gzip' ? best : 'identity';
}

/**
 * The coding to send a compressible body in, given the request's Accept-Encoding header. No header
 * means identity (as the compression middleware does), and so does a header that accepts neither
 * brotli nor gzip.
 */
export function chooseContentCoding(header: string | undefined): ContentCoding | 'identity' {
  if (header === undefined || header === '') return 'identity';
  let coding = negotiated.get(header);
  if (coding === undefined) {
    coding = negotiateCoding(header);
    if (negotiated.size >= MAX_REMEMBERED_HEADERS) negotiated.clear();
    negotiated.set(header, coding);
  }
  return coding;
}

/** Whether a body of this type and size is worth compressing at all (JSON, CSV, HTML yes; PDF no). */
export function isWorthCompressing(contentType: string, byteLength: number): boolean {
  return byteLength >= COMPRESSION_THRESHOLD_BYTES && compressible(contentType) === true;
}

const brotliCompressAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compresses a body in a worker thread of the zlib pool, off the event loop. */
export function compressBody(body: Buffer, coding: ContentCoding): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(body);
  return brotliCompressAsync(body, {
    params: {
      // Made once per cache entry, so a better ratio than the middleware's per-response quality 4.
      [zlibConstants.BROTLI_PARAM_QUALITY]: 6,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}
