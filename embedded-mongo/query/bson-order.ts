/**
 * MongoDB's comparison order for BSON values, used where mingo's own order differs: mingo compares values
 * of different JavaScript types by type name, and compares Int64 (`Long`) and Decimal128 values as strings.
 * MongoDB compares all numeric types by numeric value and orders types as
 * MinKey < null < numbers < strings < objects < arrays < binary < ObjectId < booleans < dates < timestamps
 * < regular expressions < MaxKey.
 */
import type { Binary, ObjectId, Timestamp } from 'bson';
import { Decimal128, Long, type Document } from 'bson';

const enum Rank {
  MinKey = 1,
  Null = 2,
  Number = 3,
  String = 4,
  Object = 5,
  Array = 6,
  Binary = 7,
  ObjectId = 8,
  Boolean = 9,
  Date = 10,
  Timestamp = 11,
  RegExp = 12,
  MaxKey = 13,
  Other = 14,
}

function bsonTypeOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

export function rankOf(value: unknown): Rank {
  if (value === null || value === undefined) return Rank.Null;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
    case 'object':
      break;
    default:
      return Rank.Other;
  }
  if (Array.isArray(value)) return Rank.Array;
  if (value instanceof Date) return Rank.Date;
  if (value instanceof RegExp) return Rank.RegExp;
  switch (bsonTypeOf(value)) {
    case undefined:
      return Rank.Object;
    case 'Long':
    case 'Decimal128':
    case 'Int32':
    case 'Double':
      return Rank.Number;
    case 'ObjectId':
      return Rank.ObjectId;
    case 'Binary':
      return Rank.Binary;
    case 'Timestamp':
      return Rank.Timestamp;
    case 'BSONRegExp':
      return Rank.RegExp;
    case 'BSONSymbol':
      return Rank.String;
    case 'MinKey':
      return Rank.MinKey;
    case 'MaxKey':
      return Rank.MaxKey;
    default:
      return Rank.Other;
  }
}

/** True for Int64 and Decimal128 values, the numeric types mingo cannot order. */
export function isWideNumber(value: unknown): boolean {
  const tag = bsonTypeOf(value);
  return tag === 'Long' || tag === 'Decimal128' || typeof value === 'bigint';
}

/** A decimal number as sign, coefficient and exponent, so that it can be compared exactly. */
interface Rational {
  kind: 'finite' | 'nan' | 'inf' | '-inf';
  coefficient: bigint;
  exponent: number;
}

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function parseDecimalText(text: string): Rational {
  if (text === 'NaN' || text === '-NaN') return { kind: 'nan', coefficient: 0n, exponent: 0 };
  if (text === 'Infinity') return { kind: 'inf', coefficient: 0n, exponent: 0 };
  if (text === '-Infinity') return { kind: '-inf', coefficient: 0n, exponent: 0 };
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return { kind: 'nan', coefficient: 0n, exponent: 0 };
  const [, sign, whole = '0', fraction = '', exp = '0'] = match;
  const digits = BigInt(whole + fraction);
  return {
    kind: 'finite',
    coefficient: sign === '-' ? -digits : digits,
    exponent: Number(exp) - fraction.length,
  };
}

function toRational(value: unknown): Rational {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { kind: 'nan', coefficient: 0n, exponent: 0 };
    if (value === Infinity) return { kind: 'inf', coefficient: 0n, exponent: 0 };
    if (value === -Infinity) return { kind: '-inf', coefficient: 0n, exponent: 0 };
    if (Number.isSafeInteger(value)) return { kind: 'finite', coefficient: BigInt(value), exponent: 0 };
    return parseDecimalText(String(value));
  }
  if (typeof value === 'bigint') return { kind: 'finite', coefficient: value, exponent: 0 };
  if (value instanceof Long) return { kind: 'finite', coefficient: value.toBigInt(), exponent: 0 };
  if (value instanceof Decimal128) return parseDecimalText(value.toString());
  const tagged = value as { valueOf(): unknown };
  return toRational(Number(tagged.valueOf()));
}

const KIND_ORDER = { nan: 0, '-inf': 1, finite: 2, inf: 3 } as const;

function compareRationals(a: Rational, b: Rational): number {
  if (a.kind !== b.kind) return Math.sign(KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  if (a.kind !== 'finite') return 0;
  const shift = a.exponent - b.exponent;
  const left = shift > 0 ? a.coefficient * 10n ** BigInt(shift) : a.coefficient;
  const right = shift < 0 ? b.coefficient * 10n ** BigInt(-shift) : b.coefficient;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
    if (Number.isNaN(b)) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return compareRationals(toRational(a), toRational(b));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two BSON values in MongoDB's order; negative, zero or positive. */
export function compareBson(a: unknown, b: unknown): number {
  const rankA = rankOf(a);
  const rankB = rankOf(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  switch (rankA) {
    case Rank.Null:
    case Rank.MinKey:
    case Rank.MaxKey:
      return 0;
    case Rank.Number:
      return compareNumbers(a, b);
    case Rank.String:
      return compareStrings(String(a), String(b));
    case Rank.Boolean:
      return a === b ? 0 : a ? 1 : -1;
    case Rank.Date:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case Rank.ObjectId:
      return compareStrings((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case Rank.Binary: {
      const left = a as Binary;
      const right = b as Binary;
      if (left.position !== right.position) return left.position < right.position ? -1 : 1;
      if (left.sub_type !== right.sub_type) return left.sub_type < right.sub_type ? -1 : 1;
      return compareBytes(left.buffer.subarray(0, left.position), right.buffer.subarray(0, right.position));
    }
    case Rank.Timestamp:
      return (a as Timestamp).compare(b as Timestamp);
    case Rank.RegExp:
      return compareStrings(String(a), String(b));
    case Rank.Array: {
      const left = a as unknown[];
      const right = b as unknown[];
      for (let i = 0; i < Math.min(left.length, right.length); i++) {
        const order = compareBson(left[i], right[i]);
        if (order !== 0) return order;
      }
      return Math.sign(left.length - right.length);
    }
    case Rank.Object:
      return compareObjects(a as Document, b as Document);
    default:
      return compareStrings(String(a), String(b));
  }
}

function compareObjects(a: Document, b: Document): number {
  const keysA = Object.keys(a).filter((key) => a[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => b[key] !== undefined);
  for (let i = 0; i < Math.min(keysA.length, keysB.length); i++) {
    const keyA = keysA[i]!;
    const keyB = keysB[i]!;
    const byType = rankOf(a[keyA]) - rankOf(b[keyB]);
    if (byType !== 0) return Math.sign(byType);
    const byName = compareStrings(keyA, keyB);
    if (byName !== 0) return byName;
    const byValue = compareBson(a[keyA], b[keyB]);
    if (byValue !== 0) return byValue;
  }
  return Math.sign(keysA.length - keysB.length);
}

/** True when both values belong to the same BSON type bracket, which range operators require. */
export function isSameBracket(a: unknown, b: unknown): boolean {
  return rankOf(a) === rankOf(b);
}
