/**
 * The fetcher stage: one conditional GET of a source's URL through the outbound guard. A 304 comes back
 * as `notModified` without a body, so the caller skips parsing; any other status than 2xx is an error.
 */
import type { OutboundGuard } from '../outbound-guard.js';
import { AppError } from '../errors.js';
import { sendOutboundRequest } from '../outbound-request.js';
import { decodeBody } from './decode-body.js';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchedFeed =
  | { notModified: true; status: 304; url: string }
  | {
      notModified: false;
      status: number;
      url: string;
      text: string;
      charset: string;
      bytes: number;
      validators: Validators;
    };

/** A response with a status that is neither 2xx nor 304. */
export class FeedStatusError extends AppError {
  readonly httpStatus: number;

  constructor(httpStatus: number, url: string) {
    super('FETCH_HTTP_STATUS', 502, `The server answered ${httpStatus} for ${url}.`, {
      details: { url, httpStatus },
    });
    this.httpStatus = httpStatus;
  }
}

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

export async function fetchFeed(
  guard: OutboundGuard,
  url: string,
  validators: Validators,
  limits: FetchLimits,
  signal?: AbortSignal,
): Promise<FetchedFeed> {
  const headers: Record<string, string> = { 'user-agent': limits.userAgent, accept: ACCEPT };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const response = await sendOutboundRequest(guard, url, {
    headers,
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxBytes,
    maxRedirects: limits.maxRedirects,
    ...(signal ? { signal } : {}),
  });
  if (response.status === 304) return { notModified: true, status: 304, url: response.url };
  if (response.status < 200 || response.status > 299)
    throw new FeedStatusError(response.status, response.url);
  const contentType = response.headers['content-type'];
  const { text, charset } = decodeBody(response.body, contentType);
  const etag = response.headers.etag;
  const lastModified = response.headers['last-modified'];
  return {
    notModified: false,
    status: response.status,
    url: response.url,
    text,
    charset,
    bytes: response.body.length,
    validators: { etag: etag ?? null, lastModified: lastModified ?? null },
  };
}
