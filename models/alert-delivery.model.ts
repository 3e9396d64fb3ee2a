/**
 * One message to one channel, carrying one or more alerts (those of one run, or those held back by the
 * channel's cooldown). Every attempt is recorded; a failed one is retried with exponential backoff until
 * it succeeds or the attempts run out (`given_up`). The idempotency key is sent with every attempt, so a
 * receiver that got a message whose response was lost can drop the retry.
 */
import { Schema, model } from 'mongoose';
import type { HydratedDocument, InferSchemaType } from 'mongoose';
import { PAYLOAD_KINDS } from './alert-channel.model.js';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'given_up'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const attemptSchema = new Schema(
  {
    at: { type: Date, required: true },
    /** The HTTP status of the response; null when there was none (refused URL, timeout, network error). */
    statusCode: { type: Number, default: null },
    error: { type: String, default: null },
    durationMs: { type: Number, required: true, min: 0 },
  },
  { _id: false },
);

const alertDeliverySchema = new Schema(
  {
    /** The AlertChannel `key`. */
    channel: { type: String, required: true },
    alerts: { type: [{ type: Schema.Types.ObjectId, ref: 'Alert' }], required: true },
    payloadKind: { type: String, enum: PAYLOAD_KINDS, required: true },
    idempotencyKey: { type: String, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, default: 'pending' },
    /** When the run that grouped the alerts created it (by the job's clock); the channel's cooldown counts from here. */
    queuedAt: { type: Date, required: true },
    attempts: { type: [attemptSchema], default: [] },
    /** When the next attempt is due; null once delivered or given up. */
    nextAttemptAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
  },
  { collection: 'alert_deliveries', timestamps: true },
);

alertDeliverySchema.index({ idempotencyKey: 1 }, { unique: true });
alertDeliverySchema.index({ status: 1, nextAttemptAt: 1 });
alertDeliverySchema.index({ channel: 1, createdAt: -1 });
alertDeliverySchema.index({ alerts: 1 });

export type AlertDeliveryFields = InferSchemaType<typeof alertDeliverySchema>;
export type AlertDeliveryDocument = HydratedDocument<AlertDeliveryFields>;
export const AlertDelivery = model('AlertDelivery', alertDeliverySchema);
