/**
 * A secondary index, kept twice. Hash maps from index key to document ids enforce uniqueness and answer
 * equality lookups in constant time; a compound index keeps one map per key prefix, so a query that pins
 * only the leading fields (say `region`) still gets its candidates without a scan. The same entries, in
 * order, answer ranges and sorts (see ordered-keys.ts).
 */
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { createDuplicateKeyError } from './duplicate-key.js';
import type { IndexSpec } from './mutation.js';
import { OrderedKeys } from './ordered-keys.js';
import { correlatedKeyTuples } from './array-keys.js';
import { crossesArray, valuesAtPath } from './path-values.js';
import { keyOfValue } from './value-key.js';
import { createMingoOptions } from '../query/mingo-options.js';

/** One entry a document contributes to an index: the key per prefix length and the field values. */
interface IndexEntry {
  prefixKeys: string[];
  values: unknown[];
}

type IdSet = string | Set<string>;

function addToSet(map: Map<string, IdSet>, key: string, id: string): void {
  const existing = map.get(key);
  if (existing === undefined) map.set(key, id);
  else if (typeof existing === 'string') {
    if (existing !== id) map.set(key, new Set([existing, id]));
  } else existing.add(id);
}

function removeFromSet(map: Map<string, IdSet>, key: string, id: string): void {
  const existing = map.get(key);
  if (existing === undefined) return;
  if (typeof existing === 'string') {
    if (existing === id) map.delete(key);
    return;
  }
  existing.delete(id);
  if (existing.size === 1) map.set(key, existing.values().next().value!);
  else if (existing.size === 0) map.delete(key);
}

function* idsOf(set: IdSet | undefined): Iterable<string> {
  if (set === undefined) return;
  if (typeof set === 'string') yield set;
  else yield* set;
}

export class HashIndex {
  readonly spec: IndexSpec;
  readonly fields: string[];
  private readonly paths: string[][];
  /** prefixMaps[i] maps the key of the first i+1 fields to the ids of the documents that have it. */
  private readonly prefixMaps: Array<Map<string, IdSet>>;
  private readonly partial: Query | null;
  /** Every entry in index order, for ranges and sorts. */
  readonly ordered: OrderedKeys;
  /**
   * Set once a document holds an array on an indexed path (and then kept, as in MongoDB). A multikey
   * index has several entries per document, which ranges and sorts cannot use as they stand.
   */
  multikey = false;
  /**
   * Set once a document fans out two of the fields over one shared array (`days.region` and `days.date`).
   * Its keys pair each element's own values, so a lookup on both fields would miss a document whose
   * region and date match in different elements: only the leading field may narrow a lookup.
   */
  correlated = false;

  constructor(
    spec: IndexSpec,
    private readonly namespace: () => string,
  ) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.paths = this.fields.map((field) => field.split('.'));
    this.prefixMaps = this.fields.map(() => new Map<string, IdSet>());
    this.ordered = new OrderedKeys(this.fields.map((field) => (Number(spec.key[field]) < 0 ? -1 : 1)));
    this.partial = spec.partialFilterExpression
      ? new Query(spec.partialFilterExpression, createMingoOptions())
      : null;
  }

  /** True when two documents' entries hold the same keys, so an update need not touch the index. */
  static sameEntries(a: IndexEntry[], b: IndexEntry[]): boolean {
    if (a.length !== b.length) return false;
    return a.every(
      (entry, i) =>
        entry.prefixKeys[entry.prefixKeys.length - 1] === b[i]!.prefixKeys[b[i]!.prefixKeys.length - 1],
    );
  }

  get isUnique(): boolean {
    return this.spec.unique === true;
  }

  /** True when the index holds every document, so that a lookup on it misses nothing. */
  get coversAllDocuments(): boolean {
    return !this.spec.sparse && !this.partial;
  }

  /** The entries `doc` puts in this index, or none when a sparse or partial index leaves it out. */
  entriesOf(doc: Document): IndexEntry[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((field) => valuesAtPath(doc, field));
    if (this.spec.sparse && perField.every((values) => values.every((value) => value === undefined)))
      return [];
    const arrayFields = this.paths.filter((path) => crossesArray(doc, path)).length;
    if (arrayFields > 0) this.multikey = true;
    if (arrayFields > 1) {
      this.correlated = true;
      return this.entriesOfTuples(correlatedKeyTuples(doc, this.fields));
    }
    const entries: IndexEntry[] = [];
    const seen = new Set<string>();
    const walk = (depth: number, values: unknown[], keys: string[]): void => {
      if (depth === this.fields.length) {
        const full = keys[keys.length - 1]!;
        if (seen.has(full)) return;
        seen.add(full);
        entries.push({ prefixKeys: keys, values });
        return;
      }
      for (const value of perField[depth]!) {
        const valueKey = keyOfValue(value);
        const prefix = depth === 0 ? valueKey : `${keys[depth - 1]!}\u0000${valueKey}`;
        walk(depth + 1, [...values, value], [...keys, prefix]);
      }
    };
    walk(0, [], []);
    return entries;
  }

  private entriesOfTuples(tuples: unknown[][]): IndexEntry[] {
    const entries: IndexEntry[] = [];
    const seen = new Set<string>();
    for (const values of tuples) {
      const prefixKeys: string[] = [];
      values.forEach((value, i) => {
        const valueKey = keyOfValue(value);
        prefixKeys.push(i === 0 ? valueKey : `${prefixKeys[i - 1]!}\u0000${valueKey}`);
      });
      const full = prefixKeys[prefixKeys.length - 1]!;
      if (seen.has(full)) continue;
      seen.add(full);
      entries.push({ prefixKeys, values });
    }
    return entries;
  }

  /** Throws E11000 when `doc` (stored under `id`) would duplicate another document's key. */
  assertUnique(entries: IndexEntry[], id: string): void {
    if (!this.isUnique) return;
    const full = this.prefixMaps[this.fields.length - 1]!;
    for (const entry of entries) {
      const holders = full.get(entry.prefixKeys[entry.prefixKeys.length - 1]!);
      if (holders === undefined) continue;
      for (const holder of idsOf(holders)) {
        if (holder !== id) throw this.duplicateError(entry.values);
      }
    }
  }

  duplicateError(values: unknown[]): Error {
    const keyValue: Document = {};
    this.fields.forEach((field, i) => {
      keyValue[field] = values[i] === undefined ? null : values[i];
    });
    return createDuplicateKeyError(this.namespace(), this.spec.name, this.spec.key, keyValue);
  }

  /** Adds the entries of the document stored under `id`, whose insertion sequence is `sequence`. */
  add(entries: IndexEntry[], id: string, sequence: number): void {
    for (const entry of entries) {
      entry.prefixKeys.forEach((key, i) => addToSet(this.prefixMaps[i]!, key, id));
      this.ordered.add(entry.values, sequence, id);
    }
  }

  remove(entries: IndexEntry[], id: string, sequence: number): void {
    for (const entry of entries) {
      entry.prefixKeys.forEach((key, i) => removeFromSet(this.prefixMaps[i]!, key, id));
      this.ordered.remove(entry.values, sequence);
    }
  }

  /**
   * Ids of the documents whose first `valueLists.length` fields equal one of the given value combinations.
   * The caller passes one list of candidate values per leading field.
   */
  lookup(valueLists: unknown[][]): Set<string> {
    const map = this.prefixMaps[valueLists.length - 1]!;
    const result = new Set<string>();
    const walk = (depth: number, prefix: string): void => {
      if (depth === valueLists.length) {
        for (const id of idsOf(map.get(prefix))) result.add(id);
        return;
      }
      for (const value of valueLists[depth]!) {
        const valueKey = keyOfValue(value);
        walk(depth + 1, depth === 0 ? valueKey : `${prefix}\u0000${valueKey}`);
      }
    };
    walk(0, '');
    return result;
  }

  clear(): void {
    for (const map of this.prefixMaps) map.clear();
    this.ordered.clear();
  }
}
