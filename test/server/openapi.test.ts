import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Router } from 'express';
import request from 'supertest';
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { createApiContext } from '../../server/api-context.js';
import { createApiRouter } from '../../server/api.routes.js';
import { toOpenApiPath } from '../../server/openapi.js';
import { buildTestApp } from './api-test-app.js';

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: Layer[] } };

/** Every (method, path) the API router serves, read from Express's own routing table. */
function listRoutes(router: Router): string[] {
  const routes: string[] = [];
  const walk = (layers: Layer[]) => {
    for (const layer of layers) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') routes.push(`${method} ${toOpenApiPath(layer.route.path)}`);
        }
      } else if (layer.handle.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return routes.sort();
}

describe('OpenAPI and the documentation UI', () => {
  const app = buildTestApp();

  it('serves an OpenAPI 3.1 document that validates against the 3.1 schema', async () => {
    const res = await request(app)
      .get('/openapi.json')
      .expect(200)
      .expect('content-type', /application\/json/);
    const document = res.body as { openapi: string };
    assert.equal(document.openapi, '3.1.0');
    const result = await new Validator().validate(document);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  });

  it('documents exactly the routes the API serves', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    const paths = (res.body as { paths: Record<string, Record<string, unknown>> }).paths;
    const documented = Object.entries(paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    const config = parseConfig({});
    const served = listRoutes(createApiRouter(createApiContext(config, createLogger({ level: 'silent' }))));
    assert.deepEqual(documented, served);
  });

  it('describes query parameters from the validating schemas: names, required, enums and defaults', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    const tallies = (
      res.body as { paths: Record<string, { get: { parameters: Array<Record<string, unknown>> } }> }
    ).paths['/api/v1/tallies']!.get;
    const byName: Record<string, Record<string, unknown>> = Object.fromEntries(
      tallies.parameters.map((p): [string, Record<string, unknown>] => [String(p['name']), p]),
    );
    assert.deepEqual(Object.keys(byName).sort(), ['from', 'granularity', 'region', 'to', 'window']);
    assert.equal(byName['region']?.['required'], true);
    assert.equal(byName['granularity']?.['required'], false);
    assert.deepEqual((byName['granularity']?.['schema'] as { enum: string[]; default: string }).enum, [
      'day',
      'week',
      'month',
    ]);
    assert.equal((byName['granularity']?.['schema'] as { default: string }).default, 'day');
  });

  it('serves /docs and the Swagger UI assets from node_modules, under a CSP that allows only same-origin scripts', async () => {
    const page = await request(app)
      .get('/docs')
      .expect(200)
      .expect('content-type', /text\/html/);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(scripts, ['/docs/assets/swagger-ui-bundle.js', '/docs/init.js']);
    assert.ok(!/https?:\/\//.test(page.text.replace(/<meta[^>]*>/g, '')), 'no external URL on the page');
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    await request(app)
      .get('/docs/assets/swagger-ui-bundle.js')
      .expect(200)
      .expect('content-type', /javascript/);
    await request(app)
      .get('/docs/assets/swagger-ui.css')
      .expect(200)
      .expect('content-type', /text\/css/);
    const init = await request(app).get('/docs/init.js').expect(200);
    assert.match(init.text, /url: '\/openapi\.json'/);
  });
});
