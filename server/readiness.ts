/**
 * What /readyz reports: the database round trip, the scheduler and each source's last success. The
 * service is ready only when the database answers; the rest is information for whoever is looking.
 */
import type { Scheduler, SchedulerStatus } from '../jobs/scheduler.js';
import { Source } from '../models/source.model.js';

export interface DatabaseProbe {
  mode: 'embedded' | 'external';
  /** Round-trips to the database; resolves with the latency in ms, rejects when it does not answer. */
  ping: (timeoutMs: number) => Promise<number>;
}

export interface SourceHealth {
  key: string;
  enabled: boolean;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
}

export interface ReadinessReport {
  ready: boolean;
  database: { ok: boolean; mode: DatabaseProbe['mode']; latencyMs?: number; error?: string };
  scheduler: SchedulerStatus | { running: false; jobs: [] };
  sources: SourceHealth[];
}

export interface ReadinessCheckOptions {
  database: DatabaseProbe;
  /** Returns the scheduler once it exists (it starts after the server listens), or null when disabled. */
  getScheduler: () => Scheduler | null;
  timeoutMs?: number;
}

export function createReadinessCheck(options: ReadinessCheckOptions): () => Promise<ReadinessReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  return async () => {
    const scheduler = options.getScheduler()?.status() ?? { running: false as const, jobs: [] as [] };
    let latencyMs: number;
    try {
      latencyMs = await options.database.ping(timeoutMs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ready: false,
        database: { ok: false, mode: options.database.mode, error: message },
        scheduler,
        sources: [],
      };
    }
    const sources = await Source.find(
      {},
      { _id: 0, key: 1, enabled: 1, lastSuccessAt: 1, consecutiveFailures: 1, lastError: 1 },
    )
      .sort({ key: 1 })
      .lean<SourceHealth[]>()
      .maxTimeMS(timeoutMs);
    return {
      ready: true,
      database: { ok: true, mode: options.database.mode, latencyMs },
      scheduler,
      sources,
    };
  };
}
