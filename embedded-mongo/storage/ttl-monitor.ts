/**
 * TTL indexes: like mongod's TTL monitor, a sweep once a minute removes the documents whose indexed date
 * (the earliest one, for an array) is more than `expireAfterSeconds` in the past. Removals are recorded
 * like any delete. The timer does not keep the process alive.
 */
import type { EngineLogger } from '../logger.js';
import type { EngineState } from './engine-state.js';
import { valuesAtPath } from './path-values.js';

export const TTL_SWEEP_INTERVAL_MS = 60_000;

function earliestDate(values: unknown[]): number | null {
  let earliest: number | null = null;
  for (const value of values) {
    if (value instanceof Date && (earliest === null || value.getTime() < earliest))
      earliest = value.getTime();
  }
  return earliest;
}

/** Removes every expired document now; returns how many went. */
export function sweepExpiredDocuments(state: EngineState, now: number): number {
  let removed = 0;
  for (const db of state.databaseNames()) {
    for (const collection of state.collections(db)) {
      for (const spec of collection.indexSpecs()) {
        const fields = Object.keys(spec.key);
        if (spec.expireAfterSeconds === undefined || fields.length !== 1) continue;
        const cutoff = now - spec.expireAfterSeconds * 1000;
        const expired = collection
          .all()
          .filter((doc) => {
            const earliest = earliestDate(valuesAtPath(doc, fields[0]!));
            return earliest !== null && earliest <= cutoff;
          })
          .map((doc) => doc._id as unknown);
        for (const id of expired) collection.remove(id);
        if (expired.length > 0) {
          state.record({ op: 'delete', db, coll: collection.name, ids: expired });
          removed += expired.length;
        }
      }
    }
  }
  if (removed > 0) state.settle();
  return removed;
}

/** Starts the once-a-minute sweep; call the returned function to stop it. */
export function startTtlMonitor(
  state: EngineState,
  logger: EngineLogger,
  now: () => number = Date.now,
): () => void {
  const timer = setInterval(() => {
    try {
      const removed = sweepExpiredDocuments(state, now());
      if (removed > 0) logger.debug({ event: 'engine.ttl_expired', removed }, 'removed expired documents');
    } catch (error) {
      logger.error({ event: 'engine.ttl_failed', err: error }, 'could not remove expired documents');
    }
  }, TTL_SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
