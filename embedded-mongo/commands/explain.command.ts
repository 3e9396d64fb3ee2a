/**
 * explain, reduced to the part that matters here: which plan the engine picks for a query (`IDHACK`, an
 * index's `IXSCAN`, or `COLLSCAN`), in the shape of mongod's `queryPlanner.winningPlan`, so that a test or
 * a developer can see whether a query uses an index.
 */
import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { choosePlan, describePlan } from '../query/query-planner.js';
import { readCollectionName, type CommandHandler } from './command-context.js';

/** The filter each explainable command applies to its collection. */
function readFilter(name: string, command: Document): Document {
  switch (name) {
    case 'find':
      return (command.filter as Document | undefined) ?? {};
    case 'count':
    case 'distinct':
    case 'findAndModify':
      return (command.query as Document | undefined) ?? {};
    case 'aggregate': {
      const first = (command.pipeline as Document[] | undefined)?.[0];
      return (first?.$match as Document | undefined) ?? {};
    }
    case 'update':
      return ((command.updates as Document[] | undefined)?.[0]?.q as Document | undefined) ?? {};
    case 'delete':
      return ((command.deletes as Document[] | undefined)?.[0]?.q as Document | undefined) ?? {};
    default:
      throw new CommandError('CommandNotSupported', `explain is not supported for ${name}`);
  }
}

const explain: CommandHandler = (command, { state, db }) => {
  const inner = command.explain as unknown;
  if (!inner || typeof inner !== 'object') throw new CommandError('FailedToParse', 'explain needs a command');
  const explained = inner as Document;
  const name = Object.keys(explained)[0] ?? '';
  const collectionName = readCollectionName(explained);
  const filter = readFilter(name, explained);
  const collection = state.getCollection(db, collectionName);
  const winningPlan = collection ? describePlan(choosePlan(collection, filter)) : { stage: 'EOF' };
  return {
    queryPlanner: {
      namespace: `${db}.${collectionName}`,
      parsedQuery: filter,
      winningPlan,
      rejectedPlans: [],
    },
    ok: 1,
  };
};

export const explainCommands: Record<string, CommandHandler> = { explain };
