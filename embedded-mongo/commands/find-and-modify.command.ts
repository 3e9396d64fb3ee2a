/**
 * findAndModify: finds one document (honouring `sort`), then updates, replaces or removes it, or upserts a
 * new one, and returns the document before or after (`new`). A duplicate key fails the whole command with
 * the E11000 fields at the top level, which mongoose turns into its duplicate-key error.
 */
import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { applyUpdate, buildUpsertDocument, type UpdateSpec } from '../query/apply-update.js';
import { readCollation } from '../query/collation.js';
import { evaluateLet } from '../query/let-variables.js';
import { matchDocuments, projectDocuments } from '../query/match-documents.js';
import { MutationBatch, readCollectionName, readDocument, type CommandHandler } from './command-context.js';
import { readValidationScope, validateDocument } from './document-validation.js';
import { assertStorableId } from './write.commands.js';

const findAndModify: CommandHandler = (command, context) => {
  const { state, db } = context;
  const name = readCollectionName(command);
  const filter = readDocument(command, 'query') ?? {};
  const sort = readDocument(command, 'sort');
  const fields = readDocument(command, 'fields');
  const update = command.update as UpdateSpec | undefined;
  const remove = command.remove === true;
  if (!remove && update === undefined) {
    throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  }
  if (remove && update !== undefined) {
    throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  }
  const collection = state.getCollection(db, name);
  const collation = readCollation(command.collation);
  const variables = evaluateLet(command.let);
  const scope = readValidationScope(command, context);
  const [found] = matchDocuments(collection, filter, { sort, limit: 1, collation, variables });
  const batch = new MutationBatch(db, name);
  const project = (doc: Document | null): Document | null =>
    doc ? (projectDocuments([doc], fields, {}, variables)[0] ?? null) : null;

  if (remove) {
    if (found) {
      collection!.remove(found._id);
      batch.delete(found._id);
      batch.commit(state);
    }
    return { lastErrorObject: { n: found ? 1 : 0 }, value: project(found ?? null), ok: 1 };
  }

  const input = {
    update: update!,
    filter,
    arrayFilters: command.arrayFilters as Document[] | undefined,
    mingo: { variables, collation: collation?.spec },
  };
  const returnNew = command.new === true;
  if (found) {
    const result = applyUpdate(found, input);
    if (result.changed) {
      validateDocument(collection, result.doc, found, scope);
      collection!.replace(result.doc);
      batch.replace(result.doc);
      batch.commit(state);
    }
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(returnNew ? result.doc : found),
      ok: 1,
    };
  }
  if (command.upsert !== true) {
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  }
  const created = buildUpsertDocument(input);
  assertStorableId(created._id);
  const target = state.ensureCollection(db, name);
  validateDocument(target, created, undefined, scope);
  target.insert(created);
  batch.insert(created);
  batch.commit(state);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: created._id as unknown },
    value: returnNew ? project(created) : null,
    ok: 1,
  };
};

export const findAndModifyCommands: Record<string, CommandHandler> = {
  findAndModify,
  findandmodify: findAndModify,
};
