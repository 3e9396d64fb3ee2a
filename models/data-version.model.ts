/**
 * The data-version stamp: one counter in MongoDB that every write of derived data (tallies, alerts) bumps.
 * Caches in any app instance key their entries by it, so an instance never serves figures older than the
 * last ingest, whichever instance ran it. It lives in the database, not in memory, because several
 * instances may share one MongoDB.
 */
import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

const STAMP_ID = 'data-version';

const dataVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** Increases by one on every bump; never reused. */
    version: { type: Number, required: true, min: 0 },
    /** What wrote last (`poll-sources`, `reextract`, ...), for debugging stale caches. */
    bumpedBy: { type: String, default: null },
    bumpedAt: { type: Date, default: null },
  },
  { collection: 'meta', versionKey: false },
);

export type DataVersionFields = InferSchemaType<typeof dataVersionSchema>;
export const DataVersion = model('DataVersion', dataVersionSchema);

/** Bumps the stamp atomically and returns the new version. */
export async function bumpDataVersion(bumpedBy: string, now = new Date()): Promise<number> {
  const stamp = await DataVersion.findOneAndUpdate(
    { _id: STAMP_ID },
    { $inc: { version: 1 }, $set: { bumpedBy, bumpedAt: now } },
    { upsert: true, returnDocument: 'after', lean: true },
  );
  // An upsert that returns the document after the update always returns one.
  return stamp?.version ?? 0;
}

/**
 * The current version; 0 before anything was ever written. API caches call this on every request (in
 * shared batches), so it asks the driver directly: the stamp needs no casting, hydration or middleware,
 * and mongoose's query building would cost more than the read itself.
 */
export async function readDataVersion(): Promise<number> {
  // No projection: the stamp is three small fields, and projecting costs the server more than sending them.
  const stamp = await DataVersion.collection.findOne<{ version?: unknown }>({ _id: STAMP_ID as never });
  return typeof stamp?.version === 'number' ? stamp.version : 0;
}
