/**
 * Cached API responses go out as prepared bytes: identity, gzip or brotli as the client accepts, each
 * with its own strong ETag, through the whole middleware stack (headers, rate limit, logging, metrics).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { bumpDataVersion } from '../../models/data-version.model.js';
import { Tally } from '../../models/tally.model.js';
import { createApiContext } from '../../server/api-context.js';
import { buildApp } from '../../server/app.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { buildTestApp, writeTallies } from './api-test-app.js';

const TALLIES = '/api/v1/tallies?region=sumy&from=2026-01-01&to=2026-03-31';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET over a real socket that leaves the body as sent (supertest would decompress it). */
async function getRaw(
  app: Express,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { connection: 'close', ...headers } });
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function writeQuarter(attacks: number): Promise<void> {
  await writeTallies([
    { region: 'sumy', date: '2026-01-15', metrics: { attacks: { value: attacks } } },
    { region: 'sumy', date: '2026-02-15', metrics: { explosions: { value: 7 } } },
  ]);
}

function attacksOn15January(body: Buffer): unknown {
  const parsed = JSON.parse(body.toString('utf8')) as {
    series: Array<{ points: Array<{ period: string; metrics: { attacks: unknown } }> }>;
  };
  return parsed.series[0]?.points.find((point) => point.period === '2026-01-15')?.metrics.attacks;
}

describe('prepared API responses', () => {
  setupTestDB('api-prepared-responses');

  describe('content codings', () => {
    it('sends the same JSON as identity, gzip and brotli, each with its own ETag and Vary', async () => {
      await writeQuarter(5);
      const app = buildTestApp();
      const identity = await getRaw(app, TALLIES);
      const gzip = await getRaw(app, TALLIES, { 'accept-encoding': 'gzip' });
      const brotli = await getRaw(app, TALLIES, { 'accept-encoding': 'gzip, deflate, br' });

      assert.equal(identity.status, 200);
      assert.equal(identity.headers['content-encoding'], undefined);
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.equal(brotli.headers['content-encoding'], 'br');
      assert.deepEqual(gunzipSync(gzip.body), identity.body);
      assert.deepEqual(brotliDecompressSync(brotli.body), identity.body);
      assert.ok(gzip.body.length < identity.body.length / 3, 'the series compresses well');
      assert.equal(Number(gzip.headers['content-length']), gzip.body.length);
      assert.deepEqual(attacksOn15January(identity.body), { value: 5, qualifier: 'exact' });

      const etags = [identity, gzip, brotli].map((res) => String(res.headers['etag']));
      assert.equal(new Set(etags).size, 3, 'each representation has its own strong ETag');
      for (const res of [identity, gzip, brotli]) {
        assert.match(String(res.headers['etag']), /^"[\w-]+"$/);
        assert.match(String(res.headers['vary']), /Accept-Encoding/i);
        assert.match(String(res.headers['cache-control']), /must-revalidate/);
      }
    });

    it("answers 304 to a variant's own ETag, and the full body to another coding's", async () => {
      await writeQuarter(5);
      const app = buildTestApp();
      const gzip = await getRaw(app, TALLIES, { 'accept-encoding': 'gzip' });
      const etag = String(gzip.headers['etag']);

      const revalidated = await getRaw(app, TALLIES, { 'accept-encoding': 'gzip', 'if-none-match': etag });
      assert.equal(revalidated.status, 304);
      assert.equal(revalidated.body.length, 0);
      assert.equal(revalidated.headers['etag'], etag);

      const identity = await getRaw(app, TALLIES, { 'if-none-match': etag });
      assert.equal(identity.status, 200, 'a gzip ETag does not validate the identity body');
      assert.deepEqual(gunzipSync(gzip.body), identity.body);
    });

    it('serves a compressed variant of the new data after an ingest, never the old one', async () => {
      await writeQuarter(5);
      const app = buildTestApp();
      const before = await getRaw(app, TALLIES, { 'accept-encoding': 'gzip' });
      assert.deepEqual(attacksOn15January(gunzipSync(before.body)), { value: 5, qualifier: 'exact' });

      // A write without a bump stays unseen (the cached bytes are served)...
      await Tally.updateOne({ region: 'sumy', date: '2026-01-15' }, { $set: { 'metrics.attacks.value': 9 } });
      const cached = await getRaw(app, TALLIES, { 'accept-encoding': 'gzip' });
      assert.deepEqual(cached.body, before.body);

      // ...and the bump retires the entry with all its variants.
      await bumpDataVersion('another-instance');
      const after = await getRaw(app, TALLIES, {
        'accept-encoding': 'gzip',
        'if-none-match': String(before.headers['etag']),
      });
      assert.equal(after.status, 200);
      assert.deepEqual(attacksOn15January(gunzipSync(after.body)), { value: 9, qualifier: 'exact' });
      assert.notEqual(after.headers['etag'], before.headers['etag']);
    });

    it('leaves small bodies uncompressed, as compression would', async () => {
      const app = buildTestApp();
      const res = await getRaw(app, '/api/v1/tallies?region=sumy&from=2026-01-01&to=2026-01-01', {
        'accept-encoding': 'gzip',
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], undefined);
      assert.equal((JSON.parse(res.body.toString('utf8')) as { from: string }).from, '2026-01-01');
    });

    it('still compresses what is rendered per request, such as the docs assets', async () => {
      const app = buildTestApp();
      const res = await getRaw(app, '/docs/assets/swagger-ui.css', { 'accept-encoding': 'gzip' });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(res.body).toString('utf8'), /swagger-ui/);
    });
  });

  describe('the rest of the stack', () => {
    it('keeps helmet, CORS, rate-limit, request-id and metrics on a response served from the cache', async () => {
      await writeQuarter(5);
      const app = buildTestApp({
        CORS_ORIGINS: 'https://newsroom.example',
        API_RATE_LIMIT_PER_MINUTE: '100',
      });
      await request(app).get(TALLIES).expect(200);
      const res = await request(app)
        .get(TALLIES)
        .set('origin', 'https://newsroom.example')
        .set('accept-encoding', 'gzip')
        .expect(200);
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['content-security-policy']);
      assert.ok(res.headers['strict-transport-security']);
      assert.equal(res.headers['access-control-allow-origin'], 'https://newsroom.example');
      assert.match(String(res.headers['vary']), /Origin/);
      assert.match(String(res.headers['vary']), /Accept-Encoding/);
      assert.match(String(res.headers['ratelimit']), /r=98/);
      assert.match(String(res.headers['x-request-id']), /^[\w-]+$/);
      assert.equal((res.body as { from: string }).from, '2026-01-01');

      const metrics = await request(app).get('/metrics').expect(200);
      assert.match(
        metrics.text,
        /http_requests_total\{method="GET",route="\/api\/v1\/tallies",status="200"\} \d+/,
      );
    });

    it('validates each query string once yet answers an invalid one with 400 every time', async () => {
      await writeQuarter(5);
      const app = buildTestApp();
      const valid = await request(app).get(TALLIES).expect(200);
      const again = await request(app).get(TALLIES).expect(200);
      assert.deepEqual(again.body, valid.body);
      // The same query spelled differently is validated on its own and gives the same answer.
      const encoded = await request(app).get(TALLIES.replace('region=sumy', 'region=%73umy')).expect(200);
      assert.deepEqual(encoded.body, valid.body);
      for (let i = 0; i < 2; i++) {
        const invalid = await request(app)
          .get('/api/v1/tallies?region=sumy&from=2026-02-30&to=2026-03-31')
          .expect(400);
        assert.equal((invalid.body as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
      }
    });

    it('logs one line per request with its id, method, URL, address and status, and no headers', async () => {
      const lines: string[] = [];
      const destination = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          callback();
        },
      });
      const logger = createLogger({ level: 'info', destination });
      const config = parseConfig({ API_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' });
      const app = buildApp({
        logger,
        config,
        apiContext: createApiContext(config, logger),
        jsonBodyLimit: config.JSON_BODY_LIMIT,
        checkReadiness: () => Promise.reject(new Error('not used')),
      });
      const res = await request(app)
        .get(TALLIES)
        .set('authorization', 'Bearer secret-token-1234')
        .set('x-request-id', 'client-chosen-id')
        .expect(200);
      assert.equal(res.headers['x-request-id'], 'client-chosen-id');
      await request(app).get('/api/v1/tallies?region=atlantis&from=2026-01-01&to=2026-01-02').expect(400);

      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const requests = logged.filter((line) => line['event'] === 'http.request');
      assert.equal(requests.length, 2);
      const [ok, rejected] = requests;
      assert.deepEqual(ok?.['req'], {
        id: 'client-chosen-id',
        method: 'GET',
        url: TALLIES,
        remoteAddress: (ok?.['req'] as { remoteAddress: string }).remoteAddress,
      });
      assert.match(String((ok?.['req'] as { remoteAddress: unknown }).remoteAddress), /127\.0\.0\.1|::1/);
      assert.deepEqual(ok?.['res'], { statusCode: 200 });
      assert.equal(typeof ok?.['responseTime'], 'number');
      assert.equal(ok?.['level'], 30);
      assert.deepEqual(rejected?.['res'], { statusCode: 400 });
      assert.equal(rejected?.['level'], 40);
      assert.ok(!lines.join('\n').includes('secret-token'), 'no header reaches the log');
    });
  });
});
