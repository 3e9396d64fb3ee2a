/**
 * aggregate runs the pipeline with mingo. A leading `$match` first narrows the input through the query
 * planner (so a rollup over one indexed region reads only that region's documents); `$lookup` and the other
 * cross-collection stages see the collections of the same database; a final `$out` writes its result into
 * the engine's own storage (see output-stages.ts).
 */
import { Long, type Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { CommandError } from '../errors.js';
import { cloneDocument } from '../query/apply-update.js';
import { readCollation } from '../query/collation.js';
import { evaluateLet } from '../query/let-variables.js';
import { hasNestedExclusion } from '../query/match-documents.js';
import { createMingoOptions } from '../query/mingo-options.js';
import { findCandidates } from '../query/query-planner.js';
import { isPlainObject } from '../storage/path-values.js';
import { DEFAULT_BATCH_SIZE } from '../cursors/cursor-registry.js';
import { writeMerge, writeOut } from './output-stages.js';
import { readValidationScope } from './document-validation.js';
import type { EngineState } from '../storage/engine-state.js';
import { readDocument, readNumber, type CommandHandler } from './command-context.js';

/** Stages that never modify their input documents, so they can read stored documents without a copy. */
const READ_ONLY_STAGES = new Set(['$match', '$group', '$sort', '$limit', '$skip', '$count', '$sortByCount']);

const OUTPUT_STAGES = new Set(['$out', '$merge']);

function stageName(stage: Document): string {
  return Object.keys(stage)[0] ?? '';
}

function isReadOnlyStage(stage: Document): boolean {
  const name = stageName(stage);
  if (name === '$project') return !hasNestedExclusion(stage.$project as Document);
  return READ_ONLY_STAGES.has(name);
}

/**
 * The documents the pipeline starts from, and the stages still to run: a leading `$match` narrows the input
 * through the query planner, keeps only the conditions the index did not answer, and is dropped when the
 * index answered all of them.
 */
function readInput(
  state: EngineState,
  db: string,
  name: string,
  pipeline: Document[],
  collated: boolean,
): { input: Document[]; stages: Document[] } {
  const collection = state.getCollection(db, name);
  if (!collection) return { input: [], stages: pipeline };
  const first = pipeline[0];
  // The indexes compare strings binary, so a collated `$match` reads every document.
  if (!collated && first && stageName(first) === '$match' && isPlainObject(first.$match)) {
    const planned = findCandidates(collection, first.$match);
    if (planned) {
      // The `$match` keeps only what the index did not answer, and goes when that is nothing.
      const rest = pipeline.slice(1);
      const stages = planned.residual ? [{ $match: planned.residual }, ...rest] : rest;
      return { input: planned.docs, stages };
    }
  }
  return { input: collection.all(), stages: pipeline };
}

const aggregate: CommandHandler = (command, context) => {
  const { state, db, cursors } = context;
  const pipeline = command.pipeline as unknown;
  if (!Array.isArray(pipeline))
    throw new CommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  const cursorOptions = readDocument(command, 'cursor');
  if (!cursorOptions && command.explain !== true) {
    throw new CommandError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const stages = pipeline as Document[];
  const last = stages[stages.length - 1];
  const output = last && OUTPUT_STAGES.has(stageName(last)) ? last : undefined;
  const runnable = output === undefined ? stages : stages.slice(0, -1);
  if (runnable.some((stage) => OUTPUT_STAGES.has(stageName(stage)))) {
    throw new CommandError('Location40352', '$out and $merge can only be the final stage of a pipeline');
  }

  const name = typeof command.aggregate === 'string' ? command.aggregate : null;
  const collation = readCollation(command.collation);
  const variables = evaluateLet(command.let);
  const { input, stages: remaining } =
    name === null
      ? { input: [], stages: runnable }
      : readInput(state, db, name, runnable, collation !== undefined);
  const options = createMingoOptions({
    collectionResolver: (other) =>
      (state.getCollection(db, other)?.all() ?? []).map((doc) => cloneDocument(doc)),
    collation: collation?.spec,
    variables,
    cloneInput: remaining.some((stage) => !isReadOnlyStage(stage)),
  });
  let results: Document[];
  try {
    results = new Aggregator(remaining, options).run<Document>(input);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
  const ns = name === null ? `${db}.$cmd.aggregate` : `${db}.${name}`;
  if (output !== undefined) {
    const scope = readValidationScope(command, context);
    if (stageName(output) === '$out') writeOut(output.$out, results, context, scope);
    else writeMerge(output.$merge, results, context, scope);
    return { cursor: { firstBatch: [], id: Long.ZERO, ns }, ok: 1 };
  }
  const batchSize = (cursorOptions && readNumber(cursorOptions, 'batchSize')) ?? DEFAULT_BATCH_SIZE;
  const batch = cursors.open(ns, results, batchSize);
  return { cursor: { firstBatch: batch.docs, id: batch.id, ns }, ok: 1 };
};

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
