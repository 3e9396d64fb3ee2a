/**
 * Tiny benchmark harness. These machines are noisy, so every figure is reported as a ratio against a
 * baseline measured in the same run, right next to it, rather than as an absolute time.
 */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  name: string;
  /** Operations (as counted by the caller) per second. */
  opsPerSecond: number;
  /** Median wall time of one sample, in milliseconds. */
  medianMs: number;
}

export interface MeasureOptions {
  /** Operations performed by one call of `fn`; used to turn time into throughput. */
  opsPerCall?: number;
  /** Number of timed samples; the median is reported. */
  samples?: number;
  /** Untimed calls made first so that the JIT and caches settle. */
  warmup?: number;
}

/** Times `fn` several times and reports the median sample as throughput. */
export async function measure(
  name: string,
  fn: () => unknown,
  { opsPerCall = 1, samples = 5, warmup = 1 }: MeasureOptions = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)] ?? Number.NaN;
  return { name, medianMs, opsPerSecond: (opsPerCall * 1000) / medianMs };
}

/** Prints a measurement beside its baseline as a ratio (how many times slower than the baseline). */
export function reportRatio(subject: Measurement, baseline: Measurement): number {
  const slowdown = baseline.opsPerSecond / subject.opsPerSecond;
  console.log(
    `  ${subject.name}: ${formatRate(subject.opsPerSecond)} ops/s vs ${baseline.name}: ` +
      `${formatRate(baseline.opsPerSecond)} ops/s -> ratio ${slowdown.toFixed(2)}x slower than baseline`,
  );
  return slowdown;
}

function formatRate(rate: number): string {
  return rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(2);
}

/** The shape every `bench/*.bench.ts` file exports. */
export interface Benchmark {
  name: string;
  run(): Promise<void>;
}
