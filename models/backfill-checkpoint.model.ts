/**
 * Where a backfill of one source stands, so that a second run continues where the first stopped: the URL
 * of the next older page to read and what was done so far. One document per source and start date.
 */
import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

const backfillCheckpointSchema = new Schema(
  {
    source: { type: String, required: true },
    /** The oldest Kyiv-local date wanted, `yyyy-MM-dd`. */
    since: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    /** The next page to read; null before the first page and once the walk is over. */
    nextUrl: { type: String, default: null },
    pages: { type: Number, default: 0, min: 0 },
    items: { type: Number, default: 0, min: 0 },
    itemsNew: { type: Number, default: 0, min: 0 },
    tallies: { type: Number, default: 0, min: 0 },
    /** The oldest publication time seen so far, to show progress towards `since`. */
    oldestSeenAt: { type: Date, default: null },
    done: { type: Boolean, default: false },
  },
  { collection: 'backfill_checkpoints', timestamps: true },
);

backfillCheckpointSchema.index({ source: 1, since: 1 }, { unique: true });

export type BackfillCheckpointFields = InferSchemaType<typeof backfillCheckpointSchema>;
export const BackfillCheckpoint = model('BackfillCheckpoint', backfillCheckpointSchema);
