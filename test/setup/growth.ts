/**
 * Growth checks that hold on a busy machine. A test never compares an elapsed time with a fixed number:
 * CI machines are shared, and an absolute figure that passes today fails on a loaded run tomorrow. What a
 * test can state is how the cost grows: the same work on n and on `factor`×n, timed back to back in the
 * same process, each the best of a few runs so that a pause from the GC counts once at most.
 *
 * The clock is the process's CPU time, not the wall clock: on a machine shared with other busy processes
 * a wall-clock run is stretched by every time slice the others take, while the CPU time this process spent
 * on the work stays what the work cost.
 *
 * Absolute speed belongs in `npm run bench`.
 */

export interface GrowthMeasurement {
  /** Best time of the small input, in ms. */
  small: number;
  /** Best time of the large input, in ms. */
  large: number;
  /** large / small: about `factor` for linear work, `factor`² for quadratic. */
  ratio: number;
}

/** CPU time (user and system) this process has used, in ms. */
function cpuTimeMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The best of `runs` CPU-time measurements of `work`, in ms. */
export function bestTimeMs(work: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = cpuTimeMs();
    work();
    best = Math.min(best, cpuTimeMs() - started);
  }
  return best;
}

/** Each timed measurement of the small input lasts at least this long, so that timer and scheduler noise
 * stays a small share of it; short work is repeated, and the large input is repeated as often. */
const MIN_MEASURED_MS = 25;

/**
 * Times `work(small)` and `work(large)` after one warm-up of each (so the JIT has compiled both paths),
 * taking the best of `runs` for each. Work too short to time on its own is repeated the same number of
 * times for both inputs. Inputs are built by the caller, outside the timed region.
 */
export function measureGrowth<T>(
  work: (input: T) => unknown,
  small: T,
  large: T,
  runs = 3,
): GrowthMeasurement {
  work(small);
  work(large);
  const once = bestTimeMs(() => work(small), 1);
  const repeats = Math.min(1000, Math.max(1, Math.ceil(MIN_MEASURED_MS / Math.max(once, 0.01))));
  const repeated = (input: T) => () => {
    for (let i = 0; i < repeats; i++) work(input);
  };
  const smallMs = bestTimeMs(repeated(small), runs) / repeats;
  const largeMs = bestTimeMs(repeated(large), runs) / repeats;
  return { small: smallMs, large: largeMs, ratio: largeMs / Math.max(smallMs, 1e-3) };
}

/** A message for a failed growth assertion, with both timings so the log shows what was measured. */
export function describeGrowth(measurement: GrowthMeasurement, factor: number): string {
  return (
    `${factor}x the input took ${measurement.ratio.toFixed(1)}x the time ` +
    `(${measurement.small.toFixed(1)} ms, then ${measurement.large.toFixed(1)} ms); ` +
    `linear work stays near ${factor}, quadratic reaches ${factor * factor}`
  );
}

/** Repeats `unit` until the string is exactly `length` characters long. */
export function repeatToLength(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/**
 * Mocha timeout for a growth test: a hang guard only. The timed runs (a warm-up and three of each size)
 * take a few seconds on a quiet machine; the guard leaves more than tenfold that for a loaded one.
 */
export const GROWTH_HANG_GUARD_MS = 120_000;
