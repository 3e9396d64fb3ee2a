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
    extractions: { type: [extractionSchema], default: [] },
    /** Earlier versions of this item, oldest first. */
    revisions: { type: [revisionSchema], default: [] },
  },
  { collection: 'reports', timestamps: true },
);

reportSchema.index({ source: 1, guid: 1 }, { unique: true });
reportSchema.index({ publishedAt: -1 });

export type ReportFields = InferSchemaType<typeof reportSchema>;
export type ReportDocument = HydratedDocument<ReportFields>;
export const Report = model('Report', reportSchema);
