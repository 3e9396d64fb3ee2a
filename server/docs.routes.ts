/**
 * `/openapi.json` (generated once from the request schemas) and `/docs`, a Swagger UI served from the
 * swagger-ui-dist package in node_modules: no CDN, and only same-origin scripts, so helmet's default
 * Content-Security-Policy (script-src 'self') holds.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import packageJson from '../package.json' with { type: 'json' };
import { toCachedJson } from '../lib/response-cache.js';
import { buildOpenApiDocument } from './openapi.js';
import type { ApiContext } from './api-context.js';
import { sendPrepared } from './api-context.js';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strike-report tracker API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const DOCS_INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
`;

export function createDocsRouter(context: ApiContext): Router {
  const router = Router();
  const document = toCachedJson(buildOpenApiDocument(context.schemas, packageJson.version), 0);
  router.get('/openapi.json', async (_req, res) => {
    await sendPrepared(res, document, 'public, max-age=300');
  });
  router.get('/docs', (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'public, max-age=300');
    res.send(DOCS_PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('text/javascript').setHeader('Cache-Control', 'public, max-age=300');
    res.send(DOCS_INIT);
  });
  router.use('/docs/assets', express.static(SWAGGER_UI_DIR, { index: false, maxAge: '1d' }));
  return router;
}
