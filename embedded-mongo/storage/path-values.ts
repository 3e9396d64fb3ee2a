/**
 * The values an index sees at a dotted path. Arrays along the path fan out (a multikey index has one entry
 * per element), a numeric segment indexes into an array, and a missing field yields `undefined`, which the
 * index treats as null, as MongoDB does.
 */
import type { Document } from 'bson';

function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function collect(value: unknown, segments: string[], from: number, out: unknown[]): void {
  if (from === segments.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(value);
      else for (const element of value) out.push(element);
    } else {
      out.push(value);
    }
    return;
  }
  const segment = segments[from]!;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(segment)) {
      collect(value[Number(segment)], segments, from + 1, out);
      return;
    }
    let found = false;
    for (const element of value) {
      if (isPlainObject(element)) {
        found = true;
        collect(element[segment], segments, from + 1, out);
      }
    }
    if (!found) out.push(undefined);
    return;
  }
  if (isPlainObject(value)) {
    collect(value[segment], segments, from + 1, out);
    return;
  }
  out.push(undefined);
}

export function valuesAtPath(doc: Document, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

/** The single value at a dotted path without fanning out over arrays, or undefined. */
export function valueAtPath(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Document)[segment];
  }
  return current;
}

/** True when an array lies anywhere along a dotted path of `doc` (the path's value included). */
export function crossesArray(doc: Document, path: string | string[]): boolean {
  let current: unknown = doc;
  for (const segment of typeof path === 'string' ? path.split('.') : path) {
    if (Array.isArray(current)) return true;
    if (!isPlainObject(current)) return false;
    current = current[segment];
  }
  return Array.isArray(current);
}

export { isPlainObject };
