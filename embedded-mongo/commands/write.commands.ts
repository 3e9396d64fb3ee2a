/**
 * insert, update and delete. Each statement is applied on its own: an ordered batch stops at the first
 * failing statement and an unordered one goes on, and failures come back as `writeErrors` entries beside the
 * count of what did succeed. All changes of the command are recorded before the reply.
 */
import { ObjectId, type Document } from 'bson';
import { CommandError, toCommandError } from '../errors.js';
import { applyUpdate, buildUpsertDocument, withIdFirst, type UpdateSpec } from '../query/apply-update.js';
import { readCollation } from '../query/collation.js';
import { evaluateLet, mergeVariables } from '../query/let-variables.js';
import { matchDocuments } from '../query/match-documents.js';
import { isPlainObject } from '../storage/path-values.js';
import {
  MutationBatch,
  readCollectionName,
  type CommandContext,
  type CommandHandler,
} from './command-context.js';
import { readValidationScope, validateDocument, type ValidationScope } from './document-validation.js';

/** The fields mongod 7.0 accepts in one statement of `update` and of `delete` (`sort` came in 8.0). */
const UPDATE_STATEMENT_FIELDS = new Set([
  'q',
  'u',
  'c',
  'upsert',
  'multi',
  'arrayFilters',
  'collation',
  'hint',
  'upsertSupplied',
  'sampleId',
  '$_allowShardKeyUpdatesWithoutFullShardKey',
]);
const DELETE_STATEMENT_FIELDS = new Set(['q', 'limit', 'collation', 'hint', 'sampleId']);

/** Fails the whole command, as mongod's parser does, when a statement carries a field it does not know. */
function assertKnownFields(statements: readonly Document[], known: ReadonlySet<string>, path: string): void {
  for (const statement of statements) {
    for (const field of Object.keys(statement)) {
      if (!known.has(field)) {
        throw new CommandError('Location40415', `BSON field '${path}.${field}' is an unknown field.`);
      }
    }
  }
}

/** The first `$`-prefixed field name inside an `_id` document, which mongod refuses to store. */
function findDollarField(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findDollarField(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  for (const [field, inner] of Object.entries(value)) {
    if (field.startsWith('$')) return field;
    const found = findDollarField(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function assertStorableId(id: unknown): void {
  if (!isPlainObject(id)) return;
  const field = findDollarField(id);
  if (field !== undefined) {
    throw new CommandError(
      'DollarPrefixedFieldName',
      `_id fields may not contain '$'-prefixed fields: ${field} is not valid for storage.`,
    );
  }
}

function readStatements(command: Document, field: string): Document[] {
  const value = command[field] as unknown;
  return Array.isArray(value) ? (value as Document[]) : [];
}

/**
 * Applies each statement in turn and collects the failures as `writeErrors`, stopping at the first one
 * when the batch is ordered, as mongod does.
 */
function applyStatements<T>(
  statements: readonly T[],
  ordered: boolean,
  apply: (statement: T, index: number) => void,
): Document[] {
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      apply(statements[i]!, i);
    } catch (error) {
      writeErrors.push(toCommandError(error).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withWriteErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length > 0 ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

const insert: CommandHandler = (command, context) => {
  const { state, db } = context;
  const name = readCollectionName(command);
  const ordered = command.ordered !== false;
  const docs = readStatements(command, 'documents');
  const collection = state.ensureCollection(db, name);
  const scope = readValidationScope(command, context);
  const batch = new MutationBatch(db, name);
  let n = 0;
  const writeErrors = applyStatements(docs, ordered, (raw) => {
    assertStorableId(raw._id);
    const doc = raw._id === undefined ? { _id: new ObjectId(), ...raw } : withIdFirst(raw);
    validateDocument(collection, doc, undefined, scope);
    collection.insert(doc);
    batch.insert(doc);
    n++;
  });
  batch.commit(state);
  return withWriteErrors({ n }, writeErrors);
};

interface UpdateStatement {
  q?: Document;
  u?: UpdateSpec;
  c?: Document;
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
  collation?: Document;
}

/** What the statements of one write command share: its evaluated `let` and its validation switch. */
export interface WriteScope extends ValidationScope {
  variables?: Document;
}

interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
}

/** Applies one update statement; shared by `update` and the bulk paths of drivers. */
export function runUpdateStatement(
  statement: UpdateStatement,
  name: string,
  context: CommandContext,
  batch: MutationBatch,
  scope: WriteScope,
): UpdateOutcome {
  const { state, db } = context;
  const filter = statement.q ?? {};
  const update = statement.u ?? {};
  const collation = readCollation(statement.collation);
  const variables = mergeVariables(scope.variables, evaluateLet(statement.c, 'c'));
  const input = {
    update,
    filter,
    arrayFilters: statement.arrayFilters,
    mingo: { variables, collation: collation?.spec },
  };
  const existing = state.getCollection(db, name);
  const matched = matchDocuments(existing, filter, {
    limit: statement.multi ? 0 : 1,
    collation,
    variables,
  });
  let modified = 0;
  for (const doc of matched) {
    const result = applyUpdate(doc, input);
    if (!result.changed) continue;
    validateDocument(existing, result.doc, doc, scope);
    existing!.replace(result.doc);
    batch.replace(result.doc);
    modified++;
  }
  if (matched.length > 0 || !statement.upsert) return { matched: matched.length, modified };
  const created = buildUpsertDocument(input);
  assertStorableId(created._id);
  const target = state.ensureCollection(db, name);
  validateDocument(target, created, undefined, scope);
  target.insert(created);
  batch.insert(created);
  return { matched: 0, modified: 0, upsertedId: created._id };
}

const update: CommandHandler = (command, context) => {
  const name = readCollectionName(command);
  const ordered = command.ordered !== false;
  const statements = readStatements(command, 'updates') as UpdateStatement[];
  assertKnownFields(statements, UPDATE_STATEMENT_FIELDS, 'update.updates');
  const scope: WriteScope = { ...readValidationScope(command, context), variables: evaluateLet(command.let) };
  const batch = new MutationBatch(context.db, name);
  const upserted: Document[] = [];
  let n = 0;
  let nModified = 0;
  const writeErrors = applyStatements(statements, ordered, (statement, index) => {
    const outcome = runUpdateStatement(statement, name, context, batch, scope);
    n += outcome.matched;
    nModified += outcome.modified;
    if (outcome.upsertedId !== undefined) {
      upserted.push({ index, _id: outcome.upsertedId });
      n++;
    }
  });
  batch.commit(context.state);
  const reply: Document = { n, nModified };
  if (upserted.length > 0) reply.upserted = upserted;
  return withWriteErrors(reply, writeErrors);
};

interface DeleteStatement {
  q?: Document;
  limit?: number;
  collation?: Document;
}

const remove: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  const ordered = command.ordered !== false;
  const statements = readStatements(command, 'deletes') as DeleteStatement[];
  assertKnownFields(statements, DELETE_STATEMENT_FIELDS, 'delete.deletes');
  const variables = evaluateLet(command.let);
  const collection = state.getCollection(db, name);
  const batch = new MutationBatch(db, name);
  let n = 0;
  const writeErrors = applyStatements(statements, ordered, (statement) => {
    const limit = Number(statement.limit ?? 0) === 1 ? 1 : 0;
    const matched = matchDocuments(collection, statement.q ?? {}, {
      limit,
      collation: readCollation(statement.collation),
      variables,
    });
    for (const doc of matched) {
      if (collection!.remove(doc._id)) {
        batch.delete(doc._id);
        n++;
      }
    }
  });
  batch.commit(state);
  return withWriteErrors({ n }, writeErrors);
};

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: remove };
