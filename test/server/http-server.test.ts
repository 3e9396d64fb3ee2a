import assert from 'node:assert/strict';
import { once } from 'node:events';
import { IncomingMessage, ServerResponse, get } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createAppServer } from '../../server/http-server.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { buildTestApp, writeTallies } from './api-test-app.js';

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe('server/http-server', () => {
  setupTestDB('api-http-server');

  it("constructs requests and responses with the app's prototypes, still node:http objects", async () => {
    const app = express();
    app.get('/probe', (req, res) => {
      res.json({
        requestPrototype: Object.getPrototypeOf(req) === app.request,
        responsePrototype: Object.getPrototypeOf(res) === app.response,
        isIncomingMessage: req instanceof IncomingMessage,
        isServerResponse: res instanceof ServerResponse,
        query: req.query,
        ip: typeof req.ip,
      });
    });
    const server = createAppServer(app);
    const base = await listen(server);
    try {
      const res = await fetch(`${base}/probe?a=1`);
      assert.deepEqual(await res.json(), {
        requestPrototype: true,
        responsePrototype: true,
        isIncomingMessage: true,
        isServerResponse: true,
        query: { a: '1' },
        ip: 'string',
      });
    } finally {
      await close(server);
    }
  });

  it('serves the whole API: bodies, headers, 304 and errors as through a plain server', async () => {
    await writeTallies([{ region: 'sumy', date: '2026-03-01', metrics: { attacks: { value: 4 } } }]);
    const server = createAppServer(buildTestApp());
    const base = await listen(server);
    try {
      const path = `${base}/api/v1/tallies?region=sumy&from=2026-03-01&to=2026-03-01`;
      const first = await fetch(path);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('x-content-type-options'), 'nosniff');
      const body = (await first.json()) as {
        series: Array<{ points: Array<{ metrics: { attacks: unknown } }> }>;
      };
      assert.deepEqual(body.series[0]?.points[0]?.metrics.attacks, { value: 4, qualifier: 'exact' });
      const etag = first.headers.get('etag') ?? '';
      // Not through fetch: it adds Cache-Control: no-cache to a request with If-None-Match.
      const revalidated = get(path, { headers: { 'if-none-match': etag } });
      const [answer] = (await once(revalidated, 'response')) as [IncomingMessage];
      answer.resume();
      assert.equal(answer.statusCode, 304);
      const invalid = await fetch(`${base}/api/v1/tallies?region=atlantis&from=2026-03-01&to=2026-03-01`);
      assert.equal(invalid.status, 400);
      assert.equal(((await invalid.json()) as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
    } finally {
      await close(server);
    }
  });
});
