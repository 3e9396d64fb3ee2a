/**
 * A detected anomaly: a spike in a region's (or community's) figures, or a source that has gone silent.
 * The unique index covers what makes two detections the same alert, so running detection twice updates
 * the existing alert instead of adding a second one. Absent parts of the key (community, source, metric)
 * are stored as explicit nulls so that they take part in the uniqueness check.
 */
import { Schema, model } from 'mongoose';
import type { HydratedDocument, InferSchemaType } from 'mongoose';

export const ALERT_KINDS = ['spike', 'silent_source'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

const deliveryAttemptSchema = new Schema(
  {
    at: { type: Date, required: true },
    /** Where it was sent (`webhook`, `email`, ...). */
    channel: { type: String, required: true },
    ok: { type: Boolean, required: true },
    error: { type: String, default: null },
  },
  { _id: false },
);

const alertSchema = new Schema(
  {
    kind: { type: String, enum: ALERT_KINDS, required: true },
    region: { type: String, default: null },
    /** KATOTTG code of the community, for a community-level spike. */
    community: { type: String, default: null },
    /** The Source `key`, for a silent source. */
    source: { type: String, default: null },
    /** Kyiv-local date the alert is about, `yyyy-MM-dd`. */
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    metric: { type: String, default: null },
    value: { type: Number, default: null },
    baseline: { type: Number, default: null },
    threshold: { type: Number, default: null },
    /** The detection rule that fired, with its parameters (`robust-z(28d) > 3.5`). */
    method: { type: String, required: true },
    /** A sentence a reader can act on. */
    explanation: { type: String, required: true },
    status: { type: String, enum: ALERT_STATUSES, default: 'open' },
    deliveryAttempts: { type: [deliveryAttemptSchema], default: [] },
  },
  { collection: 'alerts', timestamps: true },
);

alertSchema.index({ kind: 1, region: 1, community: 1, source: 1, metric: 1, date: 1 }, { unique: true });
alertSchema.index({ status: 1, date: -1 });

export type AlertFields = InferSchemaType<typeof alertSchema>;
export type AlertDocument = HydratedDocument<AlertFields>;
export const Alert = model('Alert', alertSchema);
