/**
 * Parses a request's query, path or body against a zod schema and turns every failure into one 400
 * VALIDATION_FAILED listing each offending parameter with a reason, so clients can tell what to fix.
 */
import type { z } from 'zod';
import { ValidationError } from '../errors.js';

export type InputLocation = 'path' | 'query' | 'body';

export interface InputIssue {
  parameter: string;
  in: InputLocation;
  reason: string;
  message: string;
}

function reasonOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'unknown_parameter';
    case 'too_big':
    case 'too_small':
      return 'out_of_range';
    case 'invalid_type':
      return 'invalid_type';
    default:
      return 'invalid_value';
  }
}

export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  location: InputLocation,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: InputIssue[] = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        parameter: key,
        in: location,
        reason: 'unknown_parameter',
        message: `"${key}" is not a known ${location} parameter.`,
      }));
    }
    // A query or path parameter is named as sent (`kind`, not `kind.0` for an item of its list).
    const path = location === 'body' ? issue.path : issue.path.slice(0, 1);
    const parameter = path.map(String).join('.') || `(${location})`;
    return [{ parameter, in: location, reason: reasonOf(issue), message: issue.message }];
  });
  const first = issues[0];
  throw new ValidationError(
    first ? `Invalid ${location} parameter "${first.parameter}": ${first.message}` : `Invalid ${location}.`,
    { details: { issues } },
  );
}
