/**
 * `/api/v1/alert-channels` (admin): create, list, read, change and delete webhook channels, and read a
 * channel's deliveries with every attempt. A channel URL must pass the outbound guard's checks (http or
 * https; no private, loopback or link-local IP literal unless ALLOW_PRIVATE_SOURCES); names are checked
 * again after DNS when a delivery connects.
 */
import { Router } from 'express';
import { z } from 'zod';
import {
  createChannel,
  deleteChannel,
  listChannelDeliveries,
  listChannels,
  readChannel,
  updateChannel,
} from '../lib/alerts/channel-queries.js';
import type { OutboundGuard } from '../lib/outbound-guard.js';
import { PAYLOAD_KINDS } from '../models/alert-channel.model.js';
import { ALERT_KINDS } from '../models/alert.model.js';
import { requireAdmin } from './admin-auth.js';
import { parseBody, parseParams, parseQuery } from './validate-request.js';

const channelFields = {
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  payloadKind: z.enum(PAYLOAD_KINDS, { error: `must be one of ${PAYLOAD_KINDS.join(', ')}` }),
  telegramChatId: z.string().min(1).max(200).nullable(),
  secret: z.string().min(16, { error: 'must be at least 16 characters' }).max(500).nullable(),
  cooldownSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600),
  enabled: z.boolean(),
  regions: z.array(z.string().regex(/^[a-z_]+$/)).max(50),
  kinds: z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length),
};

export const createSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'must be lowercase letters, digits and dashes' }),
    url: channelFields.url,
    payloadKind: channelFields.payloadKind.default('generic'),
    telegramChatId: channelFields.telegramChatId.default(null),
    secret: channelFields.secret.default(null),
    cooldownSeconds: channelFields.cooldownSeconds.default(0),
    enabled: channelFields.enabled.default(true),
    regions: channelFields.regions.default([]),
    kinds: channelFields.kinds.default([]),
  })
  .strict();

export const patchSchema = z
  .object(channelFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { error: 'give at least one field to change' });

export const keySchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'is not a channel key' }),
});
export const deliveriesQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(50) })
  .strict();

export interface AlertChannelsRouterDeps {
  adminApiKey: string | undefined;
  /** Checks channel URLs when they are set. */
  guard: OutboundGuard;
}

export function createAlertChannelsRouter(deps: AlertChannelsRouterDeps): Router {
  const router = Router();
  router.use('/alert-channels', requireAdmin(deps.adminApiKey));

  router.get('/alert-channels', async (_req, res) => {
    res.json({ channels: await listChannels() });
  });

  router.post('/alert-channels', async (req, res) => {
    const body = parseBody(createSchema, req.body);
    deps.guard.assertAllowedUrl(body.url);
    res.status(201).json({ channel: await createChannel(body) });
  });

  router.get('/alert-channels/:key', async (req, res) => {
    const { key } = parseParams(keySchema, req.params);
    res.json({ channel: await readChannel(key) });
  });

  router.patch('/alert-channels/:key', async (req, res) => {
    const { key } = parseParams(keySchema, req.params);
    const changes = parseBody(patchSchema, req.body);
    if (changes.url !== undefined) deps.guard.assertAllowedUrl(changes.url);
    res.json({ channel: await updateChannel(key, changes) });
  });

  router.delete('/alert-channels/:key', async (req, res) => {
    const { key } = parseParams(keySchema, req.params);
    await deleteChannel(key);
    res.status(204).end();
  });

  router.get('/alert-channels/:key/deliveries', async (req, res) => {
    const { key } = parseParams(keySchema, req.params);
    const { limit } = parseQuery(deliveriesQuerySchema, req.query);
    res.json({ deliveries: await listChannelDeliveries(key, limit) });
  });

  return router;
}
