/**
 * Detection cost: every detector over 4 years of daily tallies for the eight frontline regions and all of
 * their communities (per-community breakdowns from the gazetteer's hromadas), reported as a ratio against
 * one pass that only reads the same series (every region metric and every community's attacks and
 * explosions on every day) through the same readers.
 */
import { addDays, listDates, toDayNumber } from '../domain/alerts/calendar.js';
import { detectRegionAlerts } from '../domain/alerts/detect-region-alerts.js';
import { indexRegionDays, readCommunityMetric, readRegionMetric } from '../domain/alerts/region-series.js';
import { DEFAULT_THRESHOLDS } from '../domain/alerts/thresholds.js';
import { COMMUNITY_METRICS } from '../domain/alerts/types.js';
import type { CommunityDay, RegionDay } from '../domain/alerts/types.js';
import { listHromadas } from '../domain/gazetteer/hromadas.js';
import { measure, reportRatio, type Benchmark } from './harness.js';
import { TALLY_REGIONS } from './tally-workload.js';

const REGIONS = TALLY_REGIONS;
const METRICS = ['attacks', 'explosions', 'settlements', 'communities', 'injured'];
const START = '2021-01-01';
const DAYS = 4 * 365 + 1;

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RegionData {
  region: string;
  days: RegionDay[];
  communities: string[];
}

function generateRegion(region: string, seed: number): RegionData {
  const random = createRandom(seed);
  const communities = listHromadas(region).map((hromada) => hromada.katottg);
  const shares = communities.map(() => random() * 0.5);
  const days: RegionDay[] = [];
  for (let i = 0; i < DAYS; i++) {
    // One day in twenty is missing, as real reporting has gaps.
    if (random() < 0.05) continue;
    const spike = random() < 0.02 ? 3 : 1;
    const metrics: Record<string, number> = {};
    for (const [m, metric] of METRICS.entries())
      metrics[metric] = Math.round((10 + 30 * m) * (0.7 + 0.6 * random()) * spike);
    const perCommunity: CommunityDay[] = [];
    communities.forEach((community, c) => {
      if (random() < (shares[c] ?? 0)) {
        perCommunity.push({ community, attacks: 1 + Math.floor(random() * 6 * spike), explosions: null });
      }
    });
    days.push({
      date: addDays(START, i),
      metrics,
      perCommunity,
      reports: [{ id: null, source: `${region}-oda` }],
    });
  }
  return { region, days, communities };
}

const data = REGIONS.map((region, i) => generateRegion(region, 100 + i));
const dates = listDates(START, addDays(START, DAYS - 1));
const seriesCount = data.reduce(
  (sum, region) => sum + METRICS.length + region.communities.length * COMMUNITY_METRICS.length,
  0,
);

function readAllSeries(): number {
  let sum = 0;
  for (const region of data) {
    const index = indexRegionDays(region.region, region.days);
    const readers = [
      ...METRICS.map((metric) => readRegionMetric(index, metric)),
      ...region.communities.flatMap((community) =>
        COMMUNITY_METRICS.map((metric) => readCommunityMetric(index, community, metric)),
      ),
    ];
    const first = toDayNumber(START);
    for (const read of readers) {
      for (let day = first; day < first + DAYS; day++) sum += read(day) ?? 0;
    }
  }
  return sum;
}

let alertCount = 0;
function detectAll(): void {
  alertCount = 0;
  for (const region of data) {
    alertCount += detectRegionAlerts({
      region: region.region,
      days: region.days,
      dates,
      thresholds: DEFAULT_THRESHOLDS,
    }).length;
  }
}

export const benchmark: Benchmark = {
  name: 'alert detection',
  async run() {
    console.log(
      `  ${REGIONS.length} regions × ${DAYS} days, ${seriesCount} series (region metrics and communities)`,
    );
    const baseline = await measure('read every series once', readAllSeries, { samples: 3, warmup: 1 });
    const subject = await measure('detect (spike, rise, new front) on every day', detectAll, {
      samples: 3,
      warmup: 1,
    });
    reportRatio(subject, baseline);
    console.log(
      `  ${alertCount} alerts; detection ${subject.medianMs.toFixed(0)} ms, reading ${baseline.medianMs.toFixed(0)} ms`,
    );
  },
};
