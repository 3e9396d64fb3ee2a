/**
 * Chooses the documents a filter has to be tested against. When the filter pins indexed fields by equality
 * (`{f: v}`, `{f: {$eq: v}}`, `{f: {$in: [...]}}`, also inside a top-level `$and`), the index's hash map
 * yields the candidates directly: `_id` first, then the index whose leading fields are pinned the most.
 * A range (`$gt`, `$gte`, `$lt`, `$lte`) on an index's first field, or on the field after its pinned
 * prefix (`{region: 'x', date: {$gte: ...}}` on `{region: 1, date: 1}`), walks the index's ordered keys
 * over just that range. A sort on an index's fields (after such a prefix) walks the index in sort order,
 * so a `limit` stops the walk early.
 * A top-level `$or` whose every branch can be narrowed is answered by the union of its branches' candidates.
 * Only the candidates go through mingo, which still applies the whole filter, and they come back in natural
 * order (or, for a sort, in the order a stable sort of the natural order gives), so narrowing is an
 * optimisation that never changes a result.
 */
import type { Document } from 'bson';
import type { Collection } from '../storage/collection.js';
import type { HashIndex } from '../storage/hash-index.js';
import { HIGHEST, LOWEST, typeBound, type IndexKey } from '../storage/ordered-keys.js';
import { isPlainObject } from '../storage/path-values.js';
import { keyOfValue } from '../storage/value-key.js';
import { rankOf } from './bson-order.js';
import type { SortSpec } from './sort-documents.js';

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

/** One end of a range: a value, and whether the range includes it. */
interface RangeEnd {
  value: unknown;
  inclusive: boolean;
}

export interface RangeBounds {
  lower?: RangeEnd;
  upper?: RangeEnd;
}

/** Values a range over index keys can start or end at: scalars of one BSON type, not null or arrays. */
function isRangeValue(value: unknown): boolean {
  if (value === null || value === undefined || Array.isArray(value) || value instanceof RegExp) return false;
  if (typeof value === 'object') {
    const tag = (value as { _bsontype?: unknown })._bsontype;
    if (value instanceof Date) return true;
    return (
      tag === 'ObjectId' || tag === 'Long' || tag === 'Decimal128' || tag === 'Int32' || tag === 'Double'
    );
  }
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function rangeOf(condition: unknown): RangeBounds | null {
  if (!isOperatorObject(condition)) return null;
  const bounds: RangeBounds = {};
  if (isRangeValue(condition.$gt)) bounds.lower = { value: condition.$gt, inclusive: false };
  else if (isRangeValue(condition.$gte)) bounds.lower = { value: condition.$gte, inclusive: true };
  if (isRangeValue(condition.$lt)) bounds.upper = { value: condition.$lt, inclusive: false };
  else if (isRangeValue(condition.$lte)) bounds.upper = { value: condition.$lte, inclusive: true };
  // A range across two types matches nothing; one of its ends still holds every match.
  if (bounds.lower && bounds.upper && rankOf(bounds.lower.value) !== rankOf(bounds.upper.value)) {
    delete bounds.upper;
  }
  return bounds.lower || bounds.upper ? bounds : null;
}

/** The range constraints of a filter, one per field path (the first met, when a field has several). */
export function collectRanges(
  filter: Document,
  into = new Map<string, RangeBounds>(),
): Map<string, RangeBounds> {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collectRanges(part, into);
      continue;
    }
    if (field.startsWith('$') || into.has(field)) continue;
    const bounds = rangeOf(condition);
    if (bounds) into.set(field, bounds);
  }
  return into;
}

/** The usable part of a sort: fields with numeric directions, or null when it has none or `$natural`. */
function readSort(sort: SortSpec | undefined): Array<[string, number]> | null {
  if (!sort) return null;
  const fields = Object.entries(sort);
  if (fields.length === 0) return null;
  const usable: Array<[string, number]> = [];
  for (const [field, direction] of fields) {
    if (field.startsWith('$') || typeof direction === 'object') return null;
    usable.push([field, Number(direction) < 0 ? -1 : 1]);
  }
  return usable;
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
  /**
   * A walk over an index's ordered keys: the pinned `prefix` values of its leading fields, then `range` (if
   * any) on the next field. With `sortedBy`, the walk yields the documents in that sort's order.
   */
  | {
      kind: 'walk';
      index: HashIndex;
      prefix: unknown[];
      range: RangeBounds | null;
      reverse: boolean;
      /** The index positions the sort covers, when the walk answers a sort. */
      sortedBy: { from: number; to: number } | null;
    }
  /** A top-level `$or` whose every branch can be narrowed: the union of the branches' candidates. */
  | { kind: 'or'; branches: Plan[] }
  | { kind: 'scan' };

/**
 * How a walk over `index` would serve `filter` (and `sort`): the single-valued equalities of its leading
 * fields, a range on the next one, and whether the walk's order is the sort's.
 */
function planWalk(
  index: HashIndex,
  equalities: Map<string, unknown[]>,
  ranges: Map<string, RangeBounds>,
  sort: Array<[string, number]> | null,
): (Plan & { kind: 'walk' }) | null {
  if (!index.coversAllDocuments || index.multikey) return null;
  const prefix: unknown[] = [];
  for (const field of index.fields) {
    const values = equalities.get(field);
    if (!values || values.length !== 1 || !isRangeValue(values[0])) break;
    prefix.push(values[0]);
  }
  const next = index.fields[prefix.length];
  const range = next !== undefined && prefix.length < index.fields.length ? (ranges.get(next) ?? null) : null;
  const sortedBy = sort ? matchSort(index, prefix.length, sort) : null;
  if (prefix.length === 0 && !range && !sortedBy) return null;
  return { kind: 'walk', index, prefix, range, reverse: sortedBy?.reverse ?? false, sortedBy };
}

/**
 * Where `sort` lies in the index's fields, if a walk gives its order: its fields must be the index's from
 * some position up to the pinned prefix's end or beyond, in the index's directions or all reversed.
 */
function matchSort(index: HashIndex, pinned: number, sort: Array<[string, number]>) {
  const fields = index.fields;
  const from = fields.indexOf(sort[0]![0]);
  const to = from + sort.length;
  if (from < 0 || from > pinned || to <= pinned || to > fields.length) return null;
  let reverse: boolean | null = null;
  for (let i = 0; i < sort.length; i++) {
    const [field, direction] = sort[i]!;
    if (fields[from + i] !== field) return null;
    // A pinned field has one value, so its direction does not matter.
    if (from + i < pinned) continue;
    const along = direction === (Number(index.spec.key[field]) < 0 ? -1 : 1);
    if (reverse === null) reverse = !along;
    else if (reverse === along) return null;
  }
  return { from, to, reverse: reverse ?? false };
}

/** How much of the collection a plan leaves: more pinned fields first, then a range. */
function narrowing(plan: Plan): number {
  if (plan.kind === 'index') return plan.lists.length;
  if (plan.kind === 'walk') return plan.prefix.length + (plan.range ? 0.5 : 0);
  return 0;
}

/** The plan for the equality and range constraints of one filter (without looking at its `$or`). */
function choosePlanForConditions(collection: Collection, filter: Document, sort?: SortSpec): Plan {
  const equalities = collectEqualities(filter);
  const ranges = collectRanges(filter);
  const sortFields = readSort(sort);
  if (equalities.size === 0 && ranges.size === 0 && !sortFields) return { kind: 'scan' };

  const fields = Object.keys(filter).filter((field) => field !== '$comment');
  const isWholeFilter = (used: string[]) =>
    fields.every((field) => used.includes(field) && isPureEquality(filter[field]));

  const ids = equalities.get('_id');
  if (ids && ids.length <= MAX_LOOKUP_COMBINATIONS) return { kind: 'id', ids, exact: isWholeFilter(['_id']) };

  let best: { plan: Plan; unique: boolean } | null = null;
  const consider = (plan: Plan, unique: boolean) => {
    if (!best) {
      best = { plan, unique };
      return;
    }
    const gain = narrowing(plan) - narrowing(best.plan);
    const sorts = plan.kind === 'walk' && plan.sortedBy !== null;
    const bestSorts = best.plan.kind === 'walk' && best.plan.sortedBy !== null;
    // At the same narrowing, a walk in sort order beats sorting, and a unique lookup beats the rest.
    if (
      gain > 0 ||
      (gain === 0 && ((sorts && !bestSorts) || (sorts === bestSorts && unique && !best.unique)))
    ) {
      best = { plan, unique };
    }
  };
  for (const index of collection.secondaryIndexes()) {
    if (!index.coversAllDocuments) continue;
    const lists: unknown[][] = [];
    // A correlated index pairs the values of one array element (see HashIndex.correlated).
    const usable = index.correlated ? index.fields.slice(0, 1) : index.fields;
    for (const field of usable) {
      const values = equalities.get(field);
      if (!values) break;
      lists.push(values);
    }
    if (lists.length > 0 && countCombinations(lists) <= MAX_LOOKUP_COMBINATIONS) {
      const used = index.fields.slice(0, lists.length);
      const unique = index.isUnique && lists.length === index.fields.length;
      consider({ kind: 'index', index, lists, exact: isWholeFilter(used) }, unique);
    }
    const walk = planWalk(index, equalities, ranges, sortFields);
    if (walk) consider(walk, false);
  }
  const chosen = (best as { plan: Plan } | null)?.plan;
  return chosen ?? { kind: 'scan' };
}

/**
 * How `filter` will be answered: by `_id`, through one index's hash map, through the union of the plans of
 * a top-level `$or`'s branches (when each of them can be narrowed), or by testing every document.
 */
export function choosePlan(collection: Collection, filter: Document, sort?: SortSpec): Plan {
  const plan = choosePlanForConditions(collection, filter, sort);
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
    case 'walk':
      for (const [, id] of walkKeys(plan)) into.add(id);
      return;
    case 'or':
      for (const branch of plan.branches) collectCandidateKeys(collection, branch, into);
      return;
    case 'scan':
      return;
  }
}

/** The first and last keys of a walk, built with bounds so that no entry equals them. */
function walkBounds(plan: Plan & { kind: 'walk' }): { low: IndexKey; high: IndexKey } {
  const { index, prefix, range } = plan;
  const directions = index.fields.map((field) => (Number(index.spec.key[field]) < 0 ? -1 : 1));
  const first = (i: number) => (directions[i]! > 0 ? LOWEST : HIGHEST);
  const last = (i: number) => (directions[i]! > 0 ? HIGHEST : LOWEST);
  const fill = (from: number, after: boolean) => {
    const parts: unknown[] = [];
    for (let i = from; i < directions.length; i++) parts.push(after ? last(i) : first(i));
    parts.push(after ? Infinity : -Infinity);
    return parts;
  };
  const at = prefix.length;
  if (!range || at >= directions.length) {
    return { low: [...prefix, ...fill(at, false)], high: [...prefix, ...fill(at, true)] };
  }
  // A range without one of its ends stops at its type's: `$gt: 5` covers numbers only.
  const typed = (range.lower ?? range.upper)!.value;
  const lower: unknown = range.lower ? range.lower.value : typeBound(typed, -1);
  const upper: unknown = range.upper ? range.upper.value : typeBound(typed, 1);
  const lowerAfter = range.lower ? !range.lower.inclusive : false;
  const upperAfter = range.upper ? range.upper.inclusive : true;
  if (directions[at]! > 0) {
    return {
      low: [...prefix, lower, ...fill(at + 1, lowerAfter)],
      high: [...prefix, upper, ...fill(at + 1, upperAfter)],
    };
  }
  // On a descending field the index holds the upper end first.
  return {
    low: [...prefix, upper, ...fill(at + 1, !upperAfter)],
    high: [...prefix, lower, ...fill(at + 1, !lowerAfter)],
  };
}

function walkKeys(plan: Plan & { kind: 'walk' }) {
  const { low, high } = walkBounds(plan);
  return plan.index.ordered.walk(low, high, plan.reverse);
}

/**
 * The documents of a walk in its order. Entries whose sorted fields are equal come in natural order, as a
 * stable sort would leave them (the index orders them by its other fields, or backwards when reversed).
 */
function* walkDocuments(collection: Collection, plan: Plan & { kind: 'walk' }): Generator<Document> {
  const { from, to } = plan.sortedBy ?? { from: 0, to: plan.index.fields.length };
  const sequenceAt = plan.index.fields.length;
  let run: IndexKey[] = [];
  const ids = new Map<IndexKey, string>();
  function* flush() {
    if (run.length > 1) run.sort((a, b) => (a[sequenceAt] as number) - (b[sequenceAt] as number));
    for (const key of run) {
      const doc = collection.getByKey(ids.get(key)!);
      if (doc) yield doc;
    }
    run = [];
    ids.clear();
  }
  for (const [key, id] of walkKeys(plan)) {
    if (run.length > 0 && !plan.index.ordered.sameFields(run[0]!, key, from, to)) yield* flush();
    run.push(key);
    ids.set(key, id);
  }
  yield* flush();
}

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

/** True when a walk's range is the whole condition on its field: one lower and one upper end at most. */
function isWholeRange(condition: unknown, range: RangeBounds): boolean {
  if (!isOperatorObject(condition)) return false;
  const operators = Object.keys(condition);
  if (!operators.every((operator) => RANGE_OPERATORS.has(operator))) return false;
  const lowers = operators.filter((operator) => operator.startsWith('$g')).length;
  const uppers = operators.length - lowers;
  if (lowers > 1 || uppers > 1) return false;
  // Every end the condition states is one the walk's bounds hold (rangeOf drops an end of another type).
  if ((lowers === 1) !== (range.lower !== undefined) || (uppers === 1) !== (range.upper !== undefined)) {
    return false;
  }
  return [range.lower, range.upper].every((end) => end === undefined || !Number.isNaN(end.value));
}

/**
 * The top-level fields of `filter` whose whole condition a plan's lookups or walk decide, so that mingo
 * need not test them again: a pure equality on a field the lookup used, or on a walk's pinned prefix, and
 * a walk's range when it is the field's whole condition.
 */
function answeredFields(filter: Document, plan: Plan): string[] {
  const isTopLevelEquality = (field: string) => field in filter && isPureEquality(filter[field]);
  if (plan.kind === 'index') {
    return plan.index.fields.slice(0, plan.lists.length).filter(isTopLevelEquality);
  }
  if (plan.kind !== 'walk') return [];
  const answered = plan.index.fields.slice(0, plan.prefix.length).filter(isTopLevelEquality);
  const rangeField = plan.index.fields[plan.prefix.length];
  if (plan.range && rangeField !== undefined && isWholeRange(filter[rangeField], plan.range)) {
    answered.push(rangeField);
  }
  return answered;
}

/** The filter without the conditions `plan` answers; null when nothing is left to test. */
function residualOf(filter: Document, plan: Plan): Document | null {
  const answered = new Set(answeredFields(filter, plan));
  const residual: Document = {};
  let conditions = 0;
  for (const [field, condition] of Object.entries(filter)) {
    if (answered.has(field)) continue;
    residual[field] = condition as unknown;
    if (field !== '$comment') conditions++;
  }
  return conditions === 0 ? null : residual;
}

export interface Candidates {
  docs: Document[];
  /** True when every candidate is known to match the filter (see `Plan`). */
  exact: boolean;
  /**
   * What of the filter the candidates still have to be tested against: the filter without the conditions
   * the index answered exactly (null when none is left, as when `exact`).
   */
  residual: Document | null;
}

/** The candidate documents for `filter`, or null when no index applies and every document must be tested. */
export function findCandidates(collection: Collection, filter: Document): Candidates | null {
  return toCandidates(collection, choosePlan(collection, filter), filter);
}

export interface OrderedCandidates {
  docs: Iterable<Document>;
  exact: boolean;
  residual: Document | null;
  /** True when `docs` come in the order of the requested sort, so that they need no sorting. */
  sorted: boolean;
}

/**
 * The candidate documents for `filter` and `sort`: in sort order when an index walk gives it, else as
 * `findCandidates` gives them. Null when every document must be tested (and sorted).
 */
export function findOrderedCandidates(
  collection: Collection,
  filter: Document,
  sort: SortSpec | undefined,
): OrderedCandidates | null {
  const plan = choosePlan(collection, filter, sort);
  if (plan.kind === 'walk' && plan.sortedBy) {
    const residual = residualOf(filter, plan);
    return { docs: walkDocuments(collection, plan), exact: residual === null, residual, sorted: true };
  }
  const candidates = toCandidates(collection, plan, filter);
  return candidates && { ...candidates, sorted: false };
}

function toCandidates(collection: Collection, plan: Plan, filter: Document): Candidates | null {
  if (plan.kind === 'scan') return null;
  // One index lookup's ids are already a set of their own.
  const keys = plan.kind === 'index' ? plan.index.lookup(plan.lists) : new Set<string>();
  if (plan.kind !== 'index') collectCandidateKeys(collection, plan, keys);
  const residual =
    (plan.kind === 'id' || plan.kind === 'index') && plan.exact ? null : residualOf(filter, plan);
  const exact = residual === null;
  return { docs: collection.getByKeys(keys), exact, residual: exact ? null : residual };
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
    case 'walk': {
      const { index, prefix, range } = plan;
      const indexBounds: Document = {};
      index.fields.forEach((field, i) => {
        if (i < prefix.length)
          indexBounds[field] = [`[${describeValue(prefix[i])}, ${describeValue(prefix[i])}]`];
        else if (i === prefix.length && range) indexBounds[field] = [describeRange(range)];
        else indexBounds[field] = ['[MinKey, MaxKey]'];
      });
      return {
        stage: 'FETCH',
        inputStage: {
          stage: 'IXSCAN',
          keyPattern: index.spec.key,
          indexName: index.spec.name,
          isUnique: index.isUnique,
          isMultiKey: false,
          direction: plan.reverse ? 'backward' : 'forward',
          indexBounds,
        },
      };
    }
    case 'or':
      return { stage: 'SUBPLAN', inputStage: { stage: 'OR', inputStages: plan.branches.map(describePlan) } };
    case 'scan':
      return { stage: 'COLLSCAN', direction: 'forward' };
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  return String(value);
}

/** A range as mongod's explain writes index bounds: `[lower, upper)`, open ends at the type's limits. */
function describeRange(range: RangeBounds): string {
  const typed = (range.lower ?? range.upper)!.value;
  const lowest =
    typeof typed === 'string' ? '""' : typed instanceof Date ? 'new Date(-9223372036854775808)' : '-inf.0';
  const highest =
    typeof typed === 'string' ? '{}' : typed instanceof Date ? 'new Date(9223372036854775807)' : 'inf.0';
  const open = range.lower
    ? (range.lower.inclusive ? '[' : '(') + describeValue(range.lower.value)
    : `[${lowest}`;
  const close = range.upper
    ? describeValue(range.upper.value) + (range.upper.inclusive ? ']' : ')')
    : `${highest})`;
  return `${open}, ${close}`;
}
