/**
 * Alert delivery to webhook channels. A pass (1) syncs the channels listed in ALERT_CHANNELS, (2) applies
 * active mutes, (3) groups, per channel, the open alerts it has not had yet into one delivery, unless the
 * channel's cooldown since its last delivery is still running (they then wait, and go out together
 * later), and (4) attempts every delivery that is due. A failed attempt is recorded and retried with
 * exponential backoff until ALERT_DELIVERY_MAX_ATTEMPTS, then the delivery is given up.
 */
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { buildPayload } from '../../domain/alerts/format-payloads.js';
import { AlertChannel } from '../../models/alert-channel.model.js';
import type { AlertChannelFields } from '../../models/alert-channel.model.js';
import { AlertDelivery } from '../../models/alert-delivery.model.js';
import type { AlertDeliveryFields } from '../../models/alert-delivery.model.js';
import { Alert } from '../../models/alert.model.js';
import type { AppConfig } from '../config.js';
import { toAlertView } from './alert-view.js';
import type { StoredAlert } from './alert-view.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from './webhook-signature.js';

/** Sends one webhook request; resolves with the response status, rejects when there was no response. */
export type WebhookPoster = (
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number; signal?: AbortSignal },
) => Promise<{ status: number }>;

export type DeliveryConfig = Pick<
  AppConfig,
  'ALERT_CHANNELS' | 'ALERT_DELIVERY_MAX_ATTEMPTS' | 'ALERT_DELIVERY_BACKOFF_MS' | 'ALERT_DELIVERY_TIMEOUT_MS'
>;

export interface DeliveryDeps {
  config: DeliveryConfig;
  now: Date;
  post: WebhookPoster;
  signal?: AbortSignal;
}

export interface DeliverySummary {
  queued: number;
  held: number;
  delivered: number;
  retrying: number;
  givenUp: number;
}

const MAX_BACKOFF_MS = 3_600_000;
const USER_AGENT = 'strike-report-tracker-alerts/0.1';

type StoredChannel = AlertChannelFields & { _id: Types.ObjectId; createdAt?: Date };
type StoredDelivery = AlertDeliveryFields & { _id: Types.ObjectId };

/** Upserts the config's channels by key; returns how many there are. */
export async function syncConfigChannels(config: Pick<AppConfig, 'ALERT_CHANNELS'>): Promise<number> {
  if (config.ALERT_CHANNELS.length === 0) return 0;
  await AlertChannel.bulkWrite(
    config.ALERT_CHANNELS.map((channel) => ({
      updateOne: {
        filter: { key: channel.key },
        update: { $set: { ...channel, fromConfig: true } },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  return config.ALERT_CHANNELS.length;
}

/** A muted alert holds back the open alerts of its series until its mute ends. */
async function applyMutes(now: Date): Promise<void> {
  const mutes = await Alert.find(
    { mutedUntil: { $gt: now } },
    { kind: 1, region: 1, community: 1, source: 1, metric: 1, mutedUntil: 1 },
  ).lean();
  for (const mute of mutes) {
    await Alert.updateMany(
      {
        kind: mute.kind,
        region: mute.region,
        community: mute.community,
        source: mute.source,
        metric: mute.metric,
        status: 'open',
      },
      { $set: { status: 'muted', mutedUntil: mute.mutedUntil } },
    );
  }
}

function idempotencyKeyOf(channel: string, alerts: readonly Types.ObjectId[]): string {
  const ids = alerts.map(String).sort().join(',');
  return createHash('sha256').update(`${channel}|${ids}`).digest('hex').slice(0, 40);
}

async function queueForChannel(channel: StoredChannel, now: Date): Promise<'queued' | 'held' | 'none'> {
  const filter: Record<string, unknown> = { status: 'open', queuedFor: { $ne: channel.key } };
  if (channel.createdAt) filter.createdAt = { $gte: channel.createdAt };
  if (channel.regions.length > 0) filter.region = { $in: channel.regions };
  if (channel.kinds.length > 0) filter.kind = { $in: channel.kinds };
  const candidates = await Alert.find(filter, { _id: 1 }).sort({ date: 1, _id: 1 }).lean();
  if (candidates.length === 0) return 'none';

  const last = await AlertDelivery.findOne({ channel: channel.key }, { queuedAt: 1 })
    .sort({ queuedAt: -1 })
    .lean();
  if (last && now.getTime() - last.queuedAt.getTime() < channel.cooldownSeconds * 1000) return 'held';

  // Claim each alert for this channel atomically, so that two passes running at once never both send it.
  const claimed: Types.ObjectId[] = [];
  for (const { _id } of candidates) {
    const result = await Alert.updateOne(
      { _id, queuedFor: { $ne: channel.key } },
      { $addToSet: { queuedFor: channel.key } },
    );
    if (result.modifiedCount === 1) claimed.push(_id);
  }
  if (claimed.length === 0) return 'none';
  await AlertDelivery.create({
    channel: channel.key,
    alerts: claimed,
    payloadKind: channel.payloadKind,
    idempotencyKey: idempotencyKeyOf(channel.key, claimed),
    status: 'pending',
    queuedAt: now,
    nextAttemptAt: now,
  });
  return 'queued';
}

/** Groups the pending alerts of each enabled channel into deliveries. */
export async function queueDeliveries(now: Date): Promise<{ queued: number; held: number }> {
  await applyMutes(now);
  const channels = await AlertChannel.find({ enabled: true }).sort({ key: 1 }).lean<StoredChannel[]>();
  let queued = 0;
  let held = 0;
  for (const channel of channels) {
    const outcome = await queueForChannel(channel, now);
    if (outcome === 'queued') queued++;
    if (outcome === 'held') held++;
  }
  return { queued, held };
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

function backoffMs(config: DeliveryConfig, attempts: number): number {
  return Math.min(config.ALERT_DELIVERY_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
}

async function attemptDelivery(
  delivery: StoredDelivery,
  deps: DeliveryDeps,
): Promise<'delivered' | 'retrying' | 'given_up'> {
  const { config, now } = deps;
  const channel = await AlertChannel.findOne({ key: delivery.channel }).lean<StoredChannel>();
  const attemptNumber = delivery.attempts.length + 1;
  let statusCode: number | null = null;
  let error: string | null = null;
  const started = Date.now();

  if (!channel || !channel.enabled) {
    error = channel ? 'the channel is disabled' : 'the channel was deleted';
  } else {
    const alerts = await Alert.find({ _id: { $in: delivery.alerts } })
      .sort({ date: 1, _id: 1 })
      .lean<StoredAlert[]>();
    const payload = buildPayload(alerts.map(toAlertView), {
      kind: delivery.payloadKind,
      idempotencyKey: delivery.idempotencyKey,
      sentAt: delivery.queuedAt.toISOString(),
      telegramChatId: channel.telegramChatId ?? null,
    });
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': USER_AGENT,
      [IDEMPOTENCY_HEADER]: delivery.idempotencyKey,
      [TIMESTAMP_HEADER]: timestamp,
    };
    if (channel.secret) headers[SIGNATURE_HEADER] = signPayload(channel.secret, timestamp, body);
    try {
      const response = await deps.post(channel.url, {
        headers,
        body,
        timeoutMs: config.ALERT_DELIVERY_TIMEOUT_MS,
        signal: deps.signal,
      });
      statusCode = response.status;
      if (response.status < 200 || response.status >= 300)
        error = `the receiver answered HTTP ${response.status}`;
    } catch (failure) {
      error = describeFailure(failure);
    }
  }

  const attempt = { at: now, statusCode, error, durationMs: Math.max(0, Date.now() - started) };
  const delivered = error === null;
  const givenUp =
    !delivered && (attemptNumber >= config.ALERT_DELIVERY_MAX_ATTEMPTS || !channel || !channel.enabled);
  const status = delivered ? 'delivered' : givenUp ? 'given_up' : 'retrying';
  await AlertDelivery.updateOne(
    { _id: delivery._id },
    {
      $push: { attempts: attempt },
      $set: {
        status,
        nextAttemptAt:
          status === 'retrying' ? new Date(now.getTime() + backoffMs(config, attemptNumber)) : null,
        deliveredAt: delivered ? now : null,
      },
    },
  );
  return status;
}

/** Attempts every delivery that is due, each claimed first so that no two passes send it at once. */
export async function attemptDueDeliveries(
  deps: DeliveryDeps,
): Promise<Pick<DeliverySummary, 'delivered' | 'retrying' | 'givenUp'>> {
  const { now, config } = deps;
  const summary = { delivered: 0, retrying: 0, givenUp: 0 };
  const due = await AlertDelivery.find(
    { status: { $in: ['pending', 'retrying'] }, nextAttemptAt: { $lte: now } },
    { _id: 1, nextAttemptAt: 1 },
  )
    .sort({ nextAttemptAt: 1 })
    .lean();
  for (const { _id, nextAttemptAt } of due) {
    if (deps.signal?.aborted) break;
    // Push the due time past the request's deadline: a pass that dies mid-attempt leaves it due again later.
    const claimed = await AlertDelivery.findOneAndUpdate(
      { _id, nextAttemptAt, status: { $in: ['pending', 'retrying'] } },
      { $set: { nextAttemptAt: new Date(now.getTime() + 2 * config.ALERT_DELIVERY_TIMEOUT_MS) } },
      { returnDocument: 'after', lean: true },
    );
    if (!claimed) continue;
    const outcome = await attemptDelivery(claimed, deps);
    if (outcome === 'delivered') summary.delivered++;
    else if (outcome === 'retrying') summary.retrying++;
    else summary.givenUp++;
  }
  return summary;
}

/** One delivery pass: sync config channels, queue, attempt what is due. */
export async function deliverAlerts(deps: DeliveryDeps): Promise<DeliverySummary> {
  await syncConfigChannels(deps.config);
  const queued = await queueDeliveries(deps.now);
  const attempted = await attemptDueDeliveries(deps);
  return { ...queued, ...attempted };
}
