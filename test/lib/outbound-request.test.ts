import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createOutboundGuard } from '../../lib/outbound-guard.js';
import { OutboundRequestError, sendOutboundRequest } from '../../lib/outbound-request.js';

describe('lib/outbound-request', () => {
  let server: Server;
  let base: string;
  const hanging = new Set<ServerResponse>();
  const guard = createOutboundGuard({ allowPrivate: true });
  const options = { timeoutMs: 5_000, maxBytes: 64 * 1024, maxRedirects: 5 };

  before(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      if (path === '/hang-before-headers') {
        hanging.add(response);
      } else if (path === '/hang-after-headers') {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.write('<rss><channel>');
        hanging.add(response);
      } else if (path === '/huge') {
        // No Content-Length: the cap must be enforced while streaming.
        response.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 20 * 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        response.on('close', () => (sent = Infinity));
        pump();
      } else if (path === '/declared-huge') {
        response.writeHead(200, { 'content-length': String(20 * 1024 * 1024) });
        response.flushHeaders();
        hanging.add(response);
      } else if (path === '/loop') {
        response.writeHead(302, { location: '/loop' }).end();
      } else if (path.startsWith('/chain/')) {
        const left = Number(path.slice('/chain/'.length));
        if (left === 0) response.writeHead(200).end('end of chain');
        else response.writeHead(301, { location: `/chain/${left - 1}` }).end();
      } else if (path === '/gzip') {
        response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('compressed body'));
      } else if (path === '/gzip-bomb') {
        response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(2 * 1024 * 1024)));
      } else if (path === '/echo') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => response.writeHead(200).end(`${request.method} ${body}`));
      } else if (path === '/see-other') {
        response.writeHead(303, { location: '/echo' }).end();
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function expectFailure(path: string, kind: string, overrides = {}) {
    await assert.rejects(
      sendOutboundRequest(guard, `${base}${path}`, { ...options, ...overrides }),
      (error) => {
        assert.ok(error instanceof OutboundRequestError, String(error));
        assert.equal(error.kind, kind);
        return true;
      },
    );
  }

  it('times out a server that never sends headers', async () => {
    await expectFailure('/hang-before-headers', 'timeout', { timeoutMs: 200 });
  });
  it('times out a server that hangs after the headers', async () => {
    await expectFailure('/hang-after-headers', 'timeout', { timeoutMs: 200 });
  });
  it('stops reading a 20 MB body at the cap, counted while streaming', async () => {
    await expectFailure('/huge', 'too_large');
  });
  it('refuses a declared Content-Length over the cap before reading', async () => {
    await expectFailure('/declared-huge', 'too_large');
  });
  it('caps the decompressed size of a gzip body', async () => {
    await expectFailure('/gzip-bomb', 'too_large');
  });
  it('gives up on a redirect loop after maxRedirects', async () => {
    await expectFailure('/loop', 'too_many_redirects');
  });
  it('follows exactly maxRedirects redirects', async () => {
    const response = await sendOutboundRequest(guard, `${base}/chain/5`, options);
    assert.equal(response.body.toString(), 'end of chain');
    assert.equal(response.redirects.length, 5);
    assert.equal(response.url, `${base}/chain/0`);
    await expectFailure('/chain/6', 'too_many_redirects');
  });
  it('decompresses a gzip body', async () => {
    const response = await sendOutboundRequest(guard, `${base}/gzip`, options);
    assert.equal(response.body.toString(), 'compressed body');
  });
  it('sends a POST body, and turns it into a GET on a 303', async () => {
    const posted = await sendOutboundRequest(guard, `${base}/echo`, {
      ...options,
      method: 'POST',
      body: 'hi',
    });
    assert.equal(posted.body.toString(), 'POST hi');
    const redirected = await sendOutboundRequest(guard, `${base}/see-other`, {
      ...options,
      method: 'POST',
      body: 'x',
    });
    assert.equal(redirected.body.toString(), 'GET ');
  });
  it('reports a refused connection as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(sendOutboundRequest(guard, `http://127.0.0.1:${port}/`, options), (error) => {
      assert.ok(error instanceof OutboundRequestError);
      assert.equal(error.kind, 'network');
      return true;
    });
  });
});
