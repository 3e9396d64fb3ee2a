import assert from 'node:assert/strict';
import request from 'supertest';
import { createLogger } from '../../lib/logger.js';
import { buildApp } from '../../server/app.js';
import type { ReadinessReport } from '../../server/readiness.js';

const app = buildApp({
  logger: createLogger({ level: 'silent' }),
  jsonBodyLimit: '100kb',
  checkReadiness: (): Promise<ReadinessReport> =>
    Promise.resolve({
      ready: true,
      database: { ok: true, mode: 'embedded' },
      scheduler: { running: false, jobs: [] },
      sources: [],
    }),
});

describe('server/dashboard.routes', () => {
  describe('GET /', () => {
    it('serves the dashboard page under a CSP that allows only same-origin scripts', async () => {
      const res = await request(app).get('/').expect(200);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
      assert.match(res.text, /<script type="module" src="\/dashboard\/js\/main.js"><\/script>/);
    });

    it('references no asset outside its own origin and has no inline script', async () => {
      const res = await request(app).get('/').expect(200);
      const references = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
      assert.ok(references.length > 0);
      for (const reference of references) assert.match(reference, /^\//, `${reference} is same-origin`);
      assert.doesNotMatch(res.text, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
    });
  });

  describe('assets', () => {
    it('serves uPlot from node_modules', async () => {
      const script = await request(app).get('/dashboard/vendor/uplot/uPlot.esm.js').expect(200);
      assert.match(String(script.headers['content-type']), /javascript/);
      assert.match(script.text, /export default uPlot|export \{/);
      await request(app)
        .get('/dashboard/vendor/uplot/uPlot.min.css')
        .expect(200)
        .expect('content-type', /css/);
    });

    it('serves every module the page imports', async () => {
      for (const path of ['/dashboard/js/main.js', '/dashboard/dashboard.css', '/dashboard/favicon.svg']) {
        await request(app).get(path).expect(200);
      }
      const main = await request(app).get('/dashboard/js/main.js');
      const imports = [...main.text.matchAll(/from '\.\/([\w-]+\.js)'/g)].map((match) => match[1]);
      assert.ok(imports.length > 5);
      for (const name of imports) await request(app).get(`/dashboard/js/${name}`).expect(200);
    });

    it('answers /favicon.ico, which browsers ask for on every page of the origin', async () => {
      await request(app)
        .get('/favicon.ico')
        .expect(200)
        .expect('content-type', /image\/svg\+xml/);
    });

    it('answers an unknown asset with the JSON 404', async () => {
      const res = await request(app).get('/dashboard/js/nope.js').expect(404);
      assert.equal((res.body as { error: { code: string } }).error.code, 'NOT_FOUND');
    });
  });
});
