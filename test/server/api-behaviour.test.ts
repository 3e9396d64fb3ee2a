import assert from 'node:assert/strict';
import request from 'supertest';
import { bumpDataVersion } from '../../models/data-version.model.js';
import { Tally } from '../../models/tally.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { buildTestApp, writeTallies } from './api-test-app.js';

const TALLIES = '/api/v1/tallies?region=sumy&from=2026-03-01&to=2026-03-02';

function attacksOf(body: unknown): unknown {
  return (body as { series: Array<{ points: Array<{ metrics: { attacks: unknown } }> }> }).series[0]
    ?.points[0]?.metrics.attacks;
}

describe('API behaviour', () => {
  setupTestDB('api-behaviour');

  describe('ETag, Cache-Control and the data-version cache', () => {
    const app = buildTestApp();

    it('answers with an ETag and Cache-Control, then 304 for If-None-Match, then new data after a bump', async () => {
      await writeTallies([{ region: 'sumy', date: '2026-03-01', metrics: { attacks: { value: 5 } } }]);
      const first = await request(app).get(TALLIES).expect(200);
      const etag = String(first.headers['etag']);
      assert.match(etag, /^"[\w-]+"$/);
      assert.match(String(first.headers['cache-control']), /must-revalidate/);
      const revalidated = await request(app).get(TALLIES).set('if-none-match', etag).expect(304);
      assert.equal(revalidated.text, '');

      // A write without a bump is not seen: the response comes from the cache...
      await Tally.updateOne({ region: 'sumy', date: '2026-03-01' }, { $set: { 'metrics.attacks.value': 6 } });
      const cached = await request(app).get(TALLIES).expect(200);
      assert.deepEqual(attacksOf(cached.body), { value: 5, qualifier: 'exact' });
      // ...and the bump an ingest makes (from any instance: the stamp is in the database) retires it.
      await bumpDataVersion('another-instance');
      const fresh = await request(app).get(TALLIES).set('if-none-match', etag).expect(200);
      assert.deepEqual(attacksOf(fresh.body), { value: 6, qualifier: 'exact' });
      assert.notEqual(fresh.headers['etag'], etag);
    });

    it('never shares a cache between apps, yet both follow the same stamp', async () => {
      const other = buildTestApp();
      await writeTallies([{ region: 'sumy', date: '2026-03-01', metrics: { attacks: { value: 1 } } }]);
      await request(app).get(TALLIES).expect(200);
      await request(other).get(TALLIES).expect(200);
      await writeTallies([{ region: 'sumy', date: '2026-03-01', metrics: { attacks: { value: 2 } } }]);
      for (const instance of [app, other]) {
        const res = await request(instance).get(TALLIES).expect(200);
        assert.deepEqual(attacksOf(res.body), { value: 2, qualifier: 'exact' });
      }
    });
  });

  describe('CORS', () => {
    it('sends no CORS headers by default', async () => {
      const res = await request(buildTestApp())
        .get('/api/v1/regions')
        .set('origin', 'https://elsewhere.example')
        .expect(200);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    });

    it('allows the configured origins only', async () => {
      const app = buildTestApp({ CORS_ORIGINS: 'https://newsroom.example' });
      const allowed = await request(app)
        .get('/api/v1/regions')
        .set('origin', 'https://newsroom.example')
        .expect(200);
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://newsroom.example');
      const other = await request(app)
        .get('/api/v1/regions')
        .set('origin', 'https://elsewhere.example')
        .expect(200);
      assert.equal(other.headers['access-control-allow-origin'], undefined);
      const preflight = await request(app)
        .options('/api/v1/sources')
        .set('origin', 'https://newsroom.example')
        .set('access-control-request-method', 'POST')
        .expect(204);
      assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);
    });
  });

  describe('rate limit', () => {
    it('answers 429 RATE_LIMITED in the error shape once an address exceeds its budget', async () => {
      const app = buildTestApp({ API_RATE_LIMIT_PER_MINUTE: '3' });
      for (let i = 0; i < 3; i++) await request(app).get('/api/v1/regions').expect(200);
      const res = await request(app).get('/api/v1/regions').expect(429);
      assert.equal((res.body as { error: { code: string } }).error.code, 'RATE_LIMITED');
      assert.ok(res.headers['ratelimit'], 'standard RateLimit header');
      // Health probes and docs are outside the public API's budget.
      await request(app).get('/healthz').expect(200);
    });
  });

  describe('compression and headers', () => {
    it('compresses large responses for clients that accept gzip, and sets helmet headers', async () => {
      const app = buildTestApp();
      const res = await request(app)
        .get('/api/v1/tallies?region=sumy,kharkiv,kherson&from=2026-01-01&to=2026-03-31')
        .set('accept-encoding', 'gzip')
        .expect(200);
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['content-security-policy']);
    });
  });

  describe('GET /metrics', () => {
    it('exposes request counts by route pattern in the Prometheus format', async () => {
      const app = buildTestApp();
      await request(app).get('/api/v1/regions/sumy/days/2026-03-01').expect(200);
      const res = await request(app)
        .get('/metrics')
        .expect(200)
        .expect('content-type', /text\/plain/);
      assert.match(
        res.text,
        /http_requests_total\{method="GET",route="\/api\/v1\/regions\/:region\/days\/:date",status="200"\} \d+/,
      );
      assert.match(res.text, /^# TYPE source_fetches_total counter$/m);
      assert.match(res.text, /^# TYPE job_runs_total counter$/m);
    });
  });
});
