/**
 * Filtering, sorting, paging and projecting documents, as `find`, `count`, `distinct`, `update` and
 * `delete` need them. The planner narrows the candidates; mingo decides what matches and projects.
 */
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { CommandError } from '../errors.js';
import type { Collection } from '../storage/collection.js';
import type { Collation } from './collation.js';
import { isPlainObject } from '../storage/path-values.js';
import { cloneDocument } from './apply-update.js';
import { createMingoOptions } from './mingo-options.js';
import { orderProjectedFields } from './projection-order.js';
import { findOrderedCandidates } from './query-planner.js';
import { sortDocuments, type SortSpec } from './sort-documents.js';

export interface MatchOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /** A non-simple collation (see collation.ts): strings match and sort under it. */
  collation?: Collation;
  /** The command's evaluated `let`, read in `$expr` as `$$name`. */
  variables?: Document;
}

export function compileFilter(
  filter: Document | undefined,
  collation?: Collation,
  variables?: Document,
): Query {
  // `$comment` only labels a query in MongoDB's logs; mingo does not know it.
  const { $comment: _comment, ...condition } = filter ?? {};
  try {
    return new Query(condition, createMingoOptions({ collation: collation?.spec, variables }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // mingo evaluates $jsonSchema only through a JSON Schema validator, which the engine does not ship.
    if (message.includes('jsonSchemaValidator')) {
      throw new CommandError('CommandNotSupported', '$jsonSchema is not supported by the embedded engine');
    }
    throw new CommandError('BadValue', message);
  }
}

/** The documents of `collection` matching `filter`, sorted, skipped and limited. */
export function matchDocuments(
  collection: Collection | undefined,
  filter: Document = {},
  options: MatchOptions = {},
) {
  if (!collection) return [];
  // The indexes compare strings binary, so under a collation every document is a candidate.
  const planned = options.collation ? null : findOrderedCandidates(collection, filter, options.sort);
  const candidates: Iterable<Document> = planned?.docs ?? collection.values();
  // Only what the index did not answer is tested (all of the filter when nothing narrowed it).
  const condition = planned ? planned.residual : filter;
  const needsTest = condition !== null && Object.keys(condition).some((key) => key !== '$comment');
  // Compiled on the first candidate: an upsert whose unique key finds no document compiles nothing.
  let query: Query | null = null;
  const sorted = !planned?.sorted && options.sort !== undefined && Object.keys(options.sort).length > 0;
  const skip = Math.max(0, options.skip ?? 0);
  const limit = Math.abs(options.limit ?? 0);
  // Without a sort, the scan can stop as soon as the page is full (findOne, updateOne, deleteOne).
  const wanted = !sorted && limit > 0 ? skip + limit : Number.POSITIVE_INFINITY;
  let matched: Document[] = [];
  for (const doc of candidates) {
    if (needsTest && !(query ??= compileFilter(condition, options.collation, options.variables)).test(doc))
      continue;
    matched.push(doc);
    if (matched.length >= wanted) break;
  }
  if (sorted) matched = sortDocuments(matched, options.sort!, options.collation);
  if (skip > 0 || limit > 0) matched = matched.slice(skip, limit > 0 ? skip + limit : undefined);
  return matched;
}

/**
 * True when a projection removes a nested field (`{'a.b': 0}`): mingo does that on a shallow copy, which
 * would reach into the stored document, so such projections work on a deep copy.
 */
export function hasNestedExclusion(projection: Document | undefined): boolean {
  if (!projection || typeof projection !== 'object') return false;
  return Object.entries(projection).some(
    ([field, value]) => (field.includes('.') && (value === 0 || value === false)) || isPlainObject(value),
  );
}

export function projectDocuments(
  docs: Document[],
  projection: Document | undefined,
  filter: Document = {},
  variables?: Document,
) {
  if (!projection || Object.keys(projection).length === 0) return docs;
  let query: Query;
  try {
    query = new Query(filter, createMingoOptions({ variables }));
    const copy = hasNestedExclusion(projection);
    return docs.map((doc) => {
      const [projected] = query.find<Document>([copy ? cloneDocument(doc) : doc], projection).all();
      return orderProjectedFields(projected ?? {}, doc, projection) as Document;
    });
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
}
