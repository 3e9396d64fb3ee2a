/**
 * The key tuples of a compound index when two or more of its fields cross arrays. MongoDB allows that when
 * the fields share the arrays (`{'days.region': 1, 'days.date': 1}` over one array `days`): each element of
 * a shared array gives one tuple of its own fields, so an array of n subdocuments gives n keys, not n².
 * Two fields that each cross an array the other does not are parallel arrays, which MongoDB refuses with
 * code 171.
 */
import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { isPlainObject } from './path-values.js';

const NUMERIC_SEGMENT = /^\d+$/;

interface Walk {
  values: unknown[];
  /** How many segments of each field's path are behind its value. */
  depths: number[];
  /** True once a field's value is the element of its final array (which is not fanned out again). */
  expanded: boolean[];
  /** The arrays each field has crossed so far, by identity. */
  crossed: unknown[][];
}

function parallelArraysError(fields: string[], first: number, second: number): CommandError {
  return new CommandError(
    'CannotIndexParallelArrays',
    `cannot index parallel arrays [${fields[second]!}] [${fields[first]!}]`,
  );
}

/**
 * The value tuples `doc` gives an index on `fields` (dotted paths), one per key, or a 171 error when two of
 * the fields cross different arrays.
 */
export function correlatedKeyTuples(doc: Document, fields: string[]): unknown[][] {
  const paths = fields.map((field) => field.split('.'));
  const tuples: unknown[][] = [];

  const step = (walk: Walk): void => {
    // The array to fan out next: the value of one or more fields that have not fanned it out yet.
    let array: unknown[] | null = null;
    const sharing: number[] = [];
    walk.values.forEach((value, i) => {
      if (!Array.isArray(value) || walk.expanded[i]) return;
      const segment = paths[i]![walk.depths[i]!];
      // `a.0` indexes into the array instead of fanning out over it.
      if (segment !== undefined && NUMERIC_SEGMENT.test(segment)) return;
      if (array === null) array = value;
      if (value === array) sharing.push(i);
    });
    if (array !== null) {
      fanOut(walk, array, sharing);
      return;
    }
    if (walk.depths.every((depth, i) => depth === paths[i]!.length)) {
      tuples.push(walk.values);
      return;
    }
    step({
      ...walk,
      values: walk.values.map((value, i) => {
        const segment = paths[i]![walk.depths[i]!];
        if (segment === undefined) return value;
        if (Array.isArray(value)) return value[Number(segment)] as unknown;
        return isPlainObject(value) ? (value[segment] as unknown) : undefined;
      }),
      depths: walk.depths.map((depth, i) => Math.min(depth + 1, paths[i]!.length)),
    });
  };

  const fanOut = (walk: Walk, array: unknown[], sharing: number[]): void => {
    // Parallel arrays: a field that fans out `array` while another field has crossed an array it has not.
    for (const i of sharing) {
      for (let j = 0; j < fields.length; j++) {
        if (sharing.includes(j)) continue;
        if (walk.crossed[j]!.some((other) => !walk.crossed[i]!.includes(other))) {
          throw parallelArraysError(fields, j, i);
        }
      }
    }
    const crossed = walk.crossed.map((arrays, i) => (sharing.includes(i) ? [...arrays, array] : arrays));
    const elements = array.length === 0 ? [undefined] : array;
    for (const element of elements) {
      const values = [...walk.values];
      const expanded = [...walk.expanded];
      for (const i of sharing) {
        const atEnd = walk.depths[i] === paths[i]!.length;
        // An empty array is itself the key of a field that ends on it, and a missing value below it.
        if (array.length === 0) values[i] = atEnd ? array : undefined;
        else values[i] = atEnd || isPlainObject(element) ? element : undefined;
        if (atEnd || array.length === 0) expanded[i] = true;
      }
      step({ values, depths: walk.depths, expanded, crossed });
    }
  };

  step({
    values: fields.map(() => doc),
    depths: fields.map(() => 0),
    expanded: fields.map(() => false),
    crossed: fields.map(() => []),
  });
  return tuples;
}
