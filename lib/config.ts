/**
 * The service's configuration: one zod schema over the environment, validated once at start-up.
 *
 * Every key has a doc comment, and `.env.example` mirrors this file. A bad value stops the process with a
 * message naming the variable and what is wrong with it, rather than failing later in some other module.
 * Empty values (`MONGODB_URI=` in a `.env` file) count as unset, so the default applies.
 */
import { resolve } from 'node:path';
import { config as readDotEnvFile } from 'dotenv';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { isValidSchedule } from '../jobs/scheduler.js';
import { ConfigError } from './errors.js';
import { LOG_LEVELS } from './logger.js';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be one of 1, 0, true, false, yes, no' })
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

function integer(min: number, max: number) {
  return z.coerce
    .number({ error: `must be an integer from ${min} to ${max}` })
    .int({ error: `must be an integer from ${min} to ${max}` })
    .min(min, { error: `must be an integer from ${min} to ${max}` })
    .max(max, { error: `must be an integer from ${min} to ${max}` });
}

function decimal(min: number, max: number) {
  return z.coerce
    .number({ error: `must be a number from ${min} to ${max}` })
    .min(min, { error: `must be a number from ${min} to ${max}` })
    .max(max, { error: `must be a number from ${min} to ${max}` });
}

/** A JSON value in a variable, parsed and then checked against `schema`. */
function jsonOf<T extends z.ZodType>(schema: T, example: string) {
  return z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: `must be JSON such as ${example}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const kyivTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:mm such as 11:00' });

/** Per-region overrides of the alert thresholds (the same names, without the ALERT_ prefix, in camelCase). */
const regionThresholdsSchema = z.record(
  z.string().regex(/^[a-z_]+$/, { error: 'region keys are lowercase (sumy, kharkiv, ...)' }),
  z
    .object({
      baselineDays: z.number().int().min(7).max(365),
      minBaselineDays: z.number().int().min(1).max(365),
      zThreshold: z.number().positive(),
      tailProbability: z.number().positive().max(0.5),
      minCount: z.number().min(0),
      minRatio: z.number().min(1),
      cusumAllowance: z.number().min(0),
      cusumLimit: z.number().positive(),
      cusumDays: z.number().int().min(2).max(60),
      newFrontQuietDays: z.number().int().min(1).max(365),
      newFrontMinCoverageDays: z.number().int().min(0).max(365),
      silentSourceBy: kyivTime,
      silentSourceUsualShare: z.number().min(0).max(1),
    })
    .partial()
    .strict(),
);

/** Webhook channels defined in config; synced into the alert_channels collection by key. */
const configChannelsSchema = z.array(
  z
    .object({
      key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
      url: z.url({ protocol: /^https?$/ }),
      payloadKind: z.enum(['generic', 'slack', 'telegram']).default('generic'),
      telegramChatId: z.string().min(1).nullable().default(null),
      secret: z.string().min(16).nullable().default(null),
      cooldownSeconds: z.number().int().min(0).default(0),
      enabled: z.boolean().default(true),
      regions: z.array(z.string()).default([]),
      kinds: z.array(z.enum(['spike', 'sustained_rise', 'new_front', 'silent_source'])).default([]),
    })
    .strict(),
);

const cronSchedule = z.string().refine(isValidSchedule, {
  error: 'must be a cron expression such as "*/10 * * * *" (minute hour day-of-month month day-of-week)',
});

export const configSchema = z
  .object({
    /** Runtime mode. `production` requires ADMIN_API_KEY. */
    NODE_ENV: z
      .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
      .default('development'),
    /** TCP port of the HTTP API. 0 picks a free port (tests). */
    PORT: integer(0, 65535).default(3000),
    /** Interface to bind. 127.0.0.1 keeps the API local; use 0.0.0.0 in a container. */
    HOST: z.string().min(1).default('127.0.0.1'),
    /**
     * Connection string of a real MongoDB (`mongodb://user:pass@host:27017/strikes`). When unset, the
     * service starts the embedded engine with its files in DATA_DIR.
     */
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, { error: 'must start with mongodb:// or mongodb+srv://' })
      .optional(),
    /**
     * Where the embedded engine keeps its journal and snapshots when MONGODB_URI is unset. Not `./data`:
     * that folder holds the project's static data files (sources, gazetteer).
     */
    DATA_DIR: z
      .string()
      .min(1)
      .default('./var/db')
      .transform((dir) => resolve(dir)),
    /**
     * Load the synthetic demo data set on start. The embedded store loads it anyway when it starts empty;
     * with MONGODB_URI set it is loaded only when this is on.
     */
    DEMO: booleanFlag.default(false),
    /** Minimum log level. */
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    /** IANA time zone in which report dates and windows are read and cron schedules run. */
    REPORT_TIMEZONE: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: 'must be an IANA time zone such as Europe/Kyiv',
      })
      .default('Europe/Kyiv'),
    /**
     * Key for the admin endpoints, sent as `Authorization: Bearer <key>`. At least 16 characters; required
     * in production. Without it the admin endpoints are disabled (403), never open.
     */
    ADMIN_API_KEY: z.string().min(16, { error: 'must be at least 16 characters long' }).optional(),
    /**
     * Base URL of an RSS bridge (RSSHub) through which the official Telegram channels are read as RSS:
     * a channel's feed is `<base>/telegram/channel/<handle>`.
     */
    RSS_BRIDGE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:1200' })
      .default('http://127.0.0.1:1200')
      .transform((url) => url.replace(/\/+$/, '')),
    /** The seed source list (JSON). Point it at your own copy to change feeds without editing the repository. */
    SOURCES_FILE: z
      .string()
      .min(1)
      .default('data/sources.json')
      .transform((file) => resolve(file)),
    /** How Telegram channels are read: through RSS_BRIDGE_URL, or from the public page t.me/s/<handle>. */
    TELEGRAM_SOURCE_MODE: z
      .enum(['rss-bridge', 'public-page'], { error: 'must be rss-bridge or public-page' })
      .default('rss-bridge'),
    /** Largest JSON request body accepted; larger bodies get a 413. */
    JSON_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, { error: 'must be a size such as 100kb or 1mb' })
      .default('100kb'),
    /** Longest date range, in days (both ends included), one API query may span. */
    API_MAX_RANGE_DAYS: integer(1, 20_000).default(1_096),
    /**
     * Origins allowed to call the API from a browser (CORS), comma-separated (`https://a.example,https://b.example`),
     * or `*` for any. Unset: no CORS headers, so browsers only allow same-origin calls.
     */
    CORS_ORIGINS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
      )
      .pipe(
        z.array(
          z.union([z.literal('*'), z.url({ protocol: /^https?$/ })], {
            error: 'must be * or comma-separated origins such as https://example.org',
          }),
        ),
      )
      .optional(),
    /** Requests one client IP may make to /api/v1 per minute; 0 turns the limit off. */
    API_RATE_LIMIT_PER_MINUTE: integer(0, 1_000_000).default(600),
    /**
     * Proxy hops in front of the service whose X-Forwarded-For is trusted, so the rate limit sees the
     * client's address rather than the proxy's. 0 when clients connect directly.
     */
    TRUST_PROXY_HOPS: integer(0, 10).default(0),
    /** `max-age` of the API's Cache-Control header. Responses also carry an ETag, so revalidation is cheap. */
    API_CACHE_MAX_AGE_SECONDS: integer(0, 86_400).default(0),
    /** Responses kept in the in-memory response cache (tallies and other read endpoints); 0 turns it off. */
    API_CACHE_ENTRIES: integer(0, 100_000).default(2_000),
    /** Connection attempts to MONGODB_URI at start-up before giving up. */
    DB_CONNECT_ATTEMPTS: integer(1, 100).default(10),
    /** Wait before the second attempt; it doubles after each failure, up to 15 seconds. */
    DB_CONNECT_BACKOFF_MS: integer(10, 60_000).default(500),
    /** Run the cron scheduler in this process. Turn off on API-only replicas. */
    SCHEDULER_ENABLED: booleanFlag.default(true),
    /** How long a job's lease lasts before another instance may take it over; renewed while the job runs. */
    JOB_LEASE_MS: integer(1_000, 24 * 3600_000).default(10 * 60_000),
    /** When the seed sources in data/sources.json are upserted again (they are also upserted on start). */
    SYNC_SOURCES_SCHEDULE: cronSchedule.default('17 */6 * * *'),
    /** When spike detection runs over the latest days of every region (it also runs after every ingest). */
    DETECT_ALERTS_SCHEDULE: cronSchedule.default('7,37 * * * *'),
    /** When due alert deliveries (first attempts held by a cooldown, and retries) are sent. */
    DELIVER_ALERTS_SCHEDULE: cronSchedule.default('* * * * *'),
    /** Trailing days of the spike baseline (missing days take no part in it). */
    ALERT_BASELINE_DAYS: integer(7, 365).default(28),
    /** Fewest reported days in the baseline for a spike to be judged at all. */
    ALERT_MIN_BASELINE_DAYS: integer(1, 365).default(14),
    /** Robust z-score (on the median and the MAD) a value must pass to be a spike. */
    ALERT_Z_THRESHOLD: decimal(1, 100).default(3.5),
    /** Upper-tail probability of the Poisson / negative-binomial quantile used when the MAD is 0. */
    ALERT_TAIL_PROBABILITY: decimal(1e-9, 0.5).default(0.0002),
    /** Smallest value that can alert, whatever its z-score. */
    ALERT_MIN_COUNT: decimal(0, 1e9).default(5),
    /** Smallest ratio of the value to the baseline median that can alert. */
    ALERT_MIN_RATIO: decimal(1, 1000).default(2),
    /** Sustained rise: the CUSUM allowance per day, in spreads above the reference level. */
    ALERT_CUSUM_K: decimal(0, 10).default(1),
    /** Sustained rise: the CUSUM decision limit, in spreads. */
    ALERT_CUSUM_H: decimal(0.1, 100).default(5),
    /** Sustained rise: the days the CUSUM runs over. */
    ALERT_CUSUM_DAYS: integer(2, 60).default(7),
    /** New front: days without an attack after which an attack on a community is reported. */
    ALERT_NEW_FRONT_QUIET_DAYS: integer(1, 365).default(30),
    /** New front: fewest days with a per-community breakdown among the quiet days. */
    ALERT_NEW_FRONT_MIN_COVERAGE_DAYS: integer(0, 365).default(20),
    /** Silent source: Kyiv time (HH:mm) by which a region's summary of the previous day normally arrives. */
    ALERT_SILENT_SOURCE_BY: kyivTime.default('11:00'),
    /** Silent source: share of the baseline days with a summary that makes it usual. */
    ALERT_SILENT_SOURCE_USUAL_SHARE: decimal(0, 1).default(0.8),
    /**
     * Per-region threshold overrides, JSON: `{"sumy":{"minCount":20,"zThreshold":4}}`. Names as in
     * docs/alerts.md (baselineDays, minBaselineDays, zThreshold, tailProbability, minCount, minRatio,
     * cusumAllowance, cusumLimit, cusumDays, newFrontQuietDays, newFrontMinCoverageDays, silentSourceBy,
     * silentSourceUsualShare).
     */
    ALERT_REGION_THRESHOLDS: jsonOf(regionThresholdsSchema, '{"sumy":{"minCount":20}}').default({}),
    /**
     * Webhook channels, JSON array: `[{"key":"newsroom","url":"https://hooks.slack.com/...",
     * "payloadKind":"slack","secret":"...","cooldownSeconds":900}]`. Synced by key; admins can add more
     * through the API.
     */
    ALERT_CHANNELS: jsonOf(configChannelsSchema, '[{"key":"ops","url":"https://example.org/hook"}]').default(
      [],
    ),
    /** Attempts per alert delivery before it is given up. */
    ALERT_DELIVERY_MAX_ATTEMPTS: integer(1, 50).default(6),
    /** Wait before the first retry of a failed delivery; it doubles after each failure, up to an hour. */
    ALERT_DELIVERY_BACKOFF_MS: integer(0, 3_600_000).default(30_000),
    /** Deadline of one webhook request. */
    ALERT_DELIVERY_TIMEOUT_MS: integer(100, 120_000).default(10_000),
    /**
     * Fetch sources (and webhook targets) on private, loopback and link-local addresses. Off by default so a
     * feed URL cannot reach internal services; the tests turn it on for their local feed server.
     */
    ALLOW_PRIVATE_SOURCES: booleanFlag.default(false),
    /** When the poll-sources job polls the sources that are due. */
    POLL_SOURCES_SCHEDULE: cronSchedule.default('*/5 * * * *'),
    /** How many sources one poll fetches at the same time. */
    POLL_CONCURRENCY: integer(1, 64).default(4),
    /** Deadline for one fetch, redirects and body included (a server that hangs mid-body is cut off too). */
    FETCH_TIMEOUT_MS: integer(100, 300_000).default(20_000),
    /** Largest response body read from a source, counted while it streams in. */
    FETCH_MAX_BYTES: integer(1_024, 100 * 1024 * 1024).default(5 * 1024 * 1024),
    /** Redirects followed per fetch; each target is checked by the outbound guard again. */
    FETCH_MAX_REDIRECTS: integer(0, 20).default(5),
    /** User-Agent sent with every fetch. */
    FETCH_USER_AGENT: z
      .string()
      .min(1)
      .default('strike-report-tracker/0.1 (+https://github.com/strike-report-tracker)'),
    /** Wait before retrying a source after its first failure; doubles per further failure, with jitter. */
    POLL_BACKOFF_BASE_MS: integer(1_000, 24 * 3600_000).default(5 * 60_000),
    /** Longest wait between retries of a failing source. */
    POLL_BACKOFF_MAX_MS: integer(1_000, 7 * 24 * 3600_000).default(6 * 3600_000),
    /** When the reextract job checks for reports extracted by an older extractor version. */
    REEXTRACT_SCHEDULE: cronSchedule.default('41 3 * * *'),
    /** Longest a graceful shutdown may take before the process exits anyway. */
    SHUTDOWN_TIMEOUT_MS: integer(100, 120_000).default(15_000),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.ADMIN_API_KEY === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['ADMIN_API_KEY'],
        message: 'is required when NODE_ENV is production',
      });
    }
  });

export type AppConfig = Readonly<z.output<typeof configSchema>>;

/** Variables whose values must never appear in a message. */
const SECRET_VARIABLES = new Set(['ADMIN_API_KEY', 'MONGODB_URI', 'ALERT_CHANNELS']);

function dropEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') present[key] = value.trim();
  }
  return present;
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string>): string {
  const variable = String(issue.path[0] ?? '(config)');
  const received = env[variable];
  const missing = received === undefined && issue.code === 'invalid_type';
  if (missing) return `${variable}: is required`;
  const shown = received === undefined || SECRET_VARIABLES.has(variable) ? '' : ` (got "${received}")`;
  return `${variable}: ${issue.message}${shown}`;
}

/** Validates an environment. Throws a ConfigError listing every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const present = dropEmptyValues(env);
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describeIssue(issue, present));
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`, {
      details: result.error.issues.map((issue) => ({ variable: issue.path[0], message: issue.message })),
    });
  }
  return Object.freeze(result.data);
}

export interface LoadConfigOptions {
  /** Path of a .env file to read when it exists (its values never override the real environment). */
  envFile?: string | false;
  env?: NodeJS.ProcessEnv;
}

/** Reads `.env` when present, then validates the environment once. */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  if (options.envFile !== false) {
    readDotEnvFile({
      path: options.envFile ?? resolve('.env'),
      quiet: true,
      processEnv: env,
    });
  }
  return parseConfig(env);
}
