/**
 * When a failing source is tried again: exponential backoff with "full jitter" on the upper half, so that
 * sources that failed together (a bridge outage) do not all come back in the same second.
 *
 *   wait = min(cap, base * 2^(failures - 1)) * (0.5 + random * 0.5)
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** The wait after the `failures`-th consecutive failure (1 for the first). `random` is in [0, 1). */
export function computeBackoffMs(failures: number, policy: BackoffPolicy, random = Math.random()): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling * (0.5 + Math.min(Math.max(random, 0), 1) * 0.5));
}
