/**
 * A feed the service pulls: an oblast administration's Telegram channel (read through an RSS bridge or its
 * public page) or a news outlet's RSS/Atom feed. The fetch state lives on the source itself, as in
 * Miniflux: conditional-GET validators, the last outcome and a failure count that resets on success.
 */
import { Schema, model } from 'mongoose';
import type { HydratedDocument, InferSchemaType } from 'mongoose';

export const SOURCE_KINDS = ['rss', 'atom', 'telegram'] as const;
export const SOURCE_LANGUAGES = ['uk', 'en', 'ru'] as const;

const sourceSchema = new Schema(
  {
    /** Stable identifier used in URLs, reports and logs (`sumy-oda`, `kyiv-independent`). */
    key: { type: String, required: true, trim: true, match: /^[a-z0-9][a-z0-9-]*$/ },
    name: { type: String, required: true },
    /** Region key of an oblast administration's own channel; null for national outlets. */
    region: { type: String, default: null },
    /** Where to fetch; null only for a known source whose real address is not established (disabled). */
    url: { type: String, default: null },
    /** The format at `url`: a feed, or a public Telegram channel page (t.me/s/<handle>). */
    kind: { type: String, enum: SOURCE_KINDS, required: true },
    /** Telegram handle, kept so the URL can be rebuilt when the bridge setting changes. */
    handle: { type: String, default: null },
    language: { type: String, enum: SOURCE_LANGUAGES, required: true },
    /** Published by the administration itself (as opposed to a relay). */
    official: { type: Boolean, default: false },
    enabled: { type: Boolean, default: true },
    /** Validators from the last 200 response, sent back as If-None-Match / If-Modified-Since. */
    etag: { type: String, default: null },
    lastModified: { type: String, default: null },
    lastFetchedAt: { type: Date, default: null },
    lastSuccessAt: { type: Date, default: null },
    consecutiveFailures: { type: Number, default: 0, min: 0 },
    lastError: { type: String, default: null },
    /** Earliest time of the next fetch; pushed back after failures. */
    nextAttemptAt: { type: Date, default: null },
  },
  { collection: 'sources', timestamps: true },
);

sourceSchema.index({ key: 1 }, { unique: true });
sourceSchema.index({ enabled: 1, nextAttemptAt: 1 });

export type SourceFields = InferSchemaType<typeof sourceSchema>;
export type SourceDocument = HydratedDocument<SourceFields>;
export const Source = model('Source', sourceSchema);
