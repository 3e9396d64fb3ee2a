/** find, getMore, killCursors, count and distinct. */
import { compareBson } from '../query/bson-order.js';
import { readCollation } from '../query/collation.js';
import { evaluateLet } from '../query/let-variables.js';
import { matchDocuments, projectDocuments } from '../query/match-documents.js';
import { valuesAtPath } from '../storage/path-values.js';
import { keyOfValue } from '../storage/value-key.js';
import { DEFAULT_BATCH_SIZE } from '../cursors/cursor-registry.js';
import { CommandError } from '../errors.js';
import { readCollectionName, readDocument, readNumber, type CommandHandler } from './command-context.js';

const find: CommandHandler = (command, { state, db, cursors }) => {
  const name = readCollectionName(command);
  const filter = readDocument(command, 'filter') ?? {};
  const limit = readNumber(command, 'limit') ?? 0;
  const variables = evaluateLet(command.let);
  const docs = matchDocuments(state.getCollection(db, name), filter, {
    sort: readDocument(command, 'sort'),
    skip: readNumber(command, 'skip'),
    limit,
    collation: readCollation(command.collation),
    variables,
  });
  const projected = projectDocuments(docs, readDocument(command, 'projection'), filter, variables);
  const singleBatch = command.singleBatch === true || limit < 0;
  const batchSize = limit < 0 ? -limit : (readNumber(command, 'batchSize') ?? DEFAULT_BATCH_SIZE);
  const ns = `${db}.${name}`;
  const batch = cursors.open(ns, projected, batchSize, {
    singleBatch,
    noTimeout: command.noCursorTimeout === true,
  });
  return { cursor: { firstBatch: batch.docs, id: batch.id, ns }, ok: 1 };
};

const getMore: CommandHandler = (command, { db, cursors }) => {
  const collection = command.collection as unknown;
  if (typeof collection !== 'string') {
    throw new CommandError('TypeMismatch', "BSON field 'getMore.collection' is missing or not a string");
  }
  const ns = `${db}.${collection}`;
  const batch = cursors.getMore(command.getMore, ns, readNumber(command, 'batchSize'));
  return { cursor: { nextBatch: batch.docs, id: batch.id, ns }, ok: 1 };
};

const killCursors: CommandHandler = (command, { cursors }) => {
  const ids = Array.isArray(command.cursors) ? (command.cursors as unknown[]) : [];
  const { killed, notFound } = cursors.kill(ids);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const count: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  const collection = state.getCollection(db, name);
  const query = readDocument(command, 'query') ?? {};
  const skip = readNumber(command, 'skip') ?? 0;
  const limit = readNumber(command, 'limit') ?? 0;
  const collation = readCollation(command.collation);
  if (Object.keys(query).length === 0 && skip === 0 && limit === 0)
    return { n: collection?.size ?? 0, ok: 1 };
  const n = matchDocuments(collection, query, { skip, limit, collation }).length;
  return { n, ok: 1 };
};

const distinct: CommandHandler = (command, { state, db }) => {
  const name = readCollectionName(command);
  const key = command.key as unknown;
  if (typeof key !== 'string')
    throw new CommandError('TypeMismatch', "BSON field 'distinct.key' must be a string");
  const collation = readCollation(command.collation);
  const docs = matchDocuments(state.getCollection(db, name), readDocument(command, 'query') ?? {}, {
    collation,
  });
  const seen = new Map<string, unknown>();
  // Under a collation, strings it deems equal ('ping', 'PING' at strength 2) are one value: the first seen.
  const strings: string[] = [];
  for (const doc of docs) {
    for (const value of valuesAtPath(doc, key)) {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      if (collation && typeof value === 'string') {
        if (strings.some((other) => collation.compare(other, value) === 0)) continue;
        strings.push(value);
      }
      const valueKey = keyOfValue(value);
      if (!seen.has(valueKey)) seen.set(valueKey, value);
    }
  }
  const values = Array.from(seen.values()).sort(compareBson);
  return { values, ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct };
