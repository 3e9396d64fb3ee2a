/**
 * The comparison expressions (`$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$cmp`) under the command's
 * collation, as mongod evaluates them inside `$expr`, `$project` or `$cond`: two strings compare with the
 * collation's collator, anything else as mingo compares it.
 */
import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { collationOfSpec } from '../collation.js';

type ExpressionOperator = (obj: unknown, expr: unknown, options: Options) => unknown;

const RESULTS: Record<string, (order: number) => unknown> = {
  $eq: (order) => order === 0,
  $ne: (order) => order !== 0,
  $gt: (order) => order > 0,
  $gte: (order) => order >= 0,
  $lt: (order) => order < 0,
  $lte: (order) => order <= 0,
  $cmp: (order) => Math.sign(order),
};

/** Wraps mingo's comparison expressions; without a collation they run unchanged. */
export function createCollatedComparisons(base: Record<string, unknown>): Record<string, ExpressionOperator> {
  const operators: Record<string, ExpressionOperator> = {};
  for (const [name, result] of Object.entries(RESULTS)) {
    const mingoOperator = base[name] as ExpressionOperator;
    operators[name] = (obj, expr, options) => {
      const collation = collationOfSpec(options?.collation);
      if (!collation || !Array.isArray(expr) || expr.length !== 2) return mingoOperator(obj, expr, options);
      const [a, b] = evalExpr(obj, expr, options) as unknown[];
      if (typeof a !== 'string' || typeof b !== 'string')
        return mingoOperator(obj, [{ $literal: a }, { $literal: b }], options);
      return result(collation.compare(a, b));
    };
  }
  return operators;
}
