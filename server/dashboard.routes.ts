/**
 * The dashboard: one static page at `/` and its assets under `/dashboard/`. The page is plain HTML, CSS
 * and browser ES modules (server/public/) that read the public API from the browser; uPlot, the chart
 * library, is served straight from node_modules, so the dashboard needs no build step and no CDN and
 * works offline. Every script is a file of this origin, so it runs under helmet's Content-Security-Policy
 * (`script-src 'self'`) without exceptions.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Router } from 'express';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');
/** uPlot's own files (`uPlot.esm.js`, `uPlot.min.css`), found wherever npm installed the package. */
const UPLOT_DIST_DIR = join(dirname(createRequire(import.meta.url).resolve('uplot/package.json')), 'dist');

/** Assets change only with a deployment; browsers revalidate them through their ETag. */
const STATIC_OPTIONS = { index: false, fallthrough: true, maxAge: 0, etag: true } as const;

export function createDashboardRouter(): Router {
  const router = express.Router();
  router.get(['/', '/index.html'], (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(join(PUBLIC_DIR, 'index.html'));
  });
  // Browsers ask for /favicon.ico on every page of the origin (the API's HTML briefings and docs too).
  router.get('/favicon.ico', (_req, res) => {
    res.type('image/svg+xml').sendFile(join(PUBLIC_DIR, 'favicon.svg'));
  });
  router.use('/dashboard/vendor/uplot', express.static(UPLOT_DIST_DIR, STATIC_OPTIONS));
  router.use('/dashboard', express.static(PUBLIC_DIR, STATIC_OPTIONS));
  return router;
}
