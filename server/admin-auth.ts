/**
 * Guards the admin endpoints with ADMIN_API_KEY, sent as `Authorization: Bearer <key>`.
 *
 * Without a configured key the endpoints are disabled (403 ADMIN_DISABLED), never open. The comparison
 * hashes both sides first, so it takes the same time whatever the key's length or how much of it matches.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../lib/errors.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** True when `candidate` equals `expected`, compared in constant time. */
export function keysMatch(candidate: string, expected: string): boolean {
  return timingSafeEqual(digest(candidate), digest(expected));
}

export function requireAdmin(adminApiKey: string | undefined): RequestHandler {
  const expected = adminApiKey;
  return (req, _res, next) => {
    if (expected === undefined) {
      next(new ForbiddenError('ADMIN_DISABLED', 'Admin endpoints are disabled: ADMIN_API_KEY is not set.'));
      return;
    }
    const presented = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (presented === undefined) {
      next(new UnauthorizedError('Send the admin key as "Authorization: Bearer <key>".'));
      return;
    }
    if (!keysMatch(presented, expected)) {
      next(new UnauthorizedError('The admin key is not valid.'));
      return;
    }
    next();
  };
}
