/**
 * Sorting in MongoDB's order. An array field sorts by its smallest element ascending and its largest
 * descending, a missing field sorts as null, numbers of every type sort by value and the sort is stable.
 */
import type { Document } from 'bson';
import { compareBson } from './bson-order.js';
import type { Collation } from './collation.js';
import { valuesAtPath } from '../storage/path-values.js';

export type SortSpec = Record<string, unknown>;

function sortValue(doc: Document, path: string, direction: number, compare: Comparator): unknown {
  const values = valuesAtPath(doc, path);
  if (values.length === 1) {
    const only = values[0];
    return Array.isArray(only) && only.length === 0 ? undefined : only;
  }
  let best = values[0];
  for (const value of values) {
    const order = compare(value, best);
    if (direction > 0 ? order < 0 : order > 0) best = value;
  }
  return best;
}

type Comparator = (a: unknown, b: unknown) => number;

function createComparator(collation?: Collation): Comparator {
  if (!collation) return compareBson;
  return (a, b) =>
    typeof a === 'string' && typeof b === 'string' ? collation.compare(a, b) : compareBson(a, b);
}

function directionOf(value: unknown): number {
  return Number(value) < 0 ? -1 : 1;
}

export function sortDocuments<T extends Document>(docs: T[], spec: SortSpec, collation?: Collation): T[] {
  // `$natural` is insertion order, which is the order documents arrive in here.
  if (Object.keys(spec).length === 1 && spec.$natural !== undefined) {
    return directionOf(spec.$natural) < 0 ? docs.slice().reverse() : docs;
  }
  // Fields sorted by `{ $meta: ... }` (text score) have no meaning here and are skipped.
  const fields = Object.keys(spec).filter((field) => typeof spec[field] !== 'object' && field !== '$natural');
  if (fields.length === 0) return docs;
  const directions = fields.map((field) => directionOf(spec[field]));
  const compare = createComparator(collation);
  const keyed = docs.map((doc, position) => ({
    doc,
    position,
    keys: fields.map((field, i) => sortValue(doc, field, directions[i]!, compare)),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const order = compare(a.keys[i], b.keys[i]);
      if (order !== 0) return order * directions[i]!;
    }
    return a.position - b.position;
  });
  return keyed.map((entry) => entry.doc);
}
