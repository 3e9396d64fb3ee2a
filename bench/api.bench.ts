/**
 * GET /api/v1/tallies for one region over 365 days through the full middleware stack (helmet, metrics,
 * request logging at info level into /dev/null, compression, CORS and the rate limit switched on,
 * validation, the data-version check and the response cache), against two baselines serving the same
 * bytes in the same run: a bare node:http server and a minimal Express app with one route.
 *
 * Target: at least 0.8 of the minimal Express route's requests/s, with p99 under 30 ms at 50 connections.
 *
 * The full stack runs on the server the service uses (server/http-server.ts: requests and responses born
 * with Express's prototypes); the minimal route runs on a plain `http.createServer(app)`, as the target
 * is set against. A fourth row serves the minimal route on the service's server too, so the ratio
 * against it shows what the middleware costs, apart from what that server saves.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { parseConfig } from '../lib/config.js';
import { loadDemoData } from '../lib/demo-data.js';
import { ensureIndexes } from '../models/index.js';
import { buildApp } from '../server/app.js';
import { createAppServer } from '../server/http-server.js';
import type { Benchmark } from './harness.js';

const CONNECTIONS = 50;
/**
 * The four servers take turns, ROUNDS times, and each row reports its median round: on a shared
 * machine a burst of someone else's work then spoils one round of each server, not a whole row.
 */
const ROUNDS = Number(process.env.API_BENCH_ROUNDS ?? 3);
const ROUND_SECONDS = Number(process.env.API_BENCH_ROUND_SECONDS ?? 3);
const PATH = '/api/v1/tallies?region=sumy&from=2025-01-01&to=2025-12-31';

async function listen(handler: RequestListener | Server): Promise<{ server: Server; url: string }> {
  const server = typeof handler === 'function' ? createServer(handler) : handler;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

interface RoundResult {
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
}

async function hammerOnce(url: string): Promise<RoundResult> {
  const result = await autocannon({
    url: `${url}${PATH}`,
    connections: CONNECTIONS,
    duration: ROUND_SECONDS,
  });
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs every target for ROUNDS rounds, in turn, and prints each one's median requests/s and p99. */
async function hammerInTurns(targets: ReadonlyArray<{ name: string; url: string }>) {
  const rounds = new Map<string, RoundResult[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) rounds.get(target.name)?.push(await hammerOnce(target.url));
  }
  const summaries = new Map<string, RoundResult>();
  for (const { name } of targets) {
    const results = rounds.get(name) ?? [];
    const summary = {
      requestsPerSecond: median(results.map((result) => result.requestsPerSecond)),
      p99: median(results.map((result) => result.p99)),
      non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    };
    summaries.set(name, summary);
    console.log(
      `  ${name}: ${Math.round(summary.requestsPerSecond).toLocaleString('en-US')} req/s, ` +
        `p99 ${summary.p99} ms` +
        (summary.non2xx > 0 ? `, ${summary.non2xx} non-2xx/errors` : '') +
        ` (median of ${results.length} rounds: ` +
        `${results.map((result) => Math.round(result.requestsPerSecond)).join(', ')} req/s)`,
    );
  }
  return summaries;
}

export const benchmark: Benchmark = {
  name: `GET /api/v1/tallies, 1 region x 365 days, ${CONNECTIONS} connections`,
  async run() {
    const engine = await startEmbeddedMongo();
    await mongoose.connect(`${engine.uri}api-bench`);
    try {
      await mongoose.connection.dropDatabase();
      await ensureIndexes();
      await loadDemoData({ from: '2025-01-01', to: '2025-12-31' });
      const config = parseConfig({
        API_RATE_LIMIT_PER_MINUTE: '1000000',
        CORS_ORIGINS: 'https://newsroom.example',
        LOG_LEVEL: 'info',
      });
      const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
      const app = buildApp({
        logger,
        config,
        jsonBodyLimit: config.JSON_BODY_LIMIT,
        checkReadiness: () => Promise.reject(new Error('not used')),
      });
      const full = await listen(createAppServer(app));
      const sample = await fetch(`${full.url}${PATH}`);
      if (sample.status !== 200) throw new Error(`the API answered ${sample.status}`);
      const bytes = Buffer.from(await sample.arrayBuffer());
      const contentType = sample.headers.get('content-type') ?? 'application/json';
      console.log(`  response: ${bytes.length.toLocaleString('en-US')} bytes`);

      const bare = await listen((_req, res) => {
        res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
        res.end(bytes);
      });
      const minimal = express();
      minimal.get('/api/v1/tallies', (_req, res) => {
        res.type(contentType).send(bytes);
      });
      const minimalExpress = await listen(minimal);
      const minimalOnAppServer = await listen(createAppServer(minimal));

      try {
        const results = await hammerInTurns([
          { name: 'bare node:http', url: bare.url },
          { name: 'minimal Express route', url: minimalExpress.url },
          { name: 'full API stack', url: full.url },
          { name: 'minimal Express route on the service server', url: minimalOnAppServer.url },
        ]);
        const read = (name: string): RoundResult => {
          const result = results.get(name);
          if (result === undefined) throw new Error(`no result for ${name}`);
          return result;
        };
        const bareResult = read('bare node:http');
        const minimalResult = read('minimal Express route');
        const fullResult = read('full API stack');
        const minimalOnAppServerResult = read('minimal Express route on the service server');
        const ratio = fullResult.requestsPerSecond / minimalResult.requestsPerSecond;
        console.log(
          `  ratio full/minimal Express: ${ratio.toFixed(2)} (target >= 0.80); minimal Express/bare: ` +
            `${(minimalResult.requestsPerSecond / bareResult.requestsPerSecond).toFixed(2)}; ` +
            `full p99 ${fullResult.p99} ms (target < 30 ms); full/minimal on the service server: ` +
            `${(fullResult.requestsPerSecond / minimalOnAppServerResult.requestsPerSecond).toFixed(2)}`,
        );
      } finally {
        await close(full.server);
        await close(bare.server);
        await close(minimalExpress.server);
        await close(minimalOnAppServer.server);
        logger.flush();
      }
    } finally {
      await mongoose.disconnect();
      await engine.stop();
    }
  },
};
