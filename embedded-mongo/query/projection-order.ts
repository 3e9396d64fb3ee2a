/**
 * The field order MongoDB gives a projected document, which mingo does not keep (it emits included fields
 * alphabetically and `_id` last): `_id` first, then the included fields in the stored document's order, then
 * computed fields in the order the projection names them. Nested documents follow the same rule.
 */
import type { Document } from 'bson';
import { isPlainObject } from '../storage/path-values.js';

/** The part of a projection that applies inside `field`: `{'a.b': 1}` or `{a: {b: 1}}` give `{b: 1}`. */
function subProjection(spec: Document, field: string): Document {
  const sub: Document = {};
  const prefix = `${field}.`;
  for (const [key, value] of Object.entries(spec)) {
    if (key === field && isPlainObject(value)) Object.assign(sub, value);
    else if (key.startsWith(prefix)) sub[key.slice(prefix.length)] = value as unknown;
  }
  return sub;
}

function topLevelFields(spec: Document): string[] {
  return Array.from(new Set(Object.keys(spec).map((key) => key.split('.')[0]!)));
}

export function orderProjectedFields(projected: unknown, original: unknown, spec: Document): unknown {
  if (Array.isArray(projected)) {
    const originals = Array.isArray(original) ? original : [];
    return projected.map((item: unknown, i) => orderProjectedFields(item, originals[i], spec));
  }
  if (!isPlainObject(projected)) return projected;
  const source = isPlainObject(original) ? original : {};
  const ordered: Document = {};
  const place = (key: string) => {
    if (key in projected && !(key in ordered)) {
      ordered[key] = orderProjectedFields(projected[key], source[key], subProjection(spec, key));
    }
  };
  place('_id');
  for (const key of Object.keys(source)) place(key);
  for (const key of topLevelFields(spec)) place(key);
  for (const key of Object.keys(projected)) place(key);
  return ordered;
}

/** Moves `_id` to the front, where MongoDB puts it in the output of grouping stages. */
export function placeIdFirst(doc: unknown): unknown {
  if (!isPlainObject(doc) || !('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id: _id as unknown, ...rest };
}
