/**
 * One guarded outbound HTTP request: the client that feed fetching and webhook delivery share. It follows
 * at most `maxRedirects` redirects, and every URL it connects to, the first and each redirect's, passes the
 * outbound guard (scheme, literal address, and the resolved addresses inside the socket's lookup).
 *
 * One deadline covers the whole exchange, redirects and body included, so a server that sends its headers
 * and then hangs is cut off like one that never answers. The body is counted as it streams in, after
 * decompression, and the request is torn down as soon as it passes `maxBytes`: a 20 MB answer costs at most
 * `maxBytes` of memory, and a compressed bomb no more.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError } from './errors.js';
import type { AppErrorOptions } from './errors.js';
import type { OutboundGuard } from './outbound-guard.js';

export type OutboundFailureKind = 'timeout' | 'too_large' | 'too_many_redirects' | 'bad_redirect' | 'network';

/** A request that did not produce a complete response. `kind` says why, for logs and metrics. */
export class OutboundRequestError extends AppError {
  readonly kind: OutboundFailureKind;

  constructor(kind: OutboundFailureKind, message: string, options: AppErrorOptions = {}) {
    super(`FETCH_${kind.toUpperCase()}`, 502, message, options);
    this.kind = kind;
  }
}

export interface OutboundRequestOptions {
  method?: 'GET' | 'POST' | 'HEAD' | 'PUT';
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  /** Deadline for the whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Largest decoded body accepted; more fails with kind `too_large`. */
  maxBytes: number;
  maxRedirects: number;
  /** Aborts the request (job shutdown). */
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
  /** Every URL redirected to, in order. */
  redirects: string[];
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

function decodeStream(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

interface Hop {
  url: URL;
  method: string;
  headers: OutgoingHttpHeaders;
  body: string | Buffer | undefined;
}

/** Sends one request (no redirects) and reads its body under the cap. */
function sendHop(
  guard: OutboundGuard,
  hop: Hop,
  options: OutboundRequestOptions,
  signal: AbortSignal,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const send = hop.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const lookup = guard.lookupFor(hop.url);
    const request = send(hop.url, {
      method: hop.method,
      headers: hop.headers,
      signal,
      ...(lookup ? { lookup } : {}),
      // A fresh connection per request: a pooled socket was checked for another host.
      agent: false,
    });
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status) || options.method === 'HEAD' || status === 304) {
        // The body of a redirect or a 304 is never read.
        response.resume();
        settled = true;
        resolve({ status, headers: response.headers, body: Buffer.alloc(0) });
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes && !response.headers['content-encoding']) {
        fail(tooLarge(options.maxBytes));
        return;
      }
      const stream = decodeStream(response);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          // Settle first: tearing the streams down emits errors of its own.
          fail(tooLarge(options.maxBytes));
          stream.destroy();
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', fail);
      response.on('error', fail);
      response.on('aborted', () => fail(new OutboundRequestError('network', 'The response was cut off.')));
      stream.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status, headers: response.headers, body: Buffer.concat(chunks) });
      });
    });
    if (hop.body !== undefined) request.write(hop.body);
    request.end();
  });
}

function tooLarge(maxBytes: number): OutboundRequestError {
  return new OutboundRequestError('too_large', `The response is larger than ${maxBytes} bytes.`, {
    details: { maxBytes },
  });
}

function nextHop(hop: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch (error) {
    throw new OutboundRequestError('bad_redirect', `The redirect target "${location}" is not a URL.`, {
      cause: error,
    });
  }
  const headers = { ...hop.headers };
  if (url.origin !== hop.url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
  // 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
  const asGet = status === 303 || ((status === 301 || status === 302) && hop.method === 'POST');
  if (asGet) {
    delete headers['content-type'];
    delete headers['content-length'];
    return { url, method: 'GET', headers, body: undefined };
  }
  return { url, method: hop.method, headers, body: hop.body };
}

/** Sends a request through the guard, following redirects; never resolves with a redirect status. */
export async function sendOutboundRequest(
  guard: OutboundGuard,
  url: string | URL,
  options: OutboundRequestOptions,
): Promise<OutboundResponse> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const headers: OutgoingHttpHeaders = { 'accept-encoding': 'gzip, deflate, br', ...options.headers };
  let hop: Hop = {
    url: guard.assertAllowedUrl(url),
    method: options.method ?? 'GET',
    headers,
    body: options.body,
  };
  const redirects: string[] = [];
  for (;;) {
    let answer;
    try {
      answer = await sendHop(guard, hop, options, signal);
    } catch (error) {
      if (deadline.aborted) {
        throw new OutboundRequestError('timeout', `No complete response within ${options.timeoutMs} ms.`, {
          details: { url: hop.url.href, timeoutMs: options.timeoutMs },
        });
      }
      if (error instanceof AppError) throw error;
      if (options.signal?.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new OutboundRequestError('network', `Request to ${hop.url.host} failed: ${message}`, {
        cause: error,
        details: { url: hop.url.href },
      });
    }
    const location = answer.headers.location;
    if (!REDIRECT_STATUSES.has(answer.status) || location === undefined) {
      return { ...answer, url: hop.url.href, redirects };
    }
    if (redirects.length >= options.maxRedirects) {
      throw new OutboundRequestError(
        'too_many_redirects',
        `More than ${options.maxRedirects} redirects, the last to ${location}.`,
        { details: { redirects } },
      );
    }
    hop = nextHop(hop, answer.status, location);
    // Each redirect target is checked again before anything connects to it.
    guard.assertAllowedUrl(hop.url);
    redirects.push(hop.url.href);
  }
}
