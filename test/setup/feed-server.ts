/**
 * A local HTTP server for feed tests: each path answers from a route the test sets (a fixture file, a
 * status, a redirect, a hang), and every request is recorded with its headers so conditional GETs can be
 * checked. Listens on 127.0.0.1, port 0.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface FeedServer {
  base: string;
  routes: Map<string, Route>;
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export function readFeedFixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
}

/** Serves a fixture with an ETag, answering 304 when the client already has it. */
export function serveFixture(name: string, options: { etag?: string; contentType?: string } = {}): Route {
  return (request, response) => {
    const etag = options.etag ?? `"${name}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': options.contentType ?? 'application/rss+xml',
        etag,
        'last-modified': 'Tue, 04 Nov 2025 06:00:00 GMT',
      })
      .end(readFeedFixture(name));
  };
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer['requests'] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const route = routes.get(path) ?? routes.get(path.split('?')[0] ?? path);
    open.add(response);
    response.on('close', () => open.delete(response));
    if (route) route(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    routes,
    requests,
    async close() {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
