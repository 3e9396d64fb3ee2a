/**
 * A command's `let`: named constants that its filter (`$expr`), pipeline or pipeline update reads as
 * `$$name`. As on mongod, each value is an aggregation expression evaluated once, before the command runs,
 * against no document (so `{$literal: '$x'}` is the string `'$x'` and `'$$NOW'` the command's time).
 */
import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { CommandError } from '../errors.js';
import { isPlainObject } from '../storage/path-values.js';
import { createMingoOptions } from './mingo-options.js';

/** A variable name mongod accepts: a lowercase or non-ASCII first letter, then letters, digits or `_`. */
const VARIABLE_NAME = /^[a-z\u0080-\uffff][\w\u0080-\uffff]*$/;

/** Evaluates `let` (or an update statement's `c`); undefined when the command has none. */
export function evaluateLet(value: unknown, field = 'let'): Document | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected type 'object'`);
  }
  const variables: Document = {};
  for (const [name, expression] of Object.entries(value)) {
    if (!VARIABLE_NAME.test(name)) {
      throw new CommandError(
        'Location16870',
        `'${name}' starts with an invalid character for a user variable name`,
      );
    }
    try {
      variables[name] = evalExpr({}, expression as unknown, createMingoOptions());
    } catch (error) {
      throw new CommandError('BadValue', error instanceof Error ? error.message : String(error));
    }
  }
  return variables;
}

/** The variables of an update statement: the command's `let` and the statement's own constants `c`. */
export function mergeVariables(
  outer: Document | undefined,
  inner: Document | undefined,
): Document | undefined {
  if (!inner) return outer;
  return outer ? { ...outer, ...inner } : inner;
}
