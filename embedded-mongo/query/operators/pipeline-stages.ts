/**
 * Pipeline stages where mingo's output differs from MongoDB's, wrapped or replaced: $sort uses MongoDB's
 * BSON order, $project keeps MongoDB's field order, $group folds simple accumulators in one pass, $bucket/$bucketAuto/$sortByCount put `_id` first, and
 * $match accepts the `$comment` MongoDB allows.
 */
import type { Document } from 'bson';
import { Lazy, type Iterator } from 'mingo/lazy';
import * as pipelineOperators from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { collationOfSpec } from '../collation.js';
import { orderProjectedFields, placeIdFirst } from '../projection-order.js';
import { sortDocuments, type SortSpec } from '../sort-documents.js';
import { createGroupStage } from './group-stage.js';
import { isPlainObject } from '../../storage/path-values.js';

type PipelineOperator = (collection: Iterator, expr: unknown, options: Options) => Iterator;

function $sort(collection: Iterator, spec: SortSpec, options: Options): Iterator {
  return collection.transform((docs: Document[]) =>
    Lazy(sortDocuments(docs, spec, collationOfSpec(options.collation))),
  );
}

/** mingo's $project, with the output fields in MongoDB's order. */
function createProjectStage(mingoProject: PipelineOperator): PipelineOperator {
  return (collection, spec, options) =>
    collection.transform((docs: Document[]) => {
      const projected = mingoProject(Lazy(docs), spec, options).collect<unknown>();
      return Lazy(projected.map((doc, i) => orderProjectedFields(doc, docs[i], spec as Document)));
    });
}

/** $match without the `$comment` MongoDB allows beside the filter (it only labels the query in logs). */
function createMatchStage(mingoMatch: PipelineOperator): PipelineOperator {
  return (collection, filter, options) => {
    if (!isPlainObject(filter) || !('$comment' in filter)) return mingoMatch(collection, filter, options);
    const { $comment: _comment, ...condition } = filter;
    return mingoMatch(collection, condition, options);
  };
}

/** A grouping stage whose output starts with `_id`, as MongoDB's does. */
function withIdFirst(stage: PipelineOperator): PipelineOperator {
  return (collection, expr, options) => stage(collection, expr, options).map(placeIdFirst);
}

/** mingo's pipeline stages with the ones above in place. */
export function createPipelineStages(): Record<string, PipelineOperator> {
  return {
    ...(pipelineOperators as unknown as Record<string, PipelineOperator>),
    $sort: $sort as PipelineOperator,
    $match: createMatchStage(pipelineOperators.$match as PipelineOperator),
    $group: createGroupStage(pipelineOperators.$group as PipelineOperator),
    $project: createProjectStage(pipelineOperators.$project as PipelineOperator),
    $bucket: withIdFirst(pipelineOperators.$bucket as PipelineOperator),
    $bucketAuto: withIdFirst(pipelineOperators.$bucketAuto as PipelineOperator),
    $sortByCount: withIdFirst(pipelineOperators.$sortByCount),
  };
}
