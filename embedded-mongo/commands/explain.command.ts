/**
 * explain, reduced to the part that matters here: which plan the engine picks for a query (`IDHACK`, an
 * index's `IXSCAN` with its direction and bounds when it walks a range or a sort, a `SORT` in memory, or
 * `COLLSCAN`), in the shape of mongod's `queryPlanner.winningPlan`, so that a test or a developer can see
 * whether a query uses an index.
 */
import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { readCollation } from '../query/collation.js';
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

/** The sort each explainable command applies, if any. */
function readSort(name: string, command: Document): Document | undefined {
  if (name !== 'find' && name !== 'findAndModify') return undefined;
  const sort = command.sort as unknown;
  return sort && typeof sort === 'object' && !Array.isArray(sort) ? sort : undefined;
}

function readStatementCollation(name: string, command: Document): unknown {
  if (name === 'update') return (command.updates as Document[] | undefined)?.[0]?.collation;
  if (name === 'delete') return (command.deletes as Document[] | undefined)?.[0]?.collation;
  return command.collation;
}

const explain: CommandHandler = (command, { state, db }) => {
  const inner = command.explain as unknown;
  if (!inner || typeof inner !== 'object') throw new CommandError('FailedToParse', 'explain needs a command');
  const explained = inner as Document;
  const name = Object.keys(explained)[0] ?? '';
  const collectionName = readCollectionName(explained);
  const filter = readFilter(name, explained);
  const collection = state.getCollection(db, collectionName);
  const sort = readSort(name, explained);
  // Under a collation the engine reads every document (its indexes compare strings binary).
  const collated = readCollation(readStatementCollation(name, explained)) !== undefined;
  let winningPlan: Document = { stage: 'EOF' };
  if (collection && collated) {
    winningPlan = { stage: 'COLLSCAN', direction: 'forward' };
  } else if (collection) {
    const plan = choosePlan(collection, filter, sort);
    winningPlan = describePlan(plan);
    // A sort that the index walk does not give is done in memory, over what the plan read.
    const walked = plan.kind === 'walk' && plan.sortedBy !== null;
    if (sort && Object.keys(sort).length > 0 && !walked) {
      winningPlan = { stage: 'SORT', sortPattern: sort, inputStage: winningPlan };
    }
  }
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
