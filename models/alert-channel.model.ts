/**
 * A webhook that alerts are delivered to. An admin creates channels through the API, or lists them in
 * ALERT_CHANNELS (those are synced by key and marked `fromConfig`). The secret signs every payload
 * (HMAC-SHA256) and is never returned by the API.
 */
import { Schema, model } from 'mongoose';
import type { HydratedDocument, InferSchemaType } from 'mongoose';
import { ALERT_KINDS } from './alert.model.js';

export const PAYLOAD_KINDS = ['generic', 'slack', 'telegram'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

const alertChannelSchema = new Schema(
  {
    key: { type: String, required: true, trim: true, match: /^[a-z0-9][a-z0-9-]*$/ },
    /** Where to POST: any webhook, a Slack incoming webhook, or `https://api.telegram.org/bot<token>/sendMessage`. */
    url: { type: String, required: true },
    payloadKind: { type: String, enum: PAYLOAD_KINDS, required: true, default: 'generic' },
    /** The Telegram chat to send to (`@channel` or a numeric id); telegram payloads only. */
    telegramChatId: { type: String, default: null },
    /** Key of the HMAC-SHA256 signature header; null sends unsigned. */
    secret: { type: String, default: null },
    /** After a delivery, new alerts wait this long and then go out together in one message. */
    cooldownSeconds: { type: Number, default: 0, min: 0 },
    enabled: { type: Boolean, default: true },
    /** Only alerts of these regions / kinds; empty means all. */
    regions: { type: [String], default: [] },
    kinds: { type: [{ type: String, enum: ALERT_KINDS }], default: [] },
    /** Created from ALERT_CHANNELS rather than through the API. */
    fromConfig: { type: Boolean, default: false },
  },
  { collection: 'alert_channels', timestamps: true },
);

alertChannelSchema.index({ key: 1 }, { unique: true });

export type AlertChannelFields = InferSchemaType<typeof alertChannelSchema>;
export type AlertChannelDocument = HydratedDocument<AlertChannelFields>;
export const AlertChannel = model('AlertChannel', alertChannelSchema);
