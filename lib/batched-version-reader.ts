/**
 * Reads the data-version stamp for callers that must not see anything older than the last write, while
 * sending the database one small query per batch of concurrent callers rather than one per caller.
 *
 * A caller may only share a read that started after it called: a read already in flight could have been
 * answered before a write that finished just before the call. So callers join the next read to start,
 * never one in flight. Reads start at least `minIntervalMs` apart: an idle reader reads at once, and
 * under load each read serves every caller that arrived in the interval before it. Reads do not wait
 * for one another, so a caller waits at most the interval plus one round trip, however slow the round
 * trip (a busy event loop, a distant database) becomes.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface BatchedVersionReaderOptions {
  /** Least time between the starts of two reads, in milliseconds. */
  minIntervalMs?: number;
}

export class BatchedVersionReader {
  /** The read due to start next, which callers arriving now join. */
  private next: Promise<number> | null = null;
  private lastStartedAt = Number.NEGATIVE_INFINITY;
  private readonly minIntervalMs: number;

  constructor(
    private readonly load: () => Promise<number>,
    options: BatchedVersionReaderOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 1;
  }

  read(): Promise<number> {
    if (this.next !== null) return this.next;
    const wait = this.lastStartedAt + this.minIntervalMs - performance.now();
    if (wait <= 0) return this.start();
    this.next = delay(wait).then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<number> {
    this.lastStartedAt = performance.now();
    return this.load();
  }
}
