/**
 * One item as fetched from a source: a post or an article. The raw text is kept so that extraction can be
 * re-run with a newer extractor; each extractor version's output is stored beside the others. When the
 * same guid comes back with different text (administrations edit their posts), the previous version is
 * pushed onto `revisions`.
 */
import { Schema, model } from 'mongoose';
import type { HydratedDocument, InferSchemaType } from 'mongoose';

const extractionSchema = new Schema(
  {
    extractorVersion: { type: String, required: true },
    extractedAt: { type: Date, required: true },
    /** The contentHash of the text this extraction read. */
    contentHash: { type: String, default: null },
    /** The extractor's output as it returned it (zero or more per-region reports). */
    reports: { type: [Schema.Types.Mixed], default: [] },
    /** Why extraction failed, when it did; null on success. */
    error: { type: String, default: null },
  },
  { _id: false },
);

const revisionSchema = new Schema(
  {
    /** When the change was noticed. */
    seenAt: { type: Date, required: true },
    title: { type: String, default: null },
    text: { type: String, required: true },
    contentHash: { type: String, required: true },
    /** The extractions of that version of the text. */
    extractions: { type: [Schema.Types.Mixed], default: [] },
  },
  { _id: false },
);

/** A (region, date, window) tally slot a report's current extraction contributes to. */
const slotSchema = new Schema(
  {
    region: { type: String, required: true },
    date: { type: String, required: true },
    window: { type: String, required: true },
  },
  { _id: false },
);

const reportSchema = new Schema(
  {
    /** The Source `key` this item came from. */
    source: { type: String, required: true },
    /** The feed's item id (guid, or the link when the feed has none). */
    guid: { type: String, required: true },
    url: { type: String, default: null },
    title: { type: String, default: null },
    text: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    fetchedAt: { type: Date, required: true },
    /** Hash of title and text, to notice edits without comparing whole texts. */
    contentHash: { type: String, required: true },
    /** Hash of the whitespace-normalised text alone: the same post relayed by another source shares it. */
    textHash: { type: String, default: null },
    /** The earliest report of another source with the same text, when this one is a word-for-word relay. */
    relayOf: { type: Schema.Types.ObjectId, ref: 'Report', default: null },
    extractions: { type: [extractionSchema], default: [] },
    /** Earlier versions of this item, oldest first. */
    revisions: { type: [revisionSchema], default: [] },
    /** The tally slots the current extraction feeds; the tallies of these slots list this report. */
    slots: { type: [slotSchema], default: [] },
    /** `region|date` of each slot: the indexed key by which a day's reports are found. */
    days: { type: [String], default: [] },
    /**
     * Set when the report was stored or changed and its tallies are not yet recomputed; cleared after. A poll
     * killed between the two finds these on its next run, so no change is ever left out of the tallies.
     */
    pendingTally: { type: Boolean, default: false },
    /** Slots the report fed before its last change, recomputed with the new ones and then cleared. */
    staleSlots: { type: [slotSchema], default: [] },
  },
  { collection: 'reports', timestamps: true },
);

reportSchema.index({ source: 1, guid: 1 }, { unique: true });
reportSchema.index({ publishedAt: -1 });
reportSchema.index({ days: 1 });
reportSchema.index({ textHash: 1 });
reportSchema.index({ pendingTally: 1 });

export type ReportFields = InferSchemaType<typeof reportSchema>;
export type ReportDocument = HydratedDocument<ReportFields>;
export const Report = model('Report', reportSchema);
