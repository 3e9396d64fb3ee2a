/**
 * The stages that write a pipeline's result into a collection, `$out` and `$merge`. They run after mingo
 * has computed the result, against the engine's own storage, so the writes are indexed, checked for
 * duplicates and recorded like any other.
 */
import { ObjectId, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { withIdFirst } from '../query/apply-update.js';
import type { Collection } from '../storage/collection.js';
import { valueAtPath } from '../storage/path-values.js';
import { keyOfValue } from '../storage/value-key.js';
import { MutationBatch, type CommandContext } from './command-context.js';

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
export function writeOut(target: unknown, results: Document[], { state, db }: CommandContext): void {
  const [outDb, outName] = resolveTarget(target, db);
  const collection = state.ensureCollection(outDb, outName);
  const batch = new MutationBatch(outDb, outName);
  for (const doc of collection.all()) {
    collection.remove(doc._id);
    batch.delete(doc._id);
  }
  try {
    for (const result of results) {
      const doc = withId(result);
      collection.insert(doc);
      batch.insert(doc);
    }
  } finally {
    batch.commit(state);
  }
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
export function writeMerge(spec: unknown, results: Document[], { state, db }: CommandContext): void {
  const options: Document = typeof spec === 'string' ? { into: spec } : (spec ?? {});
  const [outDb, outName] = resolveTarget(options.into, db);
  const on = options.on as unknown;
  const fields = (on === undefined ? ['_id'] : Array.isArray(on) ? on : [on]).map(String);
  const whenMatched = (options.whenMatched as unknown) ?? 'merge';
  const whenNotMatched = (options.whenNotMatched as unknown) ?? 'insert';
  if (typeof whenMatched !== 'string') {
    throw new CommandError('IllegalOperation', '$merge with a pipeline in whenMatched is not supported');
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
            'Location40352',
            '$merge could not find a matching document in the target collection',
          );
        }
        const doc = withId(result);
        collection.insert(doc);
        batch.insert(doc);
        continue;
      }
      if (whenMatched === 'keepExisting') continue;
      if (whenMatched === 'fail') {
        throw new CommandError('DuplicateKey', '$merge found a matching document in the target collection');
      }
      const { _id: _ignored, ...fieldsOfResult } = result;
      const next =
        whenMatched === 'replace'
          ? { _id: existing._id as unknown, ...fieldsOfResult }
          : { ...existing, ...fieldsOfResult, _id: existing._id as unknown };
      collection.replace(withIdFirst(next));
      batch.replace(withIdFirst(next));
    }
  } finally {
    batch.commit(state);
  }
}
