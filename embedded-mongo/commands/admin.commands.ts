/**
 * Handshake and server-level commands. The hello reply describes a standalone MongoDB 7.0 server: no
 * `setName` (which would make drivers treat it as a replica-set member) and no `topologyVersion` (which would
 * switch them to streaming hello). `logicalSessionTimeoutMinutes` enables sessions and `maxWriteBatchSize`
 * keeps bulk writes in one batch.
 */
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { createMingoOptions } from '../query/mingo-options.js';
import { MAX_MESSAGE_SIZE_BYTES } from '../wire/message-framer.js';
import { CommandError } from '../errors.js';
import { measureDocument } from '../wire/bson-codec.js';
import { readCollectionName, type CommandContext, type CommandHandler } from './command-context.js';

export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_WRITE_BATCH_SIZE = 100_000;

function describeServer(context: CommandContext): Document {
  return {
    helloOk: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const hello: CommandHandler = (_command, context) => ({
  isWritablePrimary: true,
  ...describeServer(context),
});

const isMaster: CommandHandler = (_command, context) => ({ ismaster: true, ...describeServer(context) });

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'disabled', compiled: 'disabled' },
  ok: 1,
});

const PARAMETERS: Document = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  requireApiVersion: false,
  maxBSONDepth: 200,
};

const getParameter: CommandHandler = (command) => {
  const requested = command.getParameter as unknown;
  const all =
    requested === '*' ||
    (typeof requested === 'object' && requested !== null && (requested as Document).allParameters === true);
  const reply: Document = {};
  for (const [name, value] of Object.entries(PARAMETERS)) {
    if (all || command[name] !== undefined) reply[name] = value as unknown;
  }
  return { ...reply, ok: 1 };
};

const ok: CommandHandler = () => ({ ok: 1 });

const listDatabases: CommandHandler = (command, { state }) => {
  const nameOnly = command.nameOnly === true;
  let databases: Document[] = state.databaseNames().map((name) => {
    if (nameOnly) return { name };
    const objects = state.collections(name).reduce((sum, collection) => sum + collection.size, 0);
    return { name, sizeOnDisk: objects * 64 + 4096, empty: objects === 0 };
  });
  const filter = command.filter as Document | undefined;
  if (filter && Object.keys(filter).length > 0) {
    const query = new Query(filter, createMingoOptions());
    databases = databases.filter((db) => query.test(db));
  }
  if (nameOnly) return { databases, ok: 1 };
  const totalSize = databases.reduce((sum, db) => sum + Number(db.sizeOnDisk), 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 };
};

const dbStats: CommandHandler = (_command, { state, db }) => {
  const collections = state.collections(db);
  const objects = collections.reduce((sum, collection) => sum + collection.size, 0);
  const indexes = collections.reduce((sum, collection) => sum + collection.indexSpecs().length, 0);
  return { db, collections: collections.length, views: 0, objects, indexes, ok: 1 };
};

const collStats: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  const collection = state.getCollection(db, name);
  if (!collection) throw new CommandError('NamespaceNotFound', `Collection [${db}.${name}] not found.`);
  const size = collection.all().reduce((sum, doc) => sum + measureDocument(doc), 0);
  const indexes = collection.indexSpecs();
  return {
    ns: collection.namespace,
    count: collection.size,
    size,
    avgObjSize: collection.size > 0 ? Math.round(size / collection.size) : 0,
    storageSize: size,
    nindexes: indexes.length,
    indexSizes: Object.fromEntries(indexes.map((index) => [index.name, 0])),
    totalIndexSize: 0,
    ok: 1,
  };
};

const startedAt = Date.now();

const serverStatus: CommandHandler = () => ({
  host: 'localhost',
  version: SERVER_VERSION,
  process: 'mongod',
  uptime: Math.floor((Date.now() - startedAt) / 1000),
  localTime: new Date(),
  ok: 1,
});

const whatsmyuri: CommandHandler = (_command, { clientAddress }) => ({ you: clientAddress, ok: 1 });

export const adminCommands: Record<string, CommandHandler> = {
  hello,
  isMaster,
  ismaster: isMaster,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  endSessions: ok,
  killSessions: ok,
  refreshSessions: ok,
  listDatabases,
  dbStats,
  collStats,
  serverStatus,
  whatsmyuri,
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getCmdLineOpts: () => ({ argv: ['embedded-mongo'], parsed: {}, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date(), hostname: 'localhost' }, os: {}, extra: {}, ok: 1 }),
};
