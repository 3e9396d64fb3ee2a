/**
 * insert, update and delete. Each statement is applied on its own: an ordered batch stops at the first
 * failing statement and an unordered one goes on, and failures come back as `writeErrors` entries beside the
 * count of what did succeed. All changes of the command are recorded before the reply.
 */
import { ObjectId, type Document } from 'bson';
import { toCommandError } from '../errors.js';
import { applyUpdate, buildUpsertDocument, withIdFirst, type UpdateSpec } from '../query/apply-update.js';
import { matchDocuments } from '../query/match-documents.js';
import {
  MutationBatch,
  readCollectionName,
  type CommandContext,
  type CommandHandler,
} from './command-context.js';

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

const insert: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  const ordered = command.ordered !== false;
  const docs = readStatements(command, 'documents');
  const collection = state.ensureCollection(db, name);
  const batch = new MutationBatch(db, name);
  let n = 0;
  const writeErrors = applyStatements(docs, ordered, (raw) => {
    const doc = raw._id === undefined ? { _id: new ObjectId(), ...raw } : withIdFirst(raw);
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
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
  collation?: Document;
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
): UpdateOutcome {
  const { state, db } = context;
  const filter = statement.q ?? {};
  const update = statement.u ?? {};
  const input = { update, filter, arrayFilters: statement.arrayFilters };
  const existing = state.getCollection(db, name);
  const matched = matchDocuments(existing, filter, {
    limit: statement.multi ? 0 : 1,
    collation: statement.collation,
  });
  let modified = 0;
  for (const doc of matched) {
    const result = applyUpdate(doc, input);
    if (!result.changed) continue;
    existing!.replace(result.doc);
    batch.replace(result.doc);
    modified++;
  }
  if (matched.length > 0 || !statement.upsert) return { matched: matched.length, modified };
  const created = buildUpsertDocument(input);
  state.ensureCollection(db, name).insert(created);
  batch.insert(created);
  return { matched: 0, modified: 0, upsertedId: created._id };
}

const update: CommandHandler = (command, context) => {
  const name = readCollectionName(command);
  const ordered = command.ordered !== false;
  const statements = readStatements(command, 'updates') as UpdateStatement[];
  const batch = new MutationBatch(context.db, name);
  const upserted: Document[] = [];
  let n = 0;
  let nModified = 0;
  const writeErrors = applyStatements(statements, ordered, (statement, index) => {
    const outcome = runUpdateStatement(statement, name, context, batch);
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
  const collection = state.getCollection(db, name);
  const batch = new MutationBatch(db, name);
  let n = 0;
  const writeErrors = applyStatements(statements, ordered, (statement) => {
    const limit = Number(statement.limit ?? 0) === 1 ? 1 : 0;
    const matched = matchDocuments(collection, statement.q ?? {}, { limit, collation: statement.collation });
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
