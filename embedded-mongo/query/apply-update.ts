/**
 * Applies an update to one document and builds the document an upsert inserts. Update operators, array
 * filters and the positional `$` are mingo's; this module adds what mingo lacks: `$setOnInsert`, the upsert
 * seed built from the filter's equality fields, replacement documents and the immutability of `_id`.
 *
 * mingo's operators are called one by one (as mingo's own `update` does) with options that share the
 * engine's operator table, since `update` would copy that table five times per statement. An update made
 * of nothing but a `$set` (and `$setOnInsert`) of top-level fields, which is what tallies are written with,
 * is applied here directly: the same assignments mingo's `$set` makes, without compiling anything.
 */
import { ObjectId, type Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import * as updateOperators from 'mingo/operators/update';
import type { Options } from 'mingo/types';
import { cloneDeep, isEqual } from 'mingo/util';
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

type UpdateOperator = (
  expr: Document,
  arrayFilters: Document[],
  options: Options,
) => (doc: Document) => string[];

const UPDATE_OPERATORS = updateOperators as unknown as Record<string, UpdateOperator | undefined>;

/** The path an operator's field names (`a.$.b` names `a`), as mingo checks them for conflicts. */
function selectorOf(field: string): string {
  const kept: string[] = [];
  for (const segment of field.split('.')) {
    if (segment === '$' || (segment.startsWith('$[') && segment.endsWith(']'))) break;
    kept.push(segment);
  }
  return kept.join('.');
}

/**
 * mingo's `update` checks the fields of all operators together for paths that overlap (`a` and `a.b`);
 * called one at a time, its operators only check their own, so the engine checks across them first.
 */
function assertNoConflicts(operators: Document): void {
  const expressions = Object.values(operators) as unknown[];
  if (isPlainObject(operators.$rename)) {
    for (const target of Object.values(operators.$rename)) expressions.push({ [String(target)]: true });
  }
  const seen: string[] = [];
  for (const expression of expressions) {
    if (!isPlainObject(expression)) continue;
    for (const field of Object.keys(expression)) {
      const selector = selectorOf(field);
      // Fields mingo refuses for another reason are left to its own message.
      if (field.startsWith('$') || selector === '_id' || selector.startsWith('_id.')) return;
      const clash = seen.some(
        (other) => other === selector || other.startsWith(`${selector}.`) || selector.startsWith(`${other}.`),
      );
      if (clash) {
        throw new CommandError(
          'FailedToParse',
          `updating the path '${selector}' would create a conflict at '${selector}'`,
        );
      }
      seen.push(selector);
    }
  }
}

function applyMingoOperators(target: Document, operators: Document, input: UpdateInput, inserting: boolean) {
  for (const name of Object.keys(operators)) {
    if (!UPDATE_OPERATORS[name])
      throw new CommandError('FailedToParse', `Unknown update operator: '${name}'.`);
  }
  assertNoConflicts(operators);
  // The filter is the positional `$`'s.
  const options = withLocals(createMingoOptions(input.mingo), {
    condition: inserting ? {} : input.filter,
    updateConfig: { cloneMode: 'deep', arrayFilters: input.arrayFilters },
  });
  const mutations = Object.keys(operators).map((name) =>
    UPDATE_OPERATORS[name]!(operators[name] as Document, input.arrayFilters ?? [], options),
  );
  for (const mutate of mutations) mutate(target);
}

/** `options` with the statement's locals; mingo's ComputeOptions keeps them apart from the shared part. */
function withLocals(options: Options, locals: object): Options {
  return (options as Options & { update(locals: object): Options }).update(locals);
}

/** Top-level, plain field names that a native `$set` may assign (not `_id`, which the caller handles). */
function isNativeField(field: string): boolean {
  return (
    field.length > 0 &&
    !field.includes('.') &&
    !field.startsWith('$') &&
    field !== '_id' &&
    field !== '__proto__' &&
    field !== 'constructor' &&
    field !== 'prototype'
  );
}

/** The `$set` fields when the update is nothing but a `$set` of top-level fields, else null. */
export function nativeSetFields(operators: Document, input: UpdateInput): Document | null {
  if (input.arrayFilters && input.arrayFilters.length > 0) return null;
  const names = Object.keys(operators);
  if (names.length !== 1 || names[0] !== '$set' || !isPlainObject(operators.$set)) return null;
  const fields = operators.$set;
  for (const field of Object.keys(fields)) if (!isNativeField(field)) return null;
  return fields;
}

/**
 * What mingo's `$set` does for top-level fields: a field whose value is already equal is left alone, any
 * other is replaced in place or added at the end, with a deep copy of the value. True when one changed.
 */
export function assignFields(target: Document, fields: Document): boolean {
  let changed = false;
  for (const field of Object.keys(fields)) {
    const value = fields[field] as unknown;
    if (isEqual(target[field], value)) continue;
    target[field] = cloneDeep(value);
    changed = true;
  }
  return changed;
}

function runOperators(target: Document, input: UpdateInput, inserting: boolean): boolean | undefined {
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
  if (Object.keys(operators).length === 0) return false;
  try {
    const native = nativeSetFields(operators, input);
    if (native) return assignFields(target, native);
    applyMingoOperators(target, operators, input, inserting);
    return undefined;
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
    const { $setOnInsert: _ignored, ...operators } = input.update;
    if (nativeSetFields(operators, input)) {
      // The fields it leaves alone are shared with the stored document, which is never changed in place.
      next = { ...doc };
      const changed = runOperators(next, input, false) === true;
      return { doc: next, changed };
    }
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
