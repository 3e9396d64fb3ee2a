/**
 * What the API's routers share: the config, the request schemas built for its limits, the response cache
 * and the batched reader of the data-version stamp, plus `sendCachedJson`, through which every read
 * endpoint over tallies answers.
 */
import type { Request, Response } from 'express';
import type { AppConfig } from '../lib/config.js';
import { BatchedVersionReader } from '../lib/batched-version-reader.js';
import type { Logger } from '../lib/logger.js';
import type { Job } from '../jobs/job.js';
import { createLockOwner } from '../jobs/job-lock.js';
import { allJobs } from '../jobs/registry.js';
import { chooseContentCoding } from '../lib/content-coding.js';
import {
  ResponseCache,
  encodeCachedResponse,
  toCachedJson,
  toCachedResponse,
} from '../lib/response-cache.js';
import type { CachedResponse } from '../lib/response-cache.js';
import { readDataVersion } from '../models/data-version.model.js';
import { buildApiSchemas } from './api-schemas.js';
import type { ApiSchemas } from './api-schemas.js';

export interface ApiContext {
  config: AppConfig;
  schemas: ApiSchemas;
  cache: ResponseCache;
  versions: BatchedVersionReader;
  /** The Cache-Control header of public read responses. */
  cacheControl: string;
  logger: Logger;
  /** The jobs `POST /jobs/:name/run` may start, and the lease owner id it runs them under. */
  jobs: readonly Job[];
  lockOwner: string;
}

/**
 * Least time between two reads of the data-version stamp. Under load a read then serves every request
 * that arrived in those milliseconds instead of the few that arrive per database round trip; an idle
 * instance still reads at once. Each request still waits for a read that started after it arrived.
 */
const VERSION_READ_INTERVAL_MS = 2;

export interface ApiContextOptions {
  jobs?: readonly Job[];
}

export function createApiContext(
  config: AppConfig,
  logger: Logger,
  options: ApiContextOptions = {},
): ApiContext {
  return {
    config,
    logger,
    jobs: options.jobs ?? allJobs,
    lockOwner: createLockOwner(),
    schemas: buildApiSchemas({ maxRangeDays: config.API_MAX_RANGE_DAYS }),
    cache: new ResponseCache(config.API_CACHE_ENTRIES),
    versions: new BatchedVersionReader(readDataVersion, { minIntervalMs: VERSION_READ_INTERVAL_MS }),
    cacheControl: `public, max-age=${config.API_CACHE_MAX_AGE_SECONDS}, must-revalidate`,
  };
}

/** Marks a response whose body is already in its final coding, so the compression middleware leaves it. */
export function isPreparedResponse(res: Response): boolean {
  return (res.locals as { preparedBody?: boolean }).preparedBody === true;
}

/**
 * Sends a prepared response in the coding the request accepts (compressed once per entry, then reused).
 * Express answers 304 itself when the request's If-None-Match matches the variant's ETag.
 */
export async function sendPrepared(
  res: Response,
  entry: CachedResponse,
  cacheControl: string,
): Promise<void> {
  (res.locals as { preparedBody?: boolean }).preparedBody = true;
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Content-Type', entry.contentType);
  if (!entry.compressible) {
    res.setHeader('ETag', entry.etag);
    res.send(entry.body);
    return;
  }
  res.vary('Accept-Encoding');
  const coding = chooseContentCoding(res.req.headers['accept-encoding']);
  if (coding === 'identity') {
    res.setHeader('ETag', entry.etag);
    res.send(entry.body);
    return;
  }
  const encoded = entry.encoded[coding] ?? (await encodeCachedResponse(entry, coding));
  res.setHeader('ETag', encoded.etag);
  res.setHeader('Content-Encoding', coding);
  res.send(encoded.body);
}

/**
 * Answers from the cache when it holds `key` at the current data version; otherwise computes the value,
 * serialises it once and caches it. `key` must capture every validated input of the request.
 */
export async function sendCachedJson(
  _req: Request,
  res: Response,
  context: ApiContext,
  key: string,
  compute: () => Promise<unknown>,
): Promise<void> {
  const version = await context.versions.read();
  let entry = context.cache.get(key, version);
  if (entry === undefined) {
    entry = toCachedJson(await compute(), version);
    context.cache.set(key, entry);
  }
  await sendPrepared(res, entry, context.cacheControl);
}

/** A response body and its type, as a renderer produces it. */
export interface RenderedBody {
  body: Buffer | string;
  contentType: string;
}

/** As sendCachedJson, for a body that is not JSON (CSV, Markdown, HTML, PDF). */
export async function sendCachedBody(
  res: Response,
  context: ApiContext,
  key: string,
  render: () => Promise<RenderedBody>,
): Promise<void> {
  const version = await context.versions.read();
  let entry = context.cache.get(key, version);
  if (entry === undefined) {
    const rendered = await render();
    const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body, 'utf8') : rendered.body;
    entry = toCachedResponse(body, rendered.contentType, version);
    context.cache.set(key, entry);
  }
  await sendPrepared(res, entry, context.cacheControl);
}
