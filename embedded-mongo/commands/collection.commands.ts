/** Commands that create, list and drop collections and databases. */
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { createMingoOptions } from '../query/mingo-options.js';
import { CommandError } from '../errors.js';
import { readCollectionName, readDocument, readNumber, type CommandHandler } from './command-context.js';

/** Command fields that are protocol envelope rather than collection options. */
const ENVELOPE_FIELDS = new Set([
  'create',
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'writeConcern',
  'comment',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'txnNumber',
  'maxTimeMS',
]);

const create: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  if (command.viewOn !== undefined) {
    throw new CommandError('IllegalOperation', 'views are not supported by the embedded engine');
  }
  if (state.getCollection(db, name)) {
    throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
  }
  const options: Document = {};
  for (const [key, value] of Object.entries(command)) {
    if (!ENVELOPE_FIELDS.has(key)) options[key] = value as unknown;
  }
  state.createCollection(db, name, options);
  return { ok: 1 };
};

const drop: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  const collection = state.getCollection(db, name);
  if (!collection) return { ok: 1 };
  const nIndexesWas = collection.indexSpecs().length;
  state.dropCollection(db, name);
  return { nIndexesWas, ns: collection.namespace, ok: 1 };
};

const dropDatabase: CommandHandler = (_command, { state, db }) => {
  state.dropDatabase(db);
  return { dropped: db, ok: 1 };
};

const listCollections: CommandHandler = (command, { state, db, cursors }) => {
  const nameOnly = command.nameOnly === true;
  let entries: Document[] = state.collections(db).map((collection) =>
    nameOnly
      ? { name: collection.name, type: 'collection' }
      : {
          name: collection.name,
          type: 'collection',
          options: collection.options,
          info: { readOnly: false, uuid: collection.uuid },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        },
  );
  const filter = readDocument(command, 'filter');
  if (filter && Object.keys(filter).length > 0) {
    const query = new Query(filter, createMingoOptions());
    entries = entries.filter((entry) => query.test(entry));
  }
  const cursorOptions = readDocument(command, 'cursor') ?? {};
  const batch = cursors.open(`${db}.$cmd.listCollections`, entries, readNumber(cursorOptions, 'batchSize'));
  return { cursor: { id: batch.id, ns: `${db}.$cmd.listCollections`, firstBatch: batch.docs }, ok: 1 };
};

export const collectionCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
};
