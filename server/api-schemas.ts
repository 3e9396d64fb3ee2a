/**
 * The zod schemas of every API request: the routes validate with them and /openapi.json is generated
 * from them, so the documentation cannot drift from what the server accepts.
 *
 * Query values arrive as strings. Each field schema states its rule in its error message and gives a
 * stable reason code through `params.reason` where the generic zod code would say too little.
 */
import { z } from 'zod';
// The modules themselves, not the gazetteer's index: it also loads the mention finders, which the API does
// not use and which would lengthen the start.
import { getHromada } from '../domain/gazetteer/hromadas.js';
import { isRegionKey } from '../domain/gazetteer/regions.js';
import { countInclusiveDays, isCalendarDate } from '../domain/tallies/calendar-date.js';
import { SOURCE_KINDS, SOURCE_LANGUAGES } from '../models/source.model.js';
import { TALLY_WINDOWS } from '../models/tally.model.js';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A Kyiv-local calendar date, `YYYY-MM-DD`. */
export const dateSchema = z
  .string()
  .refine(isCalendarDate, {
    error: 'must be a calendar date YYYY-MM-DD',
    params: { reason: 'invalid_date' },
  })
  .meta({ format: 'date', example: '2026-03-28' });

function isKnownRegion(key: string): boolean {
  return isRegionKey(key);
}

/** One region key from the gazetteer (`sumy`, `kharkiv`, ...). */
export const regionKeySchema = z
  .string()
  .refine(isRegionKey, { error: 'is not a known region key', params: { reason: 'unknown_region' } })
  .meta({ example: 'sumy' });

/** One or more region keys, comma-separated (`sumy,kharkiv`); duplicates are dropped. */
export const regionListSchema = z
  .string()
  .meta({ description: 'Region keys, comma-separated', example: 'sumy,kharkiv' })
  .transform((value) => [...new Set(value.split(',').map((key) => key.trim()))])
  .superRefine((keys, context) => {
    if (keys.length > 30 || keys.some((key) => key === '')) {
      context.addIssue({
        code: 'custom',
        message: 'must be one to 30 region keys, comma-separated',
        params: { reason: 'invalid_format' },
      });
      return;
    }
    const unknown = keys.filter((key) => !isKnownRegion(key));
    if (unknown.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `unknown region ${unknown.map((key) => `"${key.slice(0, 40)}"`).join(', ')}`,
        params: { reason: 'unknown_region' },
      });
    }
  });

export const granularitySchema = z.enum(['day', 'week', 'month'], {
  error: 'must be day, week or month',
});
export const windowSchema = z.enum(TALLY_WINDOWS, { error: `must be one of ${TALLY_WINDOWS.join(', ')}` });

/** A KATOTTG hromada code known to the gazetteer. */
export const communityCodeSchema = z
  .string()
  .refine((code) => getHromada(code) !== undefined, {
    error: 'is not a known KATOTTG hromada code',
    params: { reason: 'unknown_community' },
  })
  .meta({ example: 'UA59020010000073043' });

function integerString(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/, { error: `must be an integer from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, {
      error: `must be an integer from ${min} to ${max}`,
      params: { reason: 'out_of_range' },
    });
}

export interface ApiLimits {
  /** The longest date range (inclusive days) a query may span. */
  maxRangeDays: number;
}

export interface DateRange {
  from: string;
  to: string;
}

/** Days from `from` to `to`, both included. */
export function countRangeDays(range: DateRange): number {
  return countInclusiveDays(range.from, range.to);
}

/** Adds the `from` ≤ `to` and longest-range checks to an object schema with `from` and `to`. */
function checkRange(range: Partial<DateRange>, context: z.RefinementCtx, limits: ApiLimits): void {
  // Only once both ends are valid dates: a bad date has its own issue already.
  if (range.from === undefined || range.to === undefined) return;
  if (!isCalendarDate(range.from) || !isCalendarDate(range.to)) return;
  if (range.from > range.to) {
    context.addIssue({
      code: 'custom',
      path: ['from'],
      message: `must not be after "to" (${range.to})`,
      params: { reason: 'range_inverted' },
    });
    return;
  }
  if (countRangeDays({ from: range.from, to: range.to }) > limits.maxRangeDays) {
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range may span at most ${limits.maxRangeDays} days`,
      params: { reason: 'range_too_long' },
    });
  }
}

export const BRIEFING_FORMATS = ['json', 'csv', 'md', 'html', 'pdf'] as const;
export type BriefingFormat = (typeof BRIEFING_FORMATS)[number];

const sourceKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'must be lowercase letters, digits and dashes' })
  .meta({ example: 'sumy-oda' });

const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);

/** Builds every request schema for the given limits. */
export function buildApiSchemas(limits: ApiLimits) {
  const rangeQuery = { from: dateSchema, to: dateSchema };

  return {
    regionsQuery: z.strictObject({}),
    talliesQuery: z
      .strictObject({
        region: regionListSchema,
        ...rangeQuery,
        granularity: granularitySchema.default('day'),
        window: windowSchema.default('total'),
      })
      .superRefine((query, context) => checkRange(query, context, limits)),
    dayParams: z.strictObject({ region: regionKeySchema, date: dateSchema }),
    dayQuery: z.strictObject({}),
    communitiesQuery: z
      .strictObject({
        region: regionKeySchema.optional(),
        ...rangeQuery,
        sort: z
          .enum(['attacks', 'explosions'], { error: 'must be attacks or explosions' })
          .default('attacks'),
        limit: integerString(1, 500).default(50),
      })
      .superRefine((query, context) => checkRange(query, context, limits)),
    communityParams: z.strictObject({ code: communityCodeSchema }),
    communityTalliesQuery: z
      .strictObject(rangeQuery)
      .superRefine((query, context) => checkRange(query, context, limits)),
    reportsQuery: z.strictObject({
      region: regionKeySchema.optional(),
      date: dateSchema.optional(),
      source: sourceKeySchema.optional(),
      cursor: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: 'is not a cursor this API issued' })
        .optional(),
      limit: integerString(1, 200).default(50),
    }),
    briefingParams: z.strictObject({ date: dateSchema }),
    briefingQuery: z.strictObject({
      format: z
        .enum(BRIEFING_FORMATS, { error: `must be one of ${BRIEFING_FORMATS.join(', ')}` })
        .default('json'),
    }),
    sourcesQuery: z.strictObject({}),
    sourceParams: z.strictObject({ key: sourceKeySchema }),
    sourceCreateBody: z.strictObject({
      key: sourceKeySchema,
      name: z.string().trim().min(1).max(200),
      region: regionKeySchema.nullable().default(null),
      url: httpUrlSchema,
      kind: z.enum(SOURCE_KINDS, { error: `must be one of ${SOURCE_KINDS.join(', ')}` }),
      language: z.enum(SOURCE_LANGUAGES, { error: `must be one of ${SOURCE_LANGUAGES.join(', ')}` }),
      official: z.boolean().default(false),
      enabled: z.boolean().default(true),
    }),
    sourceUpdateBody: z
      .strictObject({
        name: z.string().trim().min(1).max(200).optional(),
        region: regionKeySchema.nullable().optional(),
        url: httpUrlSchema.optional(),
        kind: z.enum(SOURCE_KINDS, { error: `must be one of ${SOURCE_KINDS.join(', ')}` }).optional(),
        language: z
          .enum(SOURCE_LANGUAGES, { error: `must be one of ${SOURCE_LANGUAGES.join(', ')}` })
          .optional(),
        official: z.boolean().optional(),
        enabled: z.boolean().optional(),
      })
      .refine((body) => Object.keys(body).length > 0, {
        error: 'give at least one field to change',
        params: { reason: 'required' },
      }),
    jobParams: z.strictObject({
      name: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'must be a job name such as poll-sources' }),
    }),
  };
}

export type ApiSchemas = ReturnType<typeof buildApiSchemas>;
