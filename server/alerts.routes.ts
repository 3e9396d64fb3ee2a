/**
 * `/api/v1/alerts`: the alert list with its filters (public), one alert, and the admin actions
 * acknowledge and mute. Handlers validate, call the query functions, and shape the response.
 */
import { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isRegionKey } from '../domain/gazetteer/regions.js';
import { acknowledgeAlert, listAlerts, muteAlert, readAlert } from '../lib/alerts/alert-queries.js';
import { ALERT_KINDS, ALERT_STATUSES } from '../models/alert.model.js';
import { requireAdmin } from './admin-auth.js';
import { parseBody, parseParams, parseQuery } from './validate-request.js';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;
const DEFAULT_MUTE_HOURS = 24;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
  .refine((date) => DateTime.fromISO(date).isValid, { error: 'is not a calendar date' });

/** A comma-separated list of allowed values; a bad item is reported against the parameter itself. */
function commaList<T extends string>(allowed: (item: string) => item is T, what: string) {
  return z.string().transform((text, context): T[] => {
    const items = text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const bad = items.filter((item) => !allowed(item));
    if (items.length === 0 || bad.length > 0) {
      context.addIssue({
        code: 'custom',
        message:
          items.length === 0
            ? `must list ${what}`
            : `${bad.map((item) => `"${item}"`).join(', ')}: not ${what}`,
      });
      return z.NEVER;
    }
    return items as T[];
  });
}

const isKind = (item: string): item is (typeof ALERT_KINDS)[number] =>
  (ALERT_KINDS as readonly string[]).includes(item);
const isStatus = (item: string): item is (typeof ALERT_STATUSES)[number] =>
  (ALERT_STATUSES as readonly string[]).includes(item);

export const listQuerySchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    region: commaList(isRegionKey, 'known region keys').optional(),
    kind: commaList(isKind, `alert kinds (${ALERT_KINDS.join(', ')})`).optional(),
    status: commaList(isStatus, `alert statuses (${ALERT_STATUSES.join(', ')})`).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: 'from must not be after to',
    path: ['from'],
  });

export const idSchema = z.object({ id: z.string().min(1) });

export const muteBodySchema = z
  .object({
    /** ISO 8601 instant. */
    until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
    hours: z
      .number()
      .positive()
      .max(24 * 365)
      .optional(),
  })
  .strict()
  .refine((body) => body.until === undefined || body.hours === undefined, {
    error: 'give until or hours, not both',
    path: ['until'],
  });

export interface AlertsRouterDeps {
  adminApiKey: string | undefined;
  now?: () => Date;
}

export function createAlertsRouter(deps: AlertsRouterDeps): Router {
  const router = Router();
  const admin = requireAdmin(deps.adminApiKey);
  const now = deps.now ?? (() => new Date());

  router.get('/alerts', async (req, res) => {
    const query = parseQuery(listQuerySchema, req.query);
    const alerts = await listAlerts({
      from: query.from,
      to: query.to,
      regions: query.region,
      kinds: query.kind,
      statuses: query.status,
      limit: query.limit,
    });
    res.json({ alerts });
  });

  router.get('/alerts/:id', async (req, res) => {
    const { id } = parseParams(idSchema, req.params);
    res.json({ alert: await readAlert(id) });
  });

  router.post('/alerts/:id/ack', admin, async (req, res) => {
    const { id } = parseParams(idSchema, req.params);
    res.json({ alert: await acknowledgeAlert(id, now()) });
  });

  router.post('/alerts/:id/mute', admin, async (req, res) => {
    const { id } = parseParams(idSchema, req.params);
    const body = parseBody(muteBodySchema, req.body);
    const at = now();
    const until = body.until
      ? new Date(body.until)
      : new Date(at.getTime() + (body.hours ?? DEFAULT_MUTE_HOURS) * 3_600_000);
    res.json({ alert: await muteAlert(id, until, at) });
  });

  return router;
}
