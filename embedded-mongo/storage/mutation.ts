/**
 * A committed change to the engine's state, described by its effect (after-images), not by the command
 * that caused it. The storage layer emits one per acknowledged write; the journal appends it before the
 * reply is sent, and replay applies it again on start. Because mutations carry whole documents rather
 * than update operators, replay is deterministic and never re-evaluates a query.
 *
 * Documents are kept as BSON-serialisable objects; the journal encodes them with the `bson` package so
 * that every type (ObjectId, Int64, Decimal128, Date, Binary) round-trips by value.
 */
import type { Document } from 'bson';

export interface IndexSpec {
  name: string;
  key: Document;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

export type Mutation =
  | { op: 'createCollection'; db: string; coll: string; options?: Document }
  /** A collection's options (validator, validationLevel, ...) after `collMod`, replacing the old ones. */
  | { op: 'modifyCollection'; db: string; coll: string; options: Document }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; index: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  /** Documents inserted, in order, with their `_id` already assigned. */
  | { op: 'insert'; db: string; coll: string; docs: Document[] }
  /** Whole-document replacements (after-images), matched by `_id`. */
  | { op: 'replace'; db: string; coll: string; docs: Document[] }
  | { op: 'delete'; db: string; coll: string; ids: unknown[] };

/** Where the storage layer sends each committed mutation. The call must return only once it is durable. */
export interface MutationSink {
  record(mutation: Mutation): void;
}

/** A full copy of the engine's state, written as a snapshot when the journal is compacted. */
export interface StateSnapshot {
  databases: Array<{
    name: string;
    collections: Array<{ name: string; options?: Document; indexes: IndexSpec[]; docs: Document[] }>;
  }>;
}
