/**
 * All databases and collections of one engine, and the single place where committed changes are reported
 * as `Mutation`s. Commands change collections, then call `record()` once per write command, before the
 * reply goes out; replay (`applyMutation`) and snapshots (`exportSnapshot`/`loadSnapshot`) rebuild the same
 * state without re-running any query.
 */
import type { Document } from 'bson';
import { Collection } from './collection.js';
import type { IndexSpec, Mutation, MutationSink, StateSnapshot } from './mutation.js';

export class EngineState {
  private readonly databases = new Map<string, Map<string, Collection>>();
  private sink: MutationSink | null = null;
  private afterWrites: (() => void) | null = null;
  private wroteSinceSettle = false;

  /**
   * Routes every committed mutation to `sink`. `afterWrites` runs from `settle()`, once a command that
   * wrote has finished, when memory and journal agree again (a snapshot taken mid-command could hold
   * changes whose mutations are not recorded yet).
   */
  attachSink(sink: MutationSink, afterWrites?: () => void): void {
    this.sink = sink;
    this.afterWrites = afterWrites ?? null;
  }

  record(mutation: Mutation): void {
    if (!this.sink) return;
    this.sink.record(mutation);
    this.wroteSinceSettle = true;
  }

  /** Called after every command. */
  settle(): void {
    if (!this.wroteSinceSettle) return;
    this.wroteSinceSettle = false;
    this.afterWrites?.();
  }

  databaseNames(): string[] {
    return Array.from(this.databases.keys()).filter((name) => (this.databases.get(name)?.size ?? 0) > 0);
  }

  collections(db: string): Collection[] {
    return Array.from(this.databases.get(db)?.values() ?? []);
  }

  getCollection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** Creates a collection (the caller has checked it does not exist) and records it. */
  createCollection(db: string, name: string, options: Document = {}): Collection {
    const collection = this.addCollection(db, name, options);
    this.record({ op: 'createCollection', db, coll: name, options });
    return collection;
  }

  /** The collection, created implicitly (as an insert or an upsert does) when it is missing. */
  ensureCollection(db: string, name: string): Collection {
    return this.getCollection(db, name) ?? this.createCollection(db, name);
  }

  /** Replaces a collection's options (the caller has checked it exists) and records it. */
  modifyCollection(db: string, name: string, options: Document): void {
    this.getCollection(db, name)?.setOptions(options);
    this.record({ op: 'modifyCollection', db, coll: name, options });
  }

  dropCollection(db: string, name: string): boolean {
    const dropped = this.removeCollection(db, name);
    if (dropped) this.record({ op: 'dropCollection', db, coll: name });
    return dropped;
  }

  dropDatabase(db: string): void {
    const existed = this.databases.delete(db);
    if (existed) this.record({ op: 'dropDatabase', db });
  }

  createIndex(db: string, name: string, index: IndexSpec): void {
    this.ensureCollection(db, name).createIndex(index);
    this.record({ op: 'createIndex', db, coll: name, index });
  }

  dropIndex(db: string, name: string, indexName: string): boolean {
    const dropped = this.getCollection(db, name)?.dropIndex(indexName) ?? false;
    if (dropped) this.record({ op: 'dropIndex', db, coll: name, name: indexName });
    return dropped;
  }

  /** Applies a mutation read back from the journal. Nothing is recorded again. */
  applyMutation(mutation: Mutation): void {
    switch (mutation.op) {
      case 'createCollection':
        if (!this.getCollection(mutation.db, mutation.coll)) {
          this.addCollection(mutation.db, mutation.coll, mutation.options ?? {});
        }
        return;
      case 'modifyCollection':
        this.replayCollection(mutation.db, mutation.coll).setOptions(mutation.options);
        return;
      case 'dropCollection':
        this.removeCollection(mutation.db, mutation.coll);
        return;
      case 'dropDatabase':
        this.databases.delete(mutation.db);
        return;
      case 'createIndex': {
        const collection = this.replayCollection(mutation.db, mutation.coll);
        if (!collection.findIndex(mutation.index.name)) collection.createIndex(mutation.index);
        return;
      }
      case 'dropIndex':
        this.getCollection(mutation.db, mutation.coll)?.dropIndex(mutation.name);
        return;
      case 'insert': {
        const collection = this.replayCollection(mutation.db, mutation.coll);
        for (const doc of mutation.docs) {
          if (collection.getById(doc._id)) collection.replace(doc);
          else collection.insert(doc);
        }
        return;
      }
      case 'replace': {
        const collection = this.replayCollection(mutation.db, mutation.coll);
        for (const doc of mutation.docs) {
          if (collection.getById(doc._id)) collection.replace(doc);
          else collection.insert(doc);
        }
        return;
      }
      case 'delete': {
        const collection = this.getCollection(mutation.db, mutation.coll);
        for (const id of mutation.ids) collection?.remove(id);
        return;
      }
    }
  }

  exportSnapshot(): StateSnapshot {
    return {
      databases: Array.from(this.databases.entries()).map(([name, collections]) => ({
        name,
        collections: Array.from(collections.values()).map((collection) => ({
          name: collection.name,
          options: collection.options,
          indexes: collection.indexSpecs().filter((spec) => spec.name !== '_id_'),
          docs: collection.all(),
        })),
      })),
    };
  }

  loadSnapshot(snapshot: StateSnapshot): void {
    this.databases.clear();
    for (const database of snapshot.databases) {
      for (const saved of database.collections) {
        const collection = this.addCollection(database.name, saved.name, saved.options ?? {});
        for (const doc of saved.docs) collection.insert(doc);
        for (const index of saved.indexes) collection.createIndex(index);
      }
    }
  }

  private replayCollection(db: string, name: string): Collection {
    return this.getCollection(db, name) ?? this.addCollection(db, name, {});
  }

  private addCollection(db: string, name: string, options: Document): Collection {
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    const collection = new Collection(db, name, options);
    collections.set(name, collection);
    return collection;
  }

  private removeCollection(db: string, name: string): boolean {
    const collections = this.databases.get(db);
    if (!collections?.delete(name)) return false;
    if (collections.size === 0) this.databases.delete(db);
    return true;
  }
}
