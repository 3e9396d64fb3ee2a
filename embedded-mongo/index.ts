/**
 * The embedded MongoDB-compatible engine: an in-process server that speaks the MongoDB wire protocol, so
 * that unmodified mongoose and the official driver can use it. It keeps everything in memory, or, given a
 * `dataDir`, journals every acknowledged write there and restores it on the next start.
 */
import { CursorRegistry } from './cursors/cursor-registry.js';
import { silentLogger, type EngineLogger } from './logger.js';
import { openPersistence, type Persistence } from './persistence/index.js';
import { WireServer } from './network/wire-server.js';
import { EngineState } from './storage/engine-state.js';
import { startTtlMonitor } from './storage/ttl-monitor.js';

export type { EngineLogger } from './logger.js';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  /** Directory for the journal and snapshots; without it the engine is purely in memory. */
  dataDir?: string;
  logger?: EngineLogger;
}

export interface EmbeddedMongo {
  /** `mongodb://host:port/`, ready for a driver. */
  uri: string;
  stop(): Promise<void>;
}

async function restoreState(state: EngineState, dataDir: string, logger: EngineLogger): Promise<Persistence> {
  const persistence = await openPersistence(dataDir, logger);
  const { snapshot, mutations } = persistence.restored;
  try {
    if (snapshot) state.loadSnapshot(snapshot);
    for (const mutation of mutations) state.applyMutation(mutation);
  } catch (error) {
    // Release the data directory (and write nothing into it) before reporting the failure.
    await persistence.close();
    throw error;
  }
  logger.info(
    { event: 'engine.restored', dataDir, snapshot: snapshot !== null, journalRecords: mutations.length },
    'restored the data directory',
  );
  state.attachSink(persistence.sink, () => persistence.maybeCompact(() => state.exportSnapshot()));
  return persistence;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const { port = 0, host = '127.0.0.1', dataDir, logger = silentLogger } = options;
  const state = new EngineState();
  const persistence = dataDir ? await restoreState(state, dataDir, logger) : null;
  const cursors = new CursorRegistry();
  const server = new WireServer({ state, cursors, logger });
  let address;
  try {
    address = await server.listen(port, host);
  } catch (error) {
    cursors.close();
    await persistence?.close();
    throw error;
  }
  const stopTtlMonitor = startTtlMonitor(state, logger);
  const uri = `mongodb://${formatHost(host)}:${address.port}/`;
  logger.info(
    { event: 'engine.started', uri, dataDir: dataDir ?? null },
    'embedded MongoDB engine is listening',
  );

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await server.close();
      stopTtlMonitor();
      cursors.close();
      await persistence?.close(() => state.exportSnapshot());
      logger.info({ event: 'engine.stopped', uri }, 'embedded MongoDB engine stopped');
    })();
    return stopped;
  };
  return { uri, stop };
}
