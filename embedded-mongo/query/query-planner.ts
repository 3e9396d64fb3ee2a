/**
 * Chooses the documents a filter has to be tested against. When the filter pins indexed fields by equality
 * (`{f: v}`, `{f: {$eq: v}}`, `{f: {$in: [...]}}`, also inside a top-level `$and`), the index's hash map
 * yields the candidates directly: `_id` first, then the index whose leading fields are pinned the most.
 * A top-level `$or` whose every branch can be narrowed is answered by the union of its branches' candidates.
 * Only the candidates go through mingo, which still applies the whole filter, and they come back in natural
 * order, so narrowing is an optimisation that never changes a result.
 */
import type { Document } from 'bson';
import type { Collection } from '../storage/collection.js';
import type { HashIndex } from '../storage/hash-index.js';
import { isPlainObject } from '../storage/path-values.js';
import { keyOfValue } from '../storage/value-key.js';

/** Above this many value combinations a lookup costs more than it saves. */
const MAX_LOOKUP_COMBINATIONS = 10_000;

function isOperatorObject(value: unknown): value is Document {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** Values an index key can be looked up by: not regexes, and not arrays (which match as a whole too). */
function isLookupValue(value: unknown): boolean {
  if (Array.isArray(value) || value instanceof RegExp) return false;
  if (value !== null && typeof value === 'object') {
    const tag = (value as { _bsontype?: unknown })._bsontype;
    if (tag === 'BSONRegExp') return false;
    if (tag === undefined && isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) {
      return false;
    }
  }
  return true;
}

/** A condition that is nothing but an equality (`v`, `{$eq: v}` or `{$in: [...]}`), with no other operator. */
function isPureEquality(condition: unknown): boolean {
  if (!isOperatorObject(condition)) return true;
  const operators = Object.keys(condition);
  return operators.length === 1 && (operators[0] === '$eq' || operators[0] === '$in');
}

function equalityValues(condition: unknown): unknown[] | null {
  let values: unknown[];
  if (isOperatorObject(condition)) {
    if ('$eq' in condition) values = [condition.$eq];
    else if (Array.isArray(condition.$in)) values = condition.$in as unknown[];
    else return null;
  } else {
    values = [condition];
  }
  return values.every(isLookupValue) ? values : null;
}

/** The equality constraints of a filter, one list of accepted values per field path. */
export function collectEqualities(
  filter: Document,
  into = new Map<string, unknown[]>(),
): Map<string, unknown[]> {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collectEqualities(part, into);
      continue;
    }
    if (field.startsWith('$') || into.has(field)) continue;
    const values = equalityValues(condition);
    if (values) into.set(field, values);
  }
  return into;
}

function countCombinations(lists: unknown[][]): number {
  return lists.reduce((product, list) => product * list.length, 1);
}

/**
 * `exact` marks a plan whose lookups are the whole filter (`{code: 'x'}` on an index of `code`): every
 * candidate matches, so testing them again with mingo can be skipped.
 */
export type Plan =
  | { kind: 'id'; ids: unknown[]; exact: boolean }
  | { kind: 'index'; index: HashIndex; lists: unknown[][]; exact: boolean }
  /** A top-level `$or` whose every branch can be narrowed: the union of the branches' candidates. */
  | { kind: 'or'; branches: Plan[] }
  | { kind: 'scan' };

/** The plan for the equality constraints of one filter (without looking at its `$or`). */
function choosePlanForEqualities(collection: Collection, filter: Document): Plan {
  const equalities = collectEqualities(filter);
  if (equalities.size === 0) return { kind: 'scan' };

  const fields = Object.keys(filter).filter((field) => field !== '$comment');
  const isWholeFilter = (used: string[]) =>
    fields.every((field) => used.includes(field) && isPureEquality(filter[field]));

  const ids = equalities.get('_id');
  if (ids && ids.length <= MAX_LOOKUP_COMBINATIONS) return { kind: 'id', ids, exact: isWholeFilter(['_id']) };

  let best: { index: HashIndex; lists: unknown[][]; unique: boolean } | null = null;
  for (const index of collection.secondaryIndexes()) {
    if (!index.coversAllDocuments) continue;
    const lists: unknown[][] = [];
    for (const field of index.fields) {
      const values = equalities.get(field);
      if (!values) break;
      lists.push(values);
    }
    if (lists.length === 0 || countCombinations(lists) > MAX_LOOKUP_COMBINATIONS) continue;
    const unique = index.isUnique && lists.length === index.fields.length;
    if (
      !best ||
      lists.length > best.lists.length ||
      (lists.length === best.lists.length && unique && !best.unique)
    ) {
      best = { index, lists, unique };
    }
  }
  if (!best) return { kind: 'scan' };
  const used = best.index.fields.slice(0, best.lists.length);
  return { kind: 'index', index: best.index, lists: best.lists, exact: isWholeFilter(used) };
}

/**
 * How `filter` will be answered: by `_id`, through one index's hash map, through the union of the plans of
 * a top-level `$or`'s branches (when each of them can be narrowed), or by testing every document.
 */
export function choosePlan(collection: Collection, filter: Document): Plan {
  const plan = choosePlanForEqualities(collection, filter);
  if (plan.kind !== 'scan' || !Array.isArray(filter.$or) || filter.$or.length === 0) return plan;
  const branches: Plan[] = [];
  for (const branch of filter.$or as unknown[]) {
    if (!isPlainObject(branch)) return plan;
    const branchPlan = choosePlan(collection, branch);
    if (branchPlan.kind === 'scan') return plan;
    branches.push(branchPlan);
  }
  return { kind: 'or', branches };
}

function collectCandidateKeys(collection: Collection, plan: Plan, into: Set<string>): void {
  switch (plan.kind) {
    case 'id':
      for (const id of plan.ids) into.add(keyOfValue(id));
      return;
    case 'index':
      for (const key of plan.index.lookup(plan.lists)) into.add(key);
      return;
    case 'or':
      for (const branch of plan.branches) collectCandidateKeys(collection, branch, into);
      return;
    case 'scan':
      return;
  }
}

export interface Candidates {
  docs: Document[];
  /** True when every candidate is known to match the filter (see `Plan`). */
  exact: boolean;
}

/** The candidate documents for `filter`, or null when no index applies and every document must be tested. */
export function findCandidates(collection: Collection, filter: Document): Candidates | null {
  const plan = choosePlan(collection, filter);
  if (plan.kind === 'scan') return null;
  const keys = new Set<string>();
  collectCandidateKeys(collection, plan, keys);
  return { docs: collection.getByKeys(keys), exact: plan.kind !== 'or' && plan.exact };
}

/** The candidate documents for `filter`, or null when every document must be tested. */
export function planCandidates(collection: Collection, filter: Document): Document[] | null {
  return findCandidates(collection, filter)?.docs ?? null;
}

/** The plan in the shape of mongod's `explain` output (`IDHACK`, `FETCH` over `IXSCAN`, `OR`, `COLLSCAN`). */
export function describePlan(plan: Plan): Document {
  switch (plan.kind) {
    case 'id':
      return { stage: 'IDHACK' };
    case 'index':
      return {
        stage: 'FETCH',
        inputStage: {
          stage: 'IXSCAN',
          keyPattern: plan.index.spec.key,
          indexName: plan.index.spec.name,
          isUnique: plan.index.isUnique,
        },
      };
    case 'or':
      return { stage: 'SUBPLAN', inputStage: { stage: 'OR', inputStages: plan.branches.map(describePlan) } };
    case 'scan':
      return { stage: 'COLLSCAN', direction: 'forward' };
  }
}
