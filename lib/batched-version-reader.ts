/**
 * Reads the data-version stamp for callers that must not see anything older than the last write, while
 * sending the database one small query per batch of concurrent callers rather than one per caller.
 *
 * A caller may only share a read that started after it called: a read already in flight could have been
 * answered before a write that finished just before the call. So a call made while a read is in flight
 * waits for the next read, which serves every caller queued meanwhile.
 *
 * Under load reads would then run back to back, one per database round trip, which for a nearby
 * database is a fraction of a millisecond: most of the cost of a cached response would be spent reading
 * the stamp. So consecutive reads start at least `minIntervalMs` apart. An idle reader reads at once,
 * and every caller still gets a read that started after it called.
 *
 * There is never more than one read in flight. When the database (or a busy event loop) slows the round
 * trip, reads get fewer and serve more callers each instead of piling up: starting reads on a fixed
 * cadence regardless would spend ever more of an overloaded process on the stamp.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface BatchedVersionReaderOptions {
  /** Least time between the starts of two reads, in milliseconds; 0 reads back to back. */
  minIntervalMs?: number;
}

export class BatchedVersionReader {
  private current: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private lastStartedAt = Number.NEGATIVE_INFINITY;
  private readonly minIntervalMs: number;

  constructor(
    private readonly load: () => Promise<number>,
    options: BatchedVersionReaderOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 0;
  }

  read(): Promise<number> {
    if (this.current === null && this.queued === null && this.sinceLastStart() >= this.minIntervalMs) {
      return this.start();
    }
    this.queued ??= this.waitForTurn().then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private sinceLastStart(): number {
    return performance.now() - this.lastStartedAt;
  }

  /** Resolves once the read in flight (if any) has settled and the interval since it started is over. */
  private async waitForTurn(): Promise<void> {
    if (this.current !== null) await this.current.then(ignore, ignore);
    const remaining = this.minIntervalMs - this.sinceLastStart();
    if (remaining > 0) await delay(remaining);
  }

  private start(): Promise<number> {
    this.lastStartedAt = performance.now();
    const reading: Promise<number> = this.load().finally(() => {
      if (this.current === reading) this.current = null;
    });
    this.current = reading;
    return reading;
  }
}

function ignore(): void {}
