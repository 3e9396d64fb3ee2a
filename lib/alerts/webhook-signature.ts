/**
 * Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>` with the channel's secret, sent as
 * `X-Signature-256: sha256=<hex>` beside `X-Signature-Timestamp`. Signing the timestamp with the body lets
 * a receiver refuse an old message replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-signature-256';
export const TIMESTAMP_HEADER = 'x-signature-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const presented = Buffer.from(signature);
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
