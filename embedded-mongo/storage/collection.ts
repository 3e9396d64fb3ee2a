/**
 * One collection: its documents keyed by the hash of `_id` (which is the implicit unique `_id_` index) and
 * its secondary hash indexes. Documents are never changed in place: an update stores a new object, so a
 * cursor or a reply that still holds the old one stays consistent.
 */
import { UUID, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { createDuplicateKeyError } from './duplicate-key.js';
import { HashIndex } from './hash-index.js';
import type { IndexSpec } from './mutation.js';
import { keyOfValue } from './value-key.js';

export const ID_INDEX: IndexSpec = Object.freeze({ name: '_id_', key: Object.freeze({ _id: 1 }) });

export class Collection {
  private readonly docs = new Map<string, Document>();
  /** Insertion sequence per document, so that index lookups return documents in natural order. */
  private readonly sequence = new Map<string, number>();
  private nextSequence = 0;
  private readonly indexes: HashIndex[] = [];
  /** Reported by listCollections; it identifies the collection for this process's lifetime only. */
  readonly uuid = new UUID();

  constructor(
    readonly dbName: string,
    readonly name: string,
    readonly options: Document = {},
  ) {}

  /** Replaces the options in place (`collMod`), so that holders of `options` see the new ones. */
  setOptions(options: Document): void {
    for (const key of Object.keys(this.options)) delete this.options[key];
    Object.assign(this.options, options);
  }

  get namespace(): string {
    return `${this.dbName}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  /** Every document in natural (insertion) order, without copying them into an array. */
  values(): IterableIterator<Document> {
    return this.docs.values();
  }

  /** Every document in natural (insertion) order. */
  all(): Document[] {
    return Array.from(this.docs.values());
  }

  /** The stored document under an `_id` key (see value-key.ts), as index entries name it. */
  getByKey(key: string): Document | undefined {
    return this.docs.get(key);
  }

  getById(id: unknown): Document | undefined {
    return this.docs.get(keyOfValue(id));
  }

  /**
   * The documents with the given `_id` keys, in natural order, so that a query returns the same documents
   * in the same order whether or not an index narrowed it.
   */
  getByKeys(keys: Iterable<string>): Document[] {
    const found: Document[] = [];
    const sequences: number[] = [];
    // Index lookups mostly yield ids in insertion order already; then no sort is needed.
    let ordered = true;
    for (const key of keys) {
      const doc = this.docs.get(key);
      if (!doc) continue;
      const sequence = this.sequence.get(key)!;
      if (sequences.length > 0 && sequence < sequences[sequences.length - 1]!) ordered = false;
      found.push(doc);
      sequences.push(sequence);
    }
    if (ordered) return found;
    const positions = Array.from(found.keys()).sort((a, b) => sequences[a]! - sequences[b]!);
    return positions.map((position) => found[position]!);
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...this.indexes.map((index) => index.spec)];
  }

  secondaryIndexes(): readonly HashIndex[] {
    return this.indexes;
  }

  insert(doc: Document): void {
    if (doc._id === undefined) throw new CommandError('BadValue', 'document is missing _id');
    if (Array.isArray(doc._id)) {
      throw new CommandError('BadValue', `The '_id' value cannot be of type array`);
    }
    const id = keyOfValue(doc._id);
    if (this.docs.has(id)) {
      throw createDuplicateKeyError(this.namespace, '_id_', { _id: 1 }, { _id: doc._id as unknown });
    }
    const entries = this.indexes.map((index) => index.entriesOf(doc));
    this.indexes.forEach((index, i) => index.assertUnique(entries[i]!, id));
    const sequence = this.nextSequence++;
    this.indexes.forEach((index, i) => index.add(entries[i]!, id, sequence));
    this.docs.set(id, doc);
    this.sequence.set(id, sequence);
  }

  /** Replaces the stored document that has `next._id`; the `_id` itself never changes. */
  replace(next: Document): void {
    const id = keyOfValue(next._id);
    const previous = this.docs.get(id);
    if (!previous) throw new CommandError('InternalError', `no document with _id ${id} to replace`);
    const before = this.indexes.map((index) => index.entriesOf(previous));
    const after = this.indexes.map((index) => index.entriesOf(next));
    this.indexes.forEach((index, i) => index.assertUnique(after[i]!, id));
    const sequence = this.sequence.get(id)!;
    this.indexes.forEach((index, i) => {
      if (HashIndex.sameEntries(before[i]!, after[i]!)) return;
      index.remove(before[i]!, id, sequence);
      index.add(after[i]!, id, sequence);
    });
    this.docs.set(id, next);
  }

  remove(idValue: unknown): boolean {
    const id = keyOfValue(idValue);
    const doc = this.docs.get(id);
    if (!doc) return false;
    const sequence = this.sequence.get(id)!;
    for (const index of this.indexes) index.remove(index.entriesOf(doc), id, sequence);
    this.docs.delete(id);
    this.sequence.delete(id);
    return true;
  }

  findIndex(name: string): HashIndex | undefined {
    return this.indexes.find((index) => index.spec.name === name);
  }

  /**
   * Builds a secondary index over the current documents. On a unique index that the data already violates,
   * the build fails with E11000 and leaves no trace, as in MongoDB.
   */
  createIndex(spec: IndexSpec): void {
    const index = new HashIndex(spec, () => this.namespace);
    for (const [id, doc] of this.docs) {
      const entries = index.entriesOf(doc);
      index.assertUnique(entries, id);
      index.add(entries, id, this.sequence.get(id)!);
    }
    this.indexes.push(index);
  }

  dropIndex(name: string): boolean {
    const position = this.indexes.findIndex((index) => index.spec.name === name);
    if (position < 0) return false;
    this.indexes.splice(position, 1);
    return true;
  }

  dropAllIndexes(): void {
    this.indexes.length = 0;
  }
}
