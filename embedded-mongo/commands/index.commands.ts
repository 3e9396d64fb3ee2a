/** createIndexes, listIndexes and dropIndexes. */
import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import type { Collection } from '../storage/collection.js';
import type { IndexSpec } from '../storage/mutation.js';
import { keyOfValue } from '../storage/value-key.js';
import { readCollectionName, readDocument, readNumber, type CommandHandler } from './command-context.js';

const OPTION_FIELDS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds'] as const;

/** The name MongoDB gives an index when none is specified: `a_1_b_-1`. */
export function generateIndexName(key: Document): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

function toIndexSpec(raw: Document): IndexSpec {
  const key = raw.key as unknown;
  if (!key || typeof key !== 'object' || Array.isArray(key) || Object.keys(key).length === 0) {
    throw new CommandError('BadValue', 'Index keys cannot be empty.');
  }
  for (const direction of Object.values(key as Document)) {
    if (
      direction === 'text' ||
      direction === '2dsphere' ||
      direction === '2d' ||
      direction === 'geoHaystack'
    ) {
      throw new CommandError(
        'BadValue',
        `${String(direction)} indexes are not supported by the embedded engine`,
      );
    }
  }
  const spec: IndexSpec = {
    name: typeof raw.name === 'string' ? raw.name : generateIndexName(key),
    key: key,
  };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (raw.partialFilterExpression && typeof raw.partialFilterExpression === 'object') {
    spec.partialFilterExpression = raw.partialFilterExpression as Document;
  }
  if (raw.expireAfterSeconds !== undefined) spec.expireAfterSeconds = Number(raw.expireAfterSeconds);
  return spec;
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return OPTION_FIELDS.every((field) => keyOfValue(a[field] ?? null) === keyOfValue(b[field] ?? null));
}

/** Null when the index already exists exactly; throws when it conflicts with an existing one. */
function checkAgainstExisting(collection: Collection, spec: IndexSpec): 'exists' | null {
  const wantedKey = keyOfValue(spec.key);
  for (const existing of collection.indexSpecs()) {
    const sameKey = keyOfValue(existing.key) === wantedKey;
    if (existing.name === spec.name) {
      if (sameKey && sameOptions(existing, spec)) return 'exists';
      if (existing.name === '_id_' && sameKey) return 'exists';
      if (sameKey) {
        throw new CommandError(
          'IndexOptionsConflict',
          `An existing index has the same name as the requested index but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`,
        );
      }
      throw new CommandError(
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`,
      );
    }
    if (
      sameKey &&
      keyOfValue(existing.partialFilterExpression ?? null) ===
        keyOfValue(spec.partialFilterExpression ?? null)
    ) {
      if (sameOptions(existing, spec)) {
        throw new CommandError(
          'IndexOptionsConflict',
          `Index already exists with a different name: ${existing.name}`,
        );
      }
      throw new CommandError(
        'IndexOptionsConflict',
        `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`,
      );
    }
  }
  return null;
}

const createIndexes: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  const requested = Array.isArray(command.indexes) ? (command.indexes as Document[]) : [];
  if (requested.length === 0) throw new CommandError('BadValue', 'Must specify at least one index to create');
  const specs = requested.map(toIndexSpec);
  const createdCollectionAutomatically = !state.getCollection(db, name);
  const collection = state.ensureCollection(db, name);
  const numIndexesBefore = collection.indexSpecs().length;
  for (const spec of specs) {
    if (checkAgainstExisting(collection, spec) === 'exists') continue;
    try {
      state.createIndex(db, name, spec);
    } catch (error) {
      if (error instanceof CommandError && error.code === 11000) {
        throw new CommandError(
          'DuplicateKey',
          `Index build failed: ${collection.uuid.toHexString()}: Collection ${collection.namespace} ( ${collection.uuid.toHexString()} ) :: caused by :: ${error.message}`,
          error.extra,
        );
      }
      throw error;
    }
  }
  const numIndexesAfter = collection.indexSpecs().length;
  const reply: Document = { numIndexesBefore, numIndexesAfter, createdCollectionAutomatically };
  if (numIndexesAfter === numIndexesBefore) reply.note = 'all indexes already exist';
  return { ...reply, ok: 1 };
};

function describeIndex(spec: IndexSpec): Document {
  const { name, key, ...options } = spec;
  return { v: 2, key, name, ...options };
}

const listIndexes: CommandHandler = (command, { state, db, cursors }) => {
  const name = readCollectionName(command);
  const collection = state.getCollection(db, name);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns does not exist: ${db}.${name}`);
  const cursorOptions = readDocument(command, 'cursor') ?? {};
  const ns = `${db}.${name}`;
  const batch = cursors.open(
    ns,
    collection.indexSpecs().map(describeIndex),
    readNumber(cursorOptions, 'batchSize'),
  );
  return { cursor: { id: batch.id, ns, firstBatch: batch.docs }, ok: 1 };
};

function resolveIndexNames(collection: Collection, target: unknown): string[] {
  if (target === '*')
    return collection
      .indexSpecs()
      .filter((spec) => spec.name !== '_id_')
      .map((spec) => spec.name);
  const targets = Array.isArray(target) ? target : [target];
  return targets.map((item: unknown) => {
    if (typeof item === 'string') {
      if (!collection.indexSpecs().some((spec) => spec.name === item)) {
        throw new CommandError('IndexNotFound', `index not found with name [${item}]`);
      }
      return item;
    }
    if (item && typeof item === 'object') {
      const wanted = keyOfValue(item);
      const match = collection.indexSpecs().find((spec) => keyOfValue(spec.key) === wanted);
      if (!match)
        throw new CommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(item)}`);
      return match.name;
    }
    throw new CommandError('TypeMismatch', "BSON field 'dropIndexes.index' is the wrong type");
  });
}

const dropIndexes: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  const collection = state.getCollection(db, name);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns not found ${db}.${name}`);
  const nIndexesWas = collection.indexSpecs().length;
  const names = resolveIndexNames(collection, command.index);
  if (names.includes('_id_')) throw new CommandError('InvalidOptions', 'cannot drop _id index');
  for (const indexName of names) state.dropIndex(db, name, indexName);
  return { nIndexesWas, ok: 1 };
};

export const indexCommands: Record<string, CommandHandler> = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
