/**
 * A detected anomaly: a spike or a sustained rise in a region's (or community's) figures, a community
 * attacked again after a quiet month (new front), or a source that has gone silent.
 *
 * The unique index covers what makes two detections the same alert, so running detection twice updates
 * the existing alert instead of adding a second one, and a later revision of the tally behind it updates
 * its figures (keeping the earlier ones in `revisions`). Absent parts of the key (community, source,
 * metric) are stored as explicit nulls so that they take part in the uniqueness check.
 */
import { Schema, model } from 'mongoose';
import type { HydratedDocument, InferSchemaType } from 'mongoose';
import { DETECTION_KINDS } from '../domain/alerts/types.js';

export const ALERT_KINDS = DETECTION_KINDS;
/** `resolved`: a revision of the tally means the detection no longer holds. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'muted', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

const alertReportSchema = new Schema(
  {
    report: { type: Schema.Types.ObjectId, ref: 'Report', default: null },
    source: { type: String, required: true },
    url: { type: String, default: null },
  },
  { _id: false },
);

const alertRevisionSchema = new Schema(
  {
    revisedAt: { type: Date, required: true },
    /** The figures as they were before this revision. */
    value: { type: Number, default: null },
    baseline: { type: Number, default: null },
    threshold: { type: Number, default: null },
    explanation: { type: String, required: true },
    reason: { type: String, required: true },
  },
  { _id: false },
);

const alertSchema = new Schema(
  {
    kind: { type: String, enum: ALERT_KINDS, required: true },
    region: { type: String, default: null },
    /** KATOTTG code of the community, for a community-level alert. */
    community: { type: String, default: null },
    /** The Source `key`, for a silent source. */
    source: { type: String, default: null },
    /** Kyiv-local date the alert is about, `yyyy-MM-dd`. */
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    metric: { type: String, default: null },
    value: { type: Number, default: null },
    baseline: { type: Number, default: null },
    /** How far the baseline varies (1.4826 × MAD, or the fallback distribution's standard deviation). */
    spread: { type: Number, default: null },
    threshold: { type: Number, default: null },
    /** The detection rule that fired, with its parameters (`robust-z(28d) > 3.5`). */
    method: { type: String, required: true },
    /** A sentence a reader can act on. */
    explanation: { type: String, required: true },
    /** The reports behind the value. */
    reports: { type: [alertReportSchema], default: [] },
    status: { type: String, enum: ALERT_STATUSES, default: 'open' },
    acknowledgedAt: { type: Date, default: null },
    /** While in the future, this alert and later ones of the same series are not delivered. */
    mutedUntil: { type: Date, default: null },
    /** How many times a tally revision changed the figures; the earlier figures are in `revisions`. */
    revision: { type: Number, default: 0, min: 0 },
    revisions: { type: [alertRevisionSchema], default: [] },
    /** Channel keys whose deliveries already include this alert, so no channel gets it twice. */
    queuedFor: { type: [String], default: [] },
  },
  { collection: 'alerts', timestamps: true },
);

alertSchema.index({ kind: 1, region: 1, community: 1, source: 1, metric: 1, date: 1 }, { unique: true });
alertSchema.index({ status: 1, date: -1 });
alertSchema.index({ date: -1 });

export type AlertFields = InferSchemaType<typeof alertSchema>;
export type AlertDocument = HydratedDocument<AlertFields>;
export const Alert = model('Alert', alertSchema);
