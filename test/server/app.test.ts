import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { ValidationError } from '../../lib/errors.js';
import type { ErrorBody } from '../../lib/errors.js';
import { createLogger } from '../../lib/logger.js';
import { buildApp } from '../../server/app.js';
import { errorHandler } from '../../server/error-handlers.js';
import { pinoHttp } from 'pino-http';
import type { ReadinessReport } from '../../server/readiness.js';

const logger = createLogger({ level: 'silent' });

function readyReport(): Promise<ReadinessReport> {
  return Promise.resolve({
    ready: true,
    database: { ok: true, mode: 'embedded', latencyMs: 1 },
    scheduler: { running: false, jobs: [] },
    sources: [],
  });
}

describe('server/app', () => {
  const app = buildApp({ logger, jsonBodyLimit: '1kb', checkReadiness: readyReport });

  describe('GET /healthz', () => {
    it('responds 200 with status ok', async () => {
      const res = await request(app).get('/healthz').expect(200);
      assert.equal((res.body as { status: string }).status, 'ok');
    });

    it('sets security headers through helmet', async () => {
      const res = await request(app).get('/healthz');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-powered-by'], undefined);
    });
  });

  describe('request ids', () => {
    it('generates an x-request-id when the caller sends none', async () => {
      const res = await request(app).get('/healthz');
      assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    it("echoes the caller's x-request-id when it is well-formed", async () => {
      const res = await request(app).get('/healthz').set('x-request-id', 'abc-123');
      assert.equal(res.headers['x-request-id'], 'abc-123');
    });

    it('replaces an x-request-id that is not well-formed', async () => {
      const res = await request(app).get('/healthz').set('x-request-id', 'bad id\twith spaces');
      assert.notEqual(res.headers['x-request-id'], 'bad id\twith spaces');
    });
  });

  describe('an unknown route', () => {
    it('responds 404 NOT_FOUND in the error shape', async () => {
      const res = await request(app).get('/no/such/thing').expect(404);
      assert.match(String(res.headers['content-type']), /application\/json/);
      assert.deepEqual(res.body, {
        error: { code: 'NOT_FOUND', message: 'No route for GET /no/such/thing.' },
      });
    });
  });

  describe('a JSON body over the limit', () => {
    it('responds 413 PAYLOAD_TOO_LARGE in the error shape', async () => {
      const res = await request(app)
        .post('/anything')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ text: 'x'.repeat(4096) }))
        .expect(413);
      const body = res.body as ErrorBody;
      assert.equal(body.error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(typeof body.error.message, 'string');
    });
  });

  describe('a malformed JSON body', () => {
    it('responds 400 MALFORMED_JSON in the error shape', async () => {
      const res = await request(app)
        .post('/anything')
        .set('content-type', 'application/json')
        .send('{"region": "sumy",')
        .expect(400);
      assert.deepEqual(res.body, {
        error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' },
      });
    });
  });

  describe('the central error handler', () => {
    // A minimal app around the real handler, with routes that fail in the two ways that matter.
    const failing = express();
    failing.use(pinoHttp({ logger }));
    failing.get('/client', () => {
      throw new ValidationError('date must be yyyy-MM-dd', { details: { field: 'date' } });
    });
    failing.get('/server', async () => {
      await Promise.resolve();
      throw new Error('connection to mongodb://admin:pw@db lost');
    });
    failing.use(errorHandler);

    it('answers a client error with its code, message and details', async () => {
      const res = await request(failing).get('/client').expect(400);
      assert.deepEqual(res.body, {
        error: { code: 'VALIDATION_FAILED', message: 'date must be yyyy-MM-dd', details: { field: 'date' } },
      });
    });

    it('answers a rejected async handler with 500 and hides its message', async () => {
      const res = await request(failing).get('/server').expect(500);
      assert.deepEqual(res.body, { error: { code: 'INTERNAL', message: 'Internal server error.' } });
    });
  });
});
