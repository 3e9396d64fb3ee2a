/** Commands that create, list and drop collections and databases. */
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { createMingoOptions } from '../query/mingo-options.js';
import { CommandError } from '../errors.js';
import { readCollectionName, readDocument, readNumber, type CommandHandler } from './command-context.js';
import { readValidationOptions, withValidationDefaults } from './document-validation.js';

/** Command fields that are protocol envelope rather than collection options. */
const ENVELOPE_FIELDS = new Set([
  'create',
  'collMod',
  'bypassDocumentValidation',
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

/** Collection kinds and options the engine does not have, refused by name rather than ignored. */
const UNSUPPORTED_CREATE_OPTIONS: Record<string, string> = {
  viewOn: 'views',
  pipeline: 'views',
  capped: 'capped collections',
  timeseries: 'time-series collections',
  clusteredIndex: 'clustered collections',
  collation: 'collection default collations',
  changeStreamPreAndPostImages: 'change streams',
  encryptedFields: 'queryable encryption',
};

function refuseUnsupported(command: Document): void {
  for (const [field, feature] of Object.entries(UNSUPPORTED_CREATE_OPTIONS)) {
    const value = command[field] as unknown;
    if (value === undefined || value === false || value === null) continue;
    throw new CommandError(
      'CommandNotSupported',
      `${feature} are not supported by the embedded engine (option '${field}')`,
    );
  }
}

const VALIDATION_FIELDS = new Set(['validator', 'validationLevel', 'validationAction']);

const create: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  refuseUnsupported(command);
  if (state.getCollection(db, name)) {
    throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
  }
  const options: Document = {};
  for (const [key, value] of Object.entries(command)) {
    if (!ENVELOPE_FIELDS.has(key) && !VALIDATION_FIELDS.has(key)) options[key] = value as unknown;
  }
  Object.assign(options, readValidationOptions(command));
  state.createCollection(db, name, withValidationDefaults(options));
  return { ok: 1 };
};

/**
 * collMod: changes a collection's validator, validationLevel and validationAction. Every other
 * modification (views, TTL or hidden indexes, pre- and post-images) is refused by name.
 */
const collMod: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  for (const field of Object.keys(command)) {
    if (field === 'collMod' || ENVELOPE_FIELDS.has(field) || VALIDATION_FIELDS.has(field)) continue;
    throw new CommandError(
      'CommandNotSupported',
      `collMod with '${field}' is not supported by the embedded engine; it changes only validator, ` +
        'validationLevel and validationAction',
    );
  }
  const collection = state.getCollection(db, name);
  if (!collection) throw new CommandError('NamespaceNotFound', 'ns does not exist');
  const changes = readValidationOptions(command);
  const options: Document = { ...collection.options, ...changes };
  // An empty validator removes validation, as on mongod.
  if (changes.validator !== undefined && Object.keys(changes.validator as Document).length === 0) {
    delete options.validator;
  }
  state.modifyCollection(db, name, withValidationDefaults(options));
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
  collMod,
  drop,
  dropDatabase,
  listCollections,
};
