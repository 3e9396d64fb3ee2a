/**
 * Collection validators (`validator`, `validationLevel`, `validationAction` on `create` and `collMod`). A
 * validator is a query, evaluated by mingo against every document an insert, update, replace, upsert,
 * findAndModify or `$out`/`$merge` would store. A failing document is refused with mongod's 121
 * DocumentValidationFailure and an `errInfo` that names the clauses it did not satisfy, in mongod's shape
 * (`failingDocumentId`, `details: {operatorName, specifiedAs, reason, consideredValue}`); with
 * `validationAction: 'warn'` it is stored and the failure logged. `validationLevel: 'moderate'` leaves
 * updates of documents that were already invalid unchecked, and `bypassDocumentValidation` skips the check.
 *
 * `$jsonSchema` needs a JSON Schema validator with MongoDB's `bsonType` keyword, which mingo does not ship:
 * a validator using it is refused when it is set, with a message that says so.
 */
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { CommandError } from '../errors.js';
import type { EngineLogger } from '../logger.js';
import { createMingoOptions } from '../query/mingo-options.js';
import type { Collection } from '../storage/collection.js';
import type { CommandContext } from './command-context.js';
import { isPlainObject, valuesAtPath } from '../storage/path-values.js';

/** The `$type` alias of a value, as mongod names it in `consideredType`. */
function typeAliasOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'double';
    case 'object': {
      const tag = (value as { _bsontype?: unknown })._bsontype;
      if (typeof tag !== 'string') return 'object';
      const aliases: Record<string, string> = {
        ObjectId: 'objectId',
        Long: 'long',
        Decimal128: 'decimal',
        Int32: 'int',
        Double: 'double',
        Binary: 'binData',
        Timestamp: 'timestamp',
        BSONRegExp: 'regex',
      };
      return aliases[tag] ?? tag;
    }
    default:
      return 'missing';
  }
}

const LEVELS = new Set(['off', 'strict', 'moderate']);
const ACTIONS = new Set(['error', 'warn']);

/** True when the filter uses `operator` anywhere (in a field condition or a logical clause). */
function usesOperator(value: unknown, operator: string): boolean {
  if (Array.isArray(value)) return value.some((item) => usesOperator(item, operator));
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([key, inner]) => key === operator || usesOperator(inner, operator));
}

/**
 * Checks the validation options of a `create` or `collMod` before anything is changed, as mongod does.
 * Returns the options to store.
 */
export function readValidationOptions(command: Document): Document {
  const options: Document = {};
  if (command.validator !== undefined) {
    if (!isPlainObject(command.validator)) {
      throw new CommandError(
        'TypeMismatch',
        "BSON field 'validator' is the wrong type, expected type 'object'",
      );
    }
    if (usesOperator(command.validator, '$jsonSchema')) {
      throw new CommandError(
        'CommandNotSupported',
        '$jsonSchema validators are not supported by the embedded engine; write the validator with query ' +
          "operators instead, for example {name: {$type: 'string'}, qty: {$gte: 0}}",
      );
    }
    compileValidator(command.validator);
    options.validator = command.validator;
  }
  if (command.validationLevel !== undefined) {
    if (!LEVELS.has(String(command.validationLevel))) {
      throw new CommandError(
        'BadValue',
        `Enumeration value '${String(command.validationLevel)}' for field 'validationLevel' is not a valid value.`,
      );
    }
    options.validationLevel = command.validationLevel as unknown;
  }
  if (command.validationAction !== undefined) {
    if (!ACTIONS.has(String(command.validationAction))) {
      throw new CommandError(
        'BadValue',
        `Enumeration value '${String(command.validationAction)}' for field 'validationAction' is not a valid value.`,
      );
    }
    options.validationAction = command.validationAction as unknown;
  }
  return options;
}

/** A collection's options with mongod's defaults filled in beside a validator, as listCollections shows them. */
export function withValidationDefaults(options: Document): Document {
  if (options.validator === undefined) return options;
  return { validationLevel: 'strict', validationAction: 'error', ...options };
}

const compiled = new WeakMap<Document, Query>();

function compileValidator(validator: Document): Query {
  let query = compiled.get(validator);
  if (query) return query;
  try {
    query = new Query(validator, createMingoOptions());
  } catch (error) {
    throw new CommandError(
      'InvalidOptions',
      `Invalid validator: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  compiled.set(validator, query);
  return query;
}

function matches(validator: Document, doc: Document): boolean {
  return compileValidator(validator).test(doc);
}

function consideredValue(doc: Document, field: string): { missing: boolean; value?: unknown } {
  const values = valuesAtPath(doc, field).filter((value) => value !== undefined);
  if (values.length === 0) return { missing: true };
  return { missing: false, value: values.length === 1 ? values[0] : values };
}

/** mongod's explanation of one field condition (`{field: {operator: value}}`) that a document fails. */
function explainFieldCondition(doc: Document, field: string, operator: string, value: unknown): Document {
  const specifiedAs =
    operator === '$eq' && !isPlainObject(value) ? { [field]: value } : { [field]: { [operator]: value } };
  const details: Document = { operatorName: operator, specifiedAs };
  const considered = consideredValue(doc, field);
  if (operator === '$exists') {
    details.reason = value ? 'path does not exist' : 'path does exist';
    return details;
  }
  if (considered.missing) {
    details.reason = 'field was missing';
    return details;
  }
  if (operator === '$type') {
    details.reason = 'type did not match';
    details.consideredValue = considered.value;
    details.consideredType = typeAliasOf(considered.value);
    return details;
  }
  details.reason = 'comparison failed';
  details.consideredValue = considered.value;
  return details;
}

/** The clauses of a validator, one per operator, each with how to explain its failure. */
function explainClauses(doc: Document, validator: Document): Document[] {
  const failing: Document[] = [];
  let index = 0;
  for (const [field, condition] of Object.entries(validator)) {
    if (field.startsWith('$')) {
      const clause = { [field]: condition as unknown };
      if (!matches(clause, doc)) failing.push({ index, details: explainLogical(doc, field, condition) });
      index++;
      continue;
    }
    const isOperators =
      isPlainObject(condition) &&
      Object.keys(condition).length > 0 &&
      Object.keys(condition)[0]!.startsWith('$');
    const operators: Array<[string, unknown]> = isOperators
      ? Object.entries(condition)
      : [['$eq', condition]];
    for (const [operator, value] of operators) {
      const clause = { [field]: operator === '$eq' && !isOperators ? value : { [operator]: value } };
      if (!matches(clause, doc)) {
        failing.push({ index, details: explainFieldCondition(doc, field, operator, value) });
      }
      index++;
    }
  }
  return failing;
}

function explainLogical(doc: Document, operator: string, value: unknown): Document {
  if (operator === '$expr') {
    return {
      operatorName: '$expr',
      specifiedAs: { $expr: value },
      reason: 'expression did not match',
      expressionResult: false,
    };
  }
  if ((operator === '$and' || operator === '$or' || operator === '$nor') && Array.isArray(value)) {
    const clauses = (value as unknown[]).filter(isPlainObject);
    if (operator === '$and') {
      const notSatisfied = clauses.flatMap((clause, index) =>
        matches(clause, doc) ? [] : [{ index, details: explainDocument(doc, clause) }],
      );
      return { operatorName: '$and', clausesNotSatisfied: notSatisfied };
    }
    if (operator === '$or') {
      return {
        operatorName: '$or',
        clausesNotSatisfied: clauses.map((clause, index) => ({
          index,
          details: explainDocument(doc, clause),
        })),
      };
    }
    return {
      operatorName: '$nor',
      clausesSatisfied: clauses.flatMap((clause, index) => (matches(clause, doc) ? [{ index }] : [])),
    };
  }
  return { operatorName: operator, specifiedAs: { [operator]: value }, reason: 'expression did not match' };
}

function explainDocument(doc: Document, validator: Document): Document {
  const failing = explainClauses(doc, validator);
  if (failing.length === 1 && Object.keys(validator).length === 1 && !isMultiOperator(validator)) {
    return failing[0]!.details as Document;
  }
  return { operatorName: '$and', clausesNotSatisfied: failing };
}

function isMultiOperator(validator: Document): boolean {
  const condition = Object.values(validator)[0] as unknown;
  return (
    isPlainObject(condition) &&
    Object.keys(condition).length > 1 &&
    Object.keys(condition)[0]!.startsWith('$')
  );
}

export interface ValidationScope {
  /** The command's `bypassDocumentValidation`. */
  bypass: boolean;
  logger: EngineLogger;
}

export function readValidationScope(command: Document, context: CommandContext): ValidationScope {
  return { bypass: command.bypassDocumentValidation === true, logger: context.logger };
}

/**
 * Refuses `doc` when the collection's validator rejects it. `previous` is the stored document an update
 * replaces (none for an insert), which `validationLevel: 'moderate'` looks at.
 */
export function validateDocument(
  collection: Collection | undefined,
  doc: Document,
  previous: Document | undefined,
  scope: ValidationScope,
): void {
  const options = collection?.options;
  const validator = options?.validator as unknown;
  if (!isPlainObject(validator) || scope.bypass) return;
  const level = (options!.validationLevel as string | undefined) ?? 'strict';
  if (level === 'off') return;
  if (matches(validator, doc)) return;
  if (level === 'moderate' && previous !== undefined && !matches(validator, previous)) return;
  const errInfo = { failingDocumentId: doc._id as unknown, details: explainDocument(doc, validator) };
  if (options!.validationAction === 'warn') {
    scope.logger.warn(
      { event: 'document_validation_warning', namespace: collection!.namespace, errInfo },
      'Document would fail validation',
    );
    return;
  }
  throw new CommandError('DocumentValidationFailure', 'Document failed validation', { errInfo });
}
