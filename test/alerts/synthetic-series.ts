/**
 * Synthetic daily tallies with known injected events, for measuring the detectors: a seeded generator
 * (the same seed gives the same series), over-dispersed count noise, and helpers to inject spikes, rises,
 * new fronts and silences, remembering where each was put.
 */
import { addDays } from '../../domain/alerts/calendar.js';
import type { CommunityDay, RegionDay } from '../../domain/alerts/types.js';

/** mulberry32: a small, seedable PRNG. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleNormal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Poisson by inversion for small means, a rounded normal for large ones. */
export function samplePoisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * sampleNormal(random)));
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = random();
  while (u > cumulative) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/** A Poisson whose mean itself varies day to day by a log-normal factor: over-dispersed, like real counts. */
export function sampleCount(random: () => number, mean: number, dispersion: number): number {
  return samplePoisson(
    random,
    mean * Math.exp(dispersion * sampleNormal(random) - (dispersion * dispersion) / 2),
  );
}

export interface SyntheticMetric {
  metric: string;
  /** Expected level on day i. */
  level: (i: number) => number;
}

export interface SyntheticRegionOptions {
  seed: number;
  start: string;
  days: number;
  metrics: SyntheticMetric[];
  /** Log-normal sd of the day-to-day variation. */
  dispersion: number;
  /** Share of days with no tally at all. */
  missingShare?: number;
}

export function generateRegionDays(options: SyntheticRegionOptions): RegionDay[] {
  const random = createRandom(options.seed);
  const days: RegionDay[] = [];
  for (let i = 0; i < options.days; i++) {
    if (random() < (options.missingShare ?? 0)) continue;
    const metrics: Record<string, number> = {};
    for (const metric of options.metrics) {
      metrics[metric.metric] = sampleCount(random, metric.level(i), options.dispersion);
    }
    days.push({
      date: addDays(options.start, i),
      metrics,
      perCommunity: [],
      reports: [{ id: `r-${i}`, source: 'synthetic' }],
    });
  }
  return days;
}

/** Multiplies a metric on one date; returns false when that date has no tally. */
export function scaleMetric(days: RegionDay[], date: string, metric: string, factor: number): boolean {
  const day = days.find((item) => item.date === date);
  const value = day?.metrics[metric];
  if (!day || value === null || value === undefined) return false;
  day.metrics = { ...day.metrics, [metric]: Math.round(value * factor) };
  return true;
}

export interface SyntheticCommunity {
  community: string;
  /** Chance of being attacked on a given day. */
  attackShare: number;
  meanAttacks: number;
}

/** Adds per-community breakdowns to the days (communities not attacked are left out, as sources do). */
export function addBreakdowns(
  days: RegionDay[],
  communities: SyntheticCommunity[],
  seed: number,
  breakdownShare = 1,
): void {
  const random = createRandom(seed);
  for (const day of days) {
    if (random() >= breakdownShare) {
      day.perCommunity = [];
      continue;
    }
    const entries: CommunityDay[] = [];
    for (const community of communities) {
      if (random() < community.attackShare) {
        const attacks = Math.max(1, samplePoisson(random, community.meanAttacks));
        entries.push({ community: community.community, attacks, explosions: null });
      }
    }
    day.perCommunity = entries;
  }
}

/** Precision and recall of found events against injected ones. */
export function scoreEvents(found: number, truePositives: number, injected: number) {
  return {
    precision: found === 0 ? 1 : truePositives / found,
    recall: injected === 0 ? 1 : truePositives / injected,
  };
}

export function printScore(
  label: string,
  score: { precision: number; recall: number },
  counts: string,
): void {
  console.log(
    `      ${label}: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)} (${counts})`,
  );
}
