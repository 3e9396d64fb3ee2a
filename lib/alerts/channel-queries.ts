/**
 * Channel administration behind the API. Secrets are write-only: a view says whether a channel has one,
 * never what it is, and shows the URL with its token-like path segments masked (a Slack webhook or a
 * Telegram bot URL is itself a credential).
 */
import type { Types } from 'mongoose';
import type { DetectionKind } from '../../domain/alerts/types.js';
import { AlertChannel } from '../../models/alert-channel.model.js';
import type { AlertChannelFields, PayloadKind } from '../../models/alert-channel.model.js';
import { AlertDelivery } from '../../models/alert-delivery.model.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';

type StoredChannel = AlertChannelFields & { _id: Types.ObjectId; createdAt?: Date; updatedAt?: Date };

export interface ChannelInput {
  key: string;
  url: string;
  payloadKind: PayloadKind;
  telegramChatId: string | null;
  secret: string | null;
  cooldownSeconds: number;
  enabled: boolean;
  regions: string[];
  kinds: DetectionKind[];
}

export interface ChannelView {
  key: string;
  url: string;
  payloadKind: string;
  telegramChatId: string | null;
  hasSecret: boolean;
  cooldownSeconds: number;
  enabled: boolean;
  regions: string[];
  kinds: string[];
  fromConfig: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

/** Masks path segments that look like tokens (long, or Telegram's `bot<token>`). */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname
      .split('/')
      .map((segment) => (/^bot\d+:/.test(segment) ? 'bot***' : segment.length >= 16 ? '***' : segment))
      .join('/');
    return `${parsed.origin}${path}`;
  } catch {
    return '***';
  }
}

function toChannelView(channel: StoredChannel): ChannelView {
  return {
    key: channel.key,
    url: maskUrl(channel.url),
    payloadKind: channel.payloadKind,
    telegramChatId: channel.telegramChatId ?? null,
    hasSecret: Boolean(channel.secret),
    cooldownSeconds: channel.cooldownSeconds,
    enabled: channel.enabled,
    regions: channel.regions,
    kinds: channel.kinds,
    fromConfig: channel.fromConfig,
    createdAt: channel.createdAt?.toISOString() ?? null,
    updatedAt: channel.updatedAt?.toISOString() ?? null,
  };
}

function assertTelegramChat(input: Pick<ChannelInput, 'payloadKind' | 'telegramChatId'>): void {
  if (input.payloadKind === 'telegram' && !input.telegramChatId) {
    throw new ValidationError('A telegram channel needs telegramChatId.', {
      details: {
        issues: [
          { parameter: 'telegramChatId', in: 'body', reason: 'required', message: 'Required for telegram.' },
        ],
      },
    });
  }
}

export async function listChannels(): Promise<ChannelView[]> {
  const channels = await AlertChannel.find({}).sort({ key: 1 }).lean<StoredChannel[]>();
  return channels.map(toChannelView);
}

async function findChannelOrThrow(key: string): Promise<StoredChannel> {
  const channel = await AlertChannel.findOne({ key }).lean<StoredChannel>();
  if (!channel) throw new NotFoundError(`No alert channel "${key}".`);
  return channel;
}

export async function readChannel(key: string): Promise<ChannelView> {
  return toChannelView(await findChannelOrThrow(key));
}

export async function createChannel(input: ChannelInput): Promise<ChannelView> {
  assertTelegramChat(input);
  if (await AlertChannel.exists({ key: input.key })) {
    throw new ConflictError(`An alert channel "${input.key}" exists already.`);
  }
  try {
    await AlertChannel.create({ ...input, fromConfig: false });
  } catch (error) {
    if ((error as { code?: unknown }).code === 11000) {
      throw new ConflictError(`An alert channel "${input.key}" exists already.`);
    }
    throw error;
  }
  return readChannel(input.key);
}

function refuseConfigChannel(channel: StoredChannel, action: string): void {
  if (channel.fromConfig) {
    throw new ConflictError(`The channel "${channel.key}" is defined in ALERT_CHANNELS: ${action} it there.`);
  }
}

export async function updateChannel(
  key: string,
  changes: Partial<Omit<ChannelInput, 'key'>>,
): Promise<ChannelView> {
  const channel = await findChannelOrThrow(key);
  refuseConfigChannel(channel, 'edit');
  assertTelegramChat({
    payloadKind: changes.payloadKind ?? channel.payloadKind,
    telegramChatId:
      changes.telegramChatId === undefined ? (channel.telegramChatId ?? null) : changes.telegramChatId,
  });
  await AlertChannel.updateOne({ key }, { $set: changes });
  return readChannel(key);
}

export async function deleteChannel(key: string): Promise<void> {
  const channel = await findChannelOrThrow(key);
  refuseConfigChannel(channel, 'remove');
  await AlertChannel.deleteOne({ key });
}

export async function listChannelDeliveries(key: string, limit: number) {
  await findChannelOrThrow(key);
  const deliveries = await AlertDelivery.find({ channel: key }).sort({ queuedAt: -1 }).limit(limit).lean();
  return deliveries.map((delivery) => ({
    id: String(delivery._id),
    channel: delivery.channel,
    alerts: delivery.alerts.map(String),
    payloadKind: delivery.payloadKind,
    idempotencyKey: delivery.idempotencyKey,
    status: delivery.status,
    queuedAt: delivery.queuedAt.toISOString(),
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    attempts: delivery.attempts.map((attempt) => ({
      at: attempt.at.toISOString(),
      statusCode: attempt.statusCode ?? null,
      error: attempt.error ?? null,
      durationMs: attempt.durationMs,
    })),
  }));
}
