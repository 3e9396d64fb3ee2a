/**
 * Applies an update to one document and builds the document an upsert inserts. Update operators, array
 * filters and the positional `$` are mingo's; this module adds what mingo lacks: `$setOnInsert`, the upsert
 * seed built from the filter's equality fields, replacement documents and the immutability of `_id`.
 */
import { ObjectId, type Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { update as applyOperators } from 'mingo/updater';
import { CommandError } from '../errors.js';
import { isPlainObject } from '../storage/path-values.js';
import { keyOfValue } from '../storage/value-key.js';
import { createMingoOptions, type MingoOptionsInput } from './mingo-options.js';

export type UpdateSpec = Document | Document[];

export interface UpdateInput {
  update: UpdateSpec;
  filter: Document;
  arrayFilters?: Document[];
  mingo?: MingoOptionsInput;
}

/** A deep copy of the plain parts of a document; BSON values (ObjectId, Long, ...) are shared. */
export function cloneDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneDocument(item)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const copy: Document = {};
    for (const key of Object.keys(value)) copy[key] = cloneDocument(value[key] as unknown);
    return copy as T;
  }
  return value;
}

export function isOperatorUpdate(update: UpdateSpec): boolean {
  if (Array.isArray(update)) return false;
  const keys = Object.keys(update);
  return keys.length > 0 && keys[0]!.startsWith('$');
}

/** Places `_id` first, where MongoDB always keeps it. */
export function withIdFirst(doc: Document): Document {
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id: _id as unknown, ...rest };
}

function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('immutable field'))
    return new CommandError('ImmutableField', message.replace(/\.$/, ''));
  return new CommandError('FailedToParse', message);
}

function assertIdUnchanged(before: Document, after: Document): void {
  if (keyOfValue(before._id) !== keyOfValue(after._id)) {
    throw new CommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
}

function runOperators(target: Document, input: UpdateInput, inserting: boolean): void {
  const { $setOnInsert, ...operators } = input.update as Document;
  if (inserting && isPlainObject($setOnInsert)) {
    operators.$set = { ...(operators.$set as Document | undefined), ...$setOnInsert };
  }
  if (inserting && isPlainObject(operators.$set) && '_id' in operators.$set) {
    // An upsert may choose the new document's _id with $set; mingo would refuse to touch _id.
    const { _id, ...rest } = operators.$set;
    target._id = _id as unknown;
    operators.$set = rest;
  }
  if (Object.keys(operators).length === 0) return;
  try {
    applyOperators(target, operators, input.arrayFilters, inserting ? undefined : input.filter, {
      cloneMode: 'deep',
      queryOptions: createMingoOptions(input.mingo),
    });
  } catch (error) {
    throw toCommandError(error);
  }
}

function runPipeline(doc: Document, pipeline: Document[], input: UpdateInput): Document {
  try {
    const [result] = new Aggregator(pipeline, createMingoOptions(input.mingo)).run<Document>([doc]);
    return result ?? {};
  } catch (error) {
    throw toCommandError(error);
  }
}

/** The updated copy of `doc` and whether anything changed. The stored document is left untouched. */
export function applyUpdate(doc: Document, input: UpdateInput): { doc: Document; changed: boolean } {
  let next: Document;
  if (Array.isArray(input.update)) {
    next = runPipeline(cloneDocument(doc), input.update, input);
    // A pipeline whose result has no _id ($replaceRoot, $unset: '_id') keeps the document's, as in MongoDB.
    if (next._id === undefined) next = { _id: doc._id as unknown, ...next };
  } else if (isOperatorUpdate(input.update)) {
    next = cloneDocument(doc);
    runOperators(next, input, false);
  } else {
    const { _id, ...replacement } = input.update;
    if (_id !== undefined && keyOfValue(_id) !== keyOfValue(doc._id)) {
      throw new CommandError(
        'ImmutableField',
        "After applying the update, the (immutable) field '_id' was found to have been altered to _id: " +
          String(_id),
      );
    }
    next = { _id: doc._id as unknown, ...cloneDocument(replacement) };
  }
  assertIdUnchanged(doc, next);
  next = withIdFirst(next);
  return { doc: next, changed: keyOfValue(next) !== keyOfValue(doc) };
}

function setPath(target: Document, path: string, value: unknown): void {
  const segments = path.split('.');
  let current = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(current[segment])) current[segment] = {};
    current = current[segment] as Document;
  }
  current[segments[segments.length - 1]!] = cloneDocument(value);
}

function collectSeedFields(filter: Document, seed: Document): void {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collectSeedFields(part, seed);
      continue;
    }
    if (field.startsWith('$')) continue;
    const isOperator = isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'));
    if (!isOperator) setPath(seed, field, condition);
    else if ('$eq' in condition) setPath(seed, field, condition.$eq);
    else if (Array.isArray(condition.$in) && condition.$in.length === 1)
      setPath(seed, field, condition.$in[0]);
  }
}

/** The document an upsert inserts: the filter's equality fields, then the update (with `$setOnInsert`). */
export function buildUpsertDocument(input: UpdateInput): Document {
  const seed: Document = {};
  collectSeedFields(input.filter, seed);
  let doc: Document;
  if (Array.isArray(input.update)) {
    doc = runPipeline(seed, input.update, input);
  } else if (isOperatorUpdate(input.update)) {
    doc = seed;
    runOperators(doc, input, true);
  } else {
    doc = {
      ...(seed._id !== undefined ? { _id: seed._id as unknown } : {}),
      ...cloneDocument(input.update),
    };
  }
  if (doc._id === undefined) doc._id = new ObjectId();
  else if (seed._id !== undefined && keyOfValue(seed._id) !== keyOfValue(doc._id)) {
    throw new CommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return withIdFirst(doc);
}
