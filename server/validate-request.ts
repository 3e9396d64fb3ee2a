/**
 * Validates a request's path parameters, query string and body against zod schemas, and turns every
 * failure into one 400 VALIDATION_FAILED that names the offending parameter and gives a stable reason
 * code (`invalid_date`, `unknown_region`, `range_inverted`, ...), so clients can branch on it.
 *
 * The app parses query strings with the 'simple' parser, so `region[$ne]=x` arrives as a key named
 * `region[$ne]`, and `region=a&region=b` as an array. Both are refused here before any schema sees them:
 * nothing operator-shaped can reach a database filter, and a parameter never silently takes one of two
 * values.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../lib/errors.js';

/** Where a parameter was read from. */
export type ParameterLocation = 'path' | 'query' | 'body';

/** One problem with one parameter, as listed in the error's `details.issues`. */
export interface ParameterIssue {
  parameter: string;
  in: ParameterLocation;
  /** Stable machine-readable reason; see docs/api.md for the list. */
  reason: string;
  message: string;
}

/** Keys that look like a MongoDB operator or a nested object (`a[$ne]`, `$where`, `a.b`). */
const OPERATOR_SHAPED_KEY = /[[\]$.]/;

function describeLocation(location: ParameterLocation): string {
  return location === 'path' ? 'path parameter' : location === 'query' ? 'query parameter' : 'body field';
}

/** Maps a zod issue code to the stable reason, unless the schema gave its own in `params.reason`. */
function reasonOf(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'custom') {
    const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
    return typeof reason === 'string' ? reason : 'invalid_value';
  }
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? 'required' : 'invalid_type';
    case 'invalid_value':
      return 'invalid_value';
    case 'invalid_format':
      return 'invalid_format';
    case 'too_big':
    case 'too_small':
      return 'out_of_range';
    case 'unrecognized_keys':
      return 'unknown_parameter';
    default:
      return 'invalid_value';
  }
}

function readPath(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Lists the issues of a failed parse, one per parameter (unknown keys get one issue each). */
export function toParameterIssues(
  error: z.ZodError,
  location: ParameterLocation,
  input: unknown,
): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          parameter: [...issue.path.map(String), key].join('.'),
          in: location,
          reason: 'unknown_parameter',
          message: `Unknown ${describeLocation(location)} "${key}".`,
        });
      }
      continue;
    }
    const parameter = issue.path.map(String).join('.') || '(root)';
    issues.push({
      parameter,
      in: location,
      reason: reasonOf(issue, readPath(input, issue.path)),
      message: issue.message,
    });
  }
  return issues;
}

/** The one error every validation failure becomes; its message names the first offending parameter. */
export function toValidationError(issues: readonly ParameterIssue[]): ValidationError {
  const first = issues[0];
  const message = first
    ? `Invalid ${describeLocation(first.in)} "${first.parameter}": ${first.message}`
    : 'The request is not valid.';
  return new ValidationError(message, { details: { issues } });
}

/** Refuses operator-shaped keys and repeated parameters before the schema runs. */
function findQueryShapeIssues(query: Record<string, unknown>): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (OPERATOR_SHAPED_KEY.test(key)) {
      issues.push({
        parameter: key,
        in: 'query',
        reason: 'operator_rejected',
        message: 'Parameter names may not contain "[", "]", "$" or ".".',
      });
    } else if (Array.isArray(value)) {
      issues.push({
        parameter: key,
        in: 'query',
        reason: 'repeated_parameter',
        message: 'Give this parameter once (several values go comma-separated in one parameter).',
      });
    }
  }
  return issues;
}

function parseWith<S extends z.ZodType>(schema: S, input: unknown, location: ParameterLocation): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw toValidationError(toParameterIssues(result.error, location, input));
  return result.data;
}

/** Validates `req.query`; throws the 400 ValidationError described above. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Request['query']): z.output<S> {
  const raw = query as Record<string, unknown>;
  const shapeIssues = findQueryShapeIssues(raw);
  if (shapeIssues.length > 0) throw toValidationError(shapeIssues);
  return parseWith(schema, raw, 'query');
}

/** Validates `req.params`. */
export function parseParams<S extends z.ZodType>(schema: S, params: Request['params']): z.output<S> {
  return parseWith(schema, params, 'path');
}

/** Validates `req.body`; a missing body counts as an empty object so that the schema names what is missing. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseWith(schema, body ?? {}, 'body');
}

/** The raw query string of a request (`a=1&b=2`), the input the query parser sees. */
function readRawQuery(req: Request): string {
  const url = req.originalUrl;
  const mark = url.indexOf('?');
  return mark === -1 ? '' : url.slice(mark + 1);
}

function freezeParsed<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const field of Object.values(value)) if (Array.isArray(field)) Object.freeze(field);
    Object.freeze(value);
  }
  return value;
}

/**
 * `parseQuery` for a hot route: remembers the result of each valid query string (up to `capacity` of
 * them, least recently used out first), so a repeated query is validated once. Parsing is a pure
 * function of the string: the app's 'simple' query parser turns equal strings into equal objects, and
 * the schemas read nothing else. Results are frozen since they are shared between requests. Invalid
 * queries are parsed every time and never remembered, so they cannot fill the memo.
 */
export function createQueryParser<S extends z.ZodType>(
  schema: S,
  capacity = 512,
): (req: Request) => Readonly<z.output<S>> {
  const remembered = new Map<string, z.output<S>>();
  return (req) => {
    const raw = readRawQuery(req);
    const known = remembered.get(raw);
    if (known !== undefined) {
      remembered.delete(raw);
      remembered.set(raw, known);
      return known;
    }
    const parsed = freezeParsed(parseQuery(schema, req.query));
    remembered.set(raw, parsed);
    if (remembered.size > capacity) {
      const oldest = remembered.keys().next();
      if (oldest.done !== true) remembered.delete(oldest.value);
    }
    return parsed;
  };
}
