/**
 * Turns a BSON value into a string that is equal for values MongoDB considers equal in an index: numbers of
 * any type compare by value (1, Int64 1 and Decimal128 "1.0" share a key), null and a missing field share a
 * key, and objects keep their field order. These strings key the hash maps behind `_id` and every index.
 */
import { Binary, Decimal128, Long, ObjectId, type Document } from 'bson';

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** The canonical text of a finite decimal number: no trailing zeros, integers written out when short. */
function canonicalDecimal(text: string): string {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return text; // NaN and the infinities are their own keys
  const [, sign = '', whole = '0', fraction = '', exp = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  let exponent = Number(exp) - fraction.length;
  const stripped = digits.replace(/0+$/, '');
  exponent += digits.length - stripped.length;
  digits = stripped;
  const negative = sign === '-' ? '-' : '';
  if (exponent >= 0 && digits.length + exponent <= 15) return negative + digits + '0'.repeat(exponent);
  return `${negative}${digits}e${exponent}`;
}

function keyOfNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return `n:${value === 0 ? 0 : value}`;
  if (!Number.isFinite(value)) return `n:${value}`;
  return `n:${canonicalDecimal(String(value))}`;
}

export function keyOfValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // Quoted, so that no string can imitate the separators of a compound or nested key.
      return `s:${JSON.stringify(value)}`;
    case 'number':
      return keyOfNumber(value);
    case 'boolean':
      return value ? 'b:1' : 'b:0';
    case 'bigint':
      return `n:${canonicalDecimal(value.toString())}`;
    case 'undefined':
      return 'z';
    case 'object':
      break;
    default:
      return `?:${String(value)}`;
  }
  if (value === null) return 'z';
  if (value instanceof ObjectId) return `i:${value.toHexString()}`;
  if (value instanceof Date) return `t:${value.getTime()}`;
  if (Array.isArray(value)) return `a[${value.map(keyOfValue).join(',')}]`;
  if (value instanceof Long) {
    return value.lessThanOrEqual(Number.MAX_SAFE_INTEGER) && value.greaterThanOrEqual(Number.MIN_SAFE_INTEGER)
      ? keyOfNumber(value.toNumber())
      : `n:${canonicalDecimal(value.toString())}`;
  }
  if (value instanceof Decimal128) return `n:${canonicalDecimal(value.toString())}`;
  if (value instanceof Binary) return `x:${value.sub_type}:${value.toString('base64')}`;
  if (value instanceof RegExp) return `r:${JSON.stringify(String(value))}`;
  const tag = (value as { _bsontype?: unknown })._bsontype;
  if (typeof tag === 'string') {
    if (tag === 'Int32' || tag === 'Double') return keyOfNumber(Number(value.valueOf()));
    return `${tag}:${JSON.stringify(value)}`;
  }
  const doc = value as Document;
  const parts: string[] = [];
  for (const field of Object.keys(doc)) {
    if (doc[field] !== undefined) parts.push(`${JSON.stringify(field)}:${keyOfValue(doc[field])}`);
  }
  return `o{${parts.join(',')}}`;
}
