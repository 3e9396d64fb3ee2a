/**
 * `/api/v1/alerts`: the alert list with its filters (public), one alert, and the admin actions
 * acknowledge and mute. Handlers validate, call the query functions, and shape the response.
 */
import { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isRegionKey } from '../domain/gazetteer/regions.js';
import { acknowledgeAlert, listAlerts, muteAlert, readAlert } from '../lib/alerts/alert-queries.js';
import { parseInput } from '../lib/alerts/parse-input.js';
import { ALERT_KINDS, ALERT_STATUSES } from '../models/alert.model.js';
import { requireAdmin } from './admin-auth.js';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;
const DEFAULT_MUTE_HOURS = 24;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
  .refine((date) => DateTime.fromISO(date).isValid, { error: 'is not a calendar date' });

/** A comma-separated list whose every item must pass `item`. */
function commaList<T extends z.ZodType<string, string>>(item: T, what: string) {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(item, { error: `must be a comma-separated list of ${what}` })
        .min(1, { error: 'must not be empty' }),
    );
}

const listQuerySchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    region: commaList(
      z.string().refine(isRegionKey, { error: 'is not a known region key' }),
      'region keys',
    ).optional(),
    kind: commaList(
      z.enum(ALERT_KINDS, { error: `must be one of ${ALERT_KINDS.join(', ')}` }),
      'kinds',
    ).optional(),
    status: commaList(
      z.enum(ALERT_STATUSES, { error: `must be one of ${ALERT_STATUSES.join(', ')}` }),
      'statuses',
    ).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: 'from must not be after to',
    path: ['from'],
  });

const idSchema = z.object({ id: z.string().min(1) });

const muteBodySchema = z
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
    const query = parseInput(listQuerySchema, req.query, 'query');
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
    const { id } = parseInput(idSchema, req.params, 'path');
    res.json({ alert: await readAlert(id) });
  });

  router.post('/alerts/:id/ack', admin, async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'path');
    res.json({ alert: await acknowledgeAlert(id, now()) });
  });

  router.post('/alerts/:id/mute', admin, async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'path');
    const body = parseInput(muteBodySchema, req.body ?? {}, 'body');
    const at = now();
    const until = body.until
      ? new Date(body.until)
      : new Date(at.getTime() + (body.hours ?? DEFAULT_MUTE_HOURS) * 3_600_000);
    res.json({ alert: await muteAlert(id, until, at) });
  });

  return router;
}
