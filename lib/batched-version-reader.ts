/**
 * Reads the data-version stamp for callers that must not see anything older than the last write, while
 * sending the database one small query per batch of concurrent callers rather than one per caller.
 *
 * A caller may only share a read that started after it called: a read already in flight could have been
 * answered before a write that finished just before the call. So a call made while a read is in flight
 * waits for the next read, which starts as soon as the current one ends and serves every caller queued
 * meanwhile. Under load that is one query per round trip, whatever the number of requests.
 */
export class BatchedVersionReader {
  private current: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(private readonly load: () => Promise<number>) {}

  read(): Promise<number> {
    if (this.current === null) return this.start();
    this.queued ??= this.current.then(ignore, ignore).then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<number> {
    const reading: Promise<number> = this.load().finally(() => {
      if (this.current === reading) this.current = null;
    });
    this.current = reading;
    return reading;
  }
}

function ignore(): void {}
