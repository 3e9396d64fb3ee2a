/**
 * The TCP side: accepts connections, frames the byte stream into messages, answers OP_QUERY with OP_REPLY
 * and OP_MSG with OP_MSG, and sends nothing back when a request sets `moreToCome` (w:0 writes,
 * endSessions). Commands run synchronously, one message at a time per connection, so writes are applied
 * (and journaled) in the order they arrive.
 */
import net from 'node:net';
import type { Document } from 'bson';
import { dispatchCommand } from '../commands/command-dispatcher.js';
import type { CursorRegistry } from '../cursors/cursor-registry.js';
import type { EngineLogger } from '../logger.js';
import type { EngineState } from '../storage/engine-state.js';
import { MessageFramer } from '../wire/message-framer.js';
import { OpCode, readHeader } from '../wire/op-codes.js';
import { encodeOpMsg, parseOpMsg } from '../wire/op-msg.js';
import { encodeOpReply, parseOpQuery } from '../wire/op-query.js';

export interface WireServerOptions {
  state: EngineState;
  cursors: CursorRegistry;
  logger: EngineLogger;
}

/** Commands slower than this are logged, so that a missing index shows up in the logs. */
const SLOW_COMMAND_MS = 100;

/** Encodes a reply; one that cannot be encoded (a single document over 16 MiB) becomes an error reply. */
function encodeSafely(reply: Document, encode: (doc: Document) => Buffer): Buffer {
  try {
    return encode(reply);
  } catch (error) {
    return encode({
      ok: 0,
      errmsg: `reply could not be encoded: ${error instanceof Error ? error.message : String(error)}`,
      code: 10334,
      codeName: 'BSONObjectTooLarge',
    });
  }
}

export class WireServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private nextConnectionId = 1;
  private nextRequestId = 1;

  constructor(private readonly options: WireServerOptions) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(port: number, host: string): Promise<net.AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as net.AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    const clientAddress = `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`;
    const framer = new MessageFramer();
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', (error) => {
      this.options.logger.debug(
        { event: 'connection_error', connectionId, err: error.message },
        'connection error',
      );
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const message of framer.push(chunk)) {
          const reply = this.handle(message, connectionId, clientAddress);
          if (reply) socket.write(reply);
        }
      } catch (error) {
        this.options.logger.warn(
          {
            event: 'protocol_error',
            connectionId,
            err: error instanceof Error ? error.message : String(error),
          },
          'closing connection after a malformed message',
        );
        socket.destroy();
      }
    });
  }

  private handle(message: Buffer, connectionId: number, clientAddress: string): Buffer | null {
    const header = readHeader(message);
    const context = (db: string) => ({ ...this.options, connectionId, clientAddress, db });
    const dispatch = (command: Document, db: string): Document => {
      const started = performance.now();
      const reply = dispatchCommand(command, context(db));
      const ms = performance.now() - started;
      if (ms >= SLOW_COMMAND_MS) {
        const name = Object.keys(command)[0];
        this.options.logger.info(
          {
            event: 'engine.slow_command',
            command: name,
            db,
            collection: command[name ?? ''] as unknown,
            ms: Math.round(ms),
          },
          'slow command',
        );
      }
      return reply;
    };
    switch (header.opCode) {
      case OpCode.MSG: {
        const request = parseOpMsg(message);
        const db = typeof request.command.$db === 'string' ? request.command.$db : 'admin';
        const reply = dispatch(request.command, db);
        if (request.moreToCome) return null;
        return encodeSafely(reply, (doc) => encodeOpMsg(doc, this.nextRequestId++, header.requestId));
      }
      case OpCode.QUERY: {
        const request = parseOpQuery(message);
        const db = request.fullCollectionName.split('.')[0] ?? 'admin';
        const reply = dispatch(request.command, db);
        return encodeSafely(reply, (doc) => encodeOpReply(doc, this.nextRequestId++, header.requestId));
      }
      default:
        throw new Error(`unsupported opcode ${header.opCode}`);
    }
  }
}
