/** The E11000 error exactly as mongod words and shapes it, so drivers and mongoose recognise it. */
import { Binary, Decimal128, Long, ObjectId, type Document } from 'bson';
import { CommandError } from '../errors.js';

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof Long) return value.toString();
  if (value instanceof Decimal128) return value.toString();
  if (value instanceof Binary) return `BinData(${value.sub_type}, ${value.toString('hex').toUpperCase()})`;
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Document).map(([key, inner]) => `${key}: ${formatValue(inner)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'symbol' ? value.toString() : 'unknown';
}

export function createDuplicateKeyError(
  namespace: string,
  indexName: string,
  keyPattern: Document,
  keyValue: Document,
): CommandError {
  const message =
    `E11000 duplicate key error collection: ${namespace} index: ${indexName} ` +
    `dup key: ${formatValue(keyValue)}`;
  return new CommandError('DuplicateKey', message, { keyPattern, keyValue });
}
