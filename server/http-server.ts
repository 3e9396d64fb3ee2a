/**
 * Creates the node:http server for the Express app, with its requests and responses constructed with
 * Express's own prototypes (`app.request`, `app.response`) from the start.
 *
 * Why: Express re-points the prototype of every request and response it handles
 * (`Object.setPrototypeOf`). V8 then gives each such object a hidden class of its own, so every
 * property a middleware adds afterwards misses V8's shared transitions and allocates new hidden classes:
 * a few microseconds per property, and pino-http adds seven, compression four, the router several. On a
 * cached API response that was as much time as everything else the server did. Constructed with those
 * prototypes, Express's re-pointing finds nothing to change and property additions stay on the fast
 * path. The objects are otherwise the ordinary node:http ones, through the server's documented
 * `IncomingMessage` and `ServerResponse` options.
 */
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

type RequestClass = typeof IncomingMessage;
type ResponseClass = typeof ServerResponse;

/** A constructor of `IncomingMessage`s whose prototype is `prototype` (which must inherit from it). */
function createRequestClass(prototype: object): RequestClass {
  function AppRequest(socket: Socket): IncomingMessage {
    return Reflect.construct(IncomingMessage, [socket], AppRequest) as IncomingMessage;
  }
  AppRequest.prototype = prototype;
  return AppRequest as unknown as RequestClass;
}

function createResponseClass(prototype: object): ResponseClass {
  function AppResponse(req: IncomingMessage, options?: unknown): ServerResponse {
    return Reflect.construct(ServerResponse, [req, options], AppResponse) as ServerResponse;
  }
  AppResponse.prototype = prototype;
  return AppResponse as unknown as ResponseClass;
}

/** `http.createServer(app)`, with requests and responses born with the app's prototypes. */
export function createAppServer(app: Express, options: ServerOptions = {}): Server {
  return createServer(
    {
      ...options,
      IncomingMessage: createRequestClass(app.request),
      ServerResponse: createResponseClass(app.response),
    },
    app,
  );
}
