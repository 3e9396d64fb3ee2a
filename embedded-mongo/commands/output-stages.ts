/**
 * The stages that write a pipeline's result into a collection, `$out` and `$merge`. They run after mingo
 * has computed the result, against the engine's own storage, so the writes are indexed, checked for
 * duplicates and recorded like any other.
 */
import { ObjectId, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { withIdFirst } from '../query/apply-update.js';
import type { Collection } from '../storage/collection.js';
import { createDuplicateKeyError } from '../storage/duplicate-key.js';
import { valueAtPath } from '../storage/path-values.js';
import { keyOfValue } from '../storage/value-key.js';
import { MutationBatch, type CommandContext } from './command-context.js';
import { validateDocument, type ValidationScope } from './document-validation.js';

function resolveTarget(target: unknown, db: string): [string, string] {
  if (typeof target === 'string') return [db, target];
  if (target && typeof target === 'object') {
    const spec = target as Document;
    const coll = (spec.coll ?? spec.into) as unknown;
    if (typeof coll === 'string') return [typeof spec.db === 'string' ? spec.db : db, coll];
  }
  throw new CommandError('FailedToParse', 'the output stage needs a target collection');
}

function withId(doc: Document): Document {
  return doc._id === undefined ? { _id: new ObjectId(), ...doc } : withIdFirst(doc);
}

/** `$out`: replaces the target collection's documents with the result; its indexes stay. */
export function writeOut(
  target: unknown,
  results: Document[],
  { state, db }: CommandContext,
  scope: ValidationScope,
): void {
  const [outDb, outName] = resolveTarget(target, db);
  const collection = state.ensureCollection(outDb, outName);
  // Every document is checked against the target's validator before the old contents go.
  const docs = results.map(withId);
  for (const doc of docs) validateDocument(collection, doc, undefined, scope);
  const batch = new MutationBatch(outDb, outName);
  for (const doc of collection.all()) {
    collection.remove(doc._id);
    batch.delete(doc._id);
  }
  try {
    for (const doc of docs) {
      collection.insert(doc);
      batch.insert(doc);
    }
  } finally {
    batch.commit(state);
  }
}

/**
 * The E11000 error `$merge` gives with `whenMatched: 'fail'`, naming the unique index that `on` stands for
 * (mongod requires one), so drivers report `keyPattern` and `keyValue` as for any duplicate key.
 */
function createMergeConflictError(collection: Collection, fields: string[], doc: Document): CommandError {
  const wanted = [...fields].sort().join('\u0000');
  const index = collection
    .indexSpecs()
    .find(
      (spec) =>
        (spec.name === '_id_' || spec.unique === true) &&
        Object.keys(spec.key).sort().join('\u0000') === wanted,
    );
  const keyPattern: Document = index?.key ?? Object.fromEntries(fields.map((field) => [field, 1]));
  const keyValue: Document = {};
  for (const field of Object.keys(keyPattern)) keyValue[field] = valueAtPath(doc, field);
  return createDuplicateKeyError(collection.namespace, index?.name ?? '_id_', keyPattern, keyValue);
}

function findMatch(collection: Collection, fields: string[], doc: Document): Document | undefined {
  if (fields.length === 1 && fields[0] === '_id') return collection.getById(doc._id);
  const wanted = fields.map((field) => keyOfValue(valueAtPath(doc, field))).join('\u0000');
  for (const candidate of collection.values()) {
    const key = fields.map((field) => keyOfValue(valueAtPath(candidate, field))).join('\u0000');
    if (key === wanted) return candidate;
  }
  return undefined;
}

/** `$merge`: inserts, replaces, merges into or keeps the matching documents of the target collection. */
export function writeMerge(
  spec: unknown,
  results: Document[],
  { state, db }: CommandContext,
  scope: ValidationScope,
): void {
  const options: Document = typeof spec === 'string' ? { into: spec } : (spec ?? {});
  const [outDb, outName] = resolveTarget(options.into, db);
  const on = options.on as unknown;
  const fields = (on === undefined ? ['_id'] : Array.isArray(on) ? on : [on]).map(String);
  const whenMatched = (options.whenMatched as unknown) ?? 'merge';
  const whenNotMatched = (options.whenNotMatched as unknown) ?? 'insert';
  if (typeof whenMatched !== 'string') {
    throw new CommandError(
      'CommandNotSupported',
      '$merge with a pipeline in whenMatched is not supported by the embedded engine',
    );
  }
  const collection = state.ensureCollection(outDb, outName);
  const batch = new MutationBatch(outDb, outName);
  try {
    for (const result of results) {
      const existing = findMatch(collection, fields, result);
      if (!existing) {
        if (whenNotMatched === 'discard') continue;
        if (whenNotMatched === 'fail') {
          throw new CommandError(
            'MergeStageNoMatchingDocument',
            '$merge could not find a matching document in the target collection for at least one ' +
              'document in the source collection',
          );
        }
        const doc = withId(result);
        validateDocument(collection, doc, undefined, scope);
        collection.insert(doc);
        batch.insert(doc);
        continue;
      }
      if (whenMatched === 'keepExisting') continue;
      if (whenMatched === 'fail') {
        throw createMergeConflictError(collection, fields, result);
      }
      const { _id: _ignored, ...fieldsOfResult } = result;
      const next =
        whenMatched === 'replace'
          ? { _id: existing._id as unknown, ...fieldsOfResult }
          : { ...existing, ...fieldsOfResult, _id: existing._id as unknown };
      const stored = withIdFirst(next);
      validateDocument(collection, stored, existing, scope);
      collection.replace(stored);
      batch.replace(stored);
    }
  } finally {
    batch.commit(state);
  }
}
