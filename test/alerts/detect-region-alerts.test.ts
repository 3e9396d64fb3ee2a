import assert from 'node:assert/strict';
import { addDays, listDates } from '../../domain/alerts/calendar.js';
import { detectRegionAlerts } from '../../domain/alerts/detect-region-alerts.js';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '../../domain/alerts/thresholds.js';
import type { Detection, RegionDay } from '../../domain/alerts/types.js';
import {
  addBreakdowns,
  createRandom,
  generateRegionDays,
  printScore,
  scaleMetric,
  scoreEvents,
} from './synthetic-series.js';

const START = '2024-01-01';
const DAYS = 240;
const ALL_DATES = listDates(START, addDays(START, DAYS - 1));
const LEVELS = [6, 15, 45, 140, 420];

function detectAll(region: string, days: RegionDay[], dates = ALL_DATES): Detection[] {
  return detectRegionAlerts({ region, days, dates, thresholds: DEFAULT_THRESHOLDS });
}

function flatRegion(seed: number, level: number, dispersion = 0.15, missingShare = 0): RegionDay[] {
  return generateRegionDays({
    seed,
    start: START,
    days: DAYS,
    dispersion,
    missingShare,
    metrics: [{ metric: 'attacks', level: () => level }],
  });
}

describe('domain/alerts detectRegionAlerts', () => {
  describe('on flat series', () => {
    it('raises no alert at any level, with or without missing days', () => {
      for (const [i, level] of LEVELS.entries()) {
        for (const missingShare of [0, 0.3]) {
          const alerts = detectAll('sumy', flatRegion(100 + i, level, 0.15, missingShare));
          assert.deepEqual(alerts, [], `level ${level}, missing ${missingShare}`);
        }
      }
    });

    it('raises no alert on sparse counts, mostly 0 with the odd 1 to 3', () => {
      const random = createRandom(7);
      const days: RegionDay[] = ALL_DATES.map((date) => ({
        date,
        metrics: { killed: random() < 0.8 ? 0 : 1 + Math.floor(random() * 3) },
        perCommunity: [],
        reports: [],
      }));
      assert.deepEqual(detectAll('mykolaiv', days), []);
    });
  });

  describe('on slowly trending series', () => {
    it('raises no alert on a series that triples over the period, or halves', () => {
      for (const [seed, from, to] of [
        [11, 20, 60],
        [12, 140, 420],
        [13, 300, 150],
      ] as const) {
        const days = generateRegionDays({
          seed,
          start: START,
          days: DAYS,
          dispersion: 0.15,
          metrics: [{ metric: 'explosions', level: (i) => from + ((to - from) * i) / DAYS }],
        });
        assert.deepEqual(detectAll('sumy', days), [], `${from} → ${to}`);
      }
    });
  });

  describe('on series with injected spikes', () => {
    it('finds them with high precision and recall, and reports no rise for a lone spike', () => {
      let injected = 0;
      let found = 0;
      let truePositives = 0;
      let rises = 0;
      for (let seed = 0; seed < 20; seed++) {
        const random = createRandom(1000 + seed);
        const level = LEVELS[seed % LEVELS.length] ?? 10;
        const days = flatRegion(2000 + seed, level, 0.2);
        const spikes = new Set<string>();
        for (let at = 40 + Math.floor(random() * 10); at < DAYS; at += 35 + Math.floor(random() * 10)) {
          const date = addDays(START, at);
          if (scaleMetric(days, date, 'attacks', 3 + 2 * random())) spikes.add(date);
        }
        const alerts = detectAll('kharkiv', days);
        const spikeAlerts = alerts.filter((alert) => alert.kind === 'spike');
        // A lone spike must not read as a rise in the days after it.
        rises += alerts.filter(
          (alert) =>
            alert.kind === 'sustained_rise' &&
            [...spikes].some((date) => alert.date >= date && alert.date <= addDays(date, 7)),
        ).length;
        injected += spikes.size;
        found += spikeAlerts.length;
        truePositives += spikeAlerts.filter((alert) => spikes.has(alert.date)).length;
      }
      const score = scoreEvents(found, truePositives, injected);
      printScore('spikes', score, `${truePositives} of ${injected} injected, ${found} alerts`);
      assert.ok(score.precision >= 0.9, `precision ${score.precision}`);
      assert.ok(score.recall >= 0.9, `recall ${score.recall}`);
      assert.equal(rises, 0);
    });

    it('explains a spike with its value, baseline, spread, threshold, method and reports', () => {
      const days = flatRegion(5, 40, 0.1);
      const date = addDays(START, 100);
      scaleMetric(days, date, 'attacks', 4);
      const [alert] = detectAll('sumy', days, [date]);
      assert.ok(alert);
      assert.equal(alert.kind, 'spike');
      assert.equal(alert.metric, 'attacks');
      assert.equal(alert.community, null);
      assert.ok(alert.value !== null && alert.threshold !== null && alert.value > alert.threshold);
      assert.ok(alert.baseline !== null && alert.baseline > 30 && alert.baseline < 50);
      assert.ok(alert.spread !== null && alert.spread > 0);
      assert.match(alert.method, /^robust-z\(28d\) > 3\.5/);
      assert.match(alert.explanation, /^Sumy Oblast: \d+ attacks on 2024-04-10, against a median of/);
      assert.deepEqual(alert.reports, [{ id: 'r-100', source: 'synthetic' }]);
    });
  });

  describe('on series with injected rises', () => {
    it('finds a doubling that lasts, once per rise, with high precision and recall', () => {
      let injected = 0;
      let found = 0;
      let truePositives = 0;
      for (let seed = 0; seed < 20; seed++) {
        const random = createRandom(3000 + seed);
        const level = LEVELS[seed % LEVELS.length] ?? 10;
        const riseStart = 60 + Math.floor(random() * 100);
        const factor = 2 + random() * 0.5;
        const days = generateRegionDays({
          seed: 4000 + seed,
          start: START,
          days: DAYS,
          dispersion: 0.2,
          metrics: [
            {
              metric: 'attacks',
              level: (i) => (i >= riseStart && i < riseStart + 20 ? level * factor : level),
            },
          ],
        });
        injected++;
        const rises = detectAll('kherson', days).filter((alert) => alert.kind === 'sustained_rise');
        found += rises.length;
        const window = listDates(addDays(START, riseStart), addDays(START, riseStart + 9));
        truePositives += Math.min(1, rises.filter((alert) => window.includes(alert.date)).length);
      }
      const score = scoreEvents(found, truePositives, injected);
      printScore('sustained rises', score, `${truePositives} of ${injected} injected, ${found} alerts`);
      assert.ok(score.precision >= 0.8, `precision ${score.precision}`);
      assert.ok(score.recall >= 0.9, `recall ${score.recall}`);
    });
  });

  describe('on per-community breakdowns', () => {
    const communities = [
      { community: 'UA59020010000000000', attackShare: 0.9, meanAttacks: 8 },
      { community: 'UA59020030000000000', attackShare: 0.5, meanAttacks: 2 },
      { community: 'UA59020050000000000', attackShare: 0.2, meanAttacks: 1 },
      { community: 'UA59020070000000000', attackShare: 0.7, meanAttacks: 4 },
    ];

    it('finds new fronts with high precision and recall, and never on regularly attacked communities', () => {
      let injected = 0;
      let found = 0;
      let truePositives = 0;
      for (let seed = 0; seed < 10; seed++) {
        const random = createRandom(5000 + seed);
        const days = flatRegion(6000 + seed, 45, 0.15);
        addBreakdowns(days, communities, 7000 + seed);
        // A community that stays calm for 40+ days, then is attacked once.
        const quiet = 'UA59020090000000000';
        const fronts = new Set<string>();
        for (let at = 45 + Math.floor(random() * 5); at < DAYS; at += 45 + Math.floor(random() * 10)) {
          const day = days.find((item) => item.date === addDays(START, at));
          if (!day) continue;
          day.perCommunity = [...day.perCommunity, { community: quiet, attacks: 3, explosions: null }];
          fronts.add(day.date);
        }
        const alerts = detectAll('sumy', days).filter((alert) => alert.kind === 'new_front');
        injected += fronts.size;
        found += alerts.length;
        truePositives += alerts.filter((alert) => alert.community === quiet && fronts.has(alert.date)).length;
      }
      const score = scoreEvents(found, truePositives, injected);
      printScore('new fronts', score, `${truePositives} of ${injected} injected, ${found} alerts`);
      assert.ok(score.precision >= 0.9, `precision ${score.precision}`);
      assert.ok(score.recall >= 0.9, `recall ${score.recall}`);
    });

    it('does not read days without a breakdown as calm', () => {
      const days = flatRegion(8, 45, 0.15);
      addBreakdowns(days, communities, 9);
      // The breakdowns stop for 25 days; the community attacked after them was last seen before them.
      for (const day of days.slice(100, 125)) day.perCommunity = [];
      const target = days[125];
      assert.ok(target);
      target.perCommunity = [{ community: 'UA59020090000000000', attacks: 2, explosions: null }];
      const alerts = detectAll('sumy', days, [target.date]);
      assert.deepEqual(
        alerts.filter((alert) => alert.kind === 'new_front'),
        [],
      );
    });

    it('finds a spike in one community and names it', () => {
      const days = flatRegion(10, 45, 0.15);
      addBreakdowns(days, communities, 11);
      const day = days[150];
      assert.ok(day);
      day.perCommunity = day.perCommunity.map((entry) =>
        entry.community === 'UA59020010000000000' ? { ...entry, attacks: 60 } : entry,
      );
      const spikes = detectAll('sumy', days, [day.date]).filter((alert) => alert.kind === 'spike');
      assert.equal(spikes.length, 1);
      assert.equal(spikes[0]?.community, 'UA59020010000000000');
      assert.equal(spikes[0]?.metric, 'attacks');
    });
  });

  describe('missing days', () => {
    it('leaves them out of the baseline instead of counting them as 0', () => {
      const days: RegionDay[] = [];
      // Every other day reported, at 50; the days between are absent.
      for (let i = 0; i < 28; i += 2) {
        days.push({ date: addDays(START, i), metrics: { attacks: 50 }, perCommunity: [], reports: [] });
      }
      const date = addDays(START, 28);
      days.push({ date, metrics: { attacks: 200 }, perCommunity: [], reports: [] });
      const [alert] = detectAll('sumy', days, [date]);
      assert.equal(alert?.baseline, 50);
      assert.match(alert?.explanation ?? '', /over 14 reported days of the previous 28/);
      assert.match(alert?.method ?? '', /^poisson/);
    });

    it('treats a metric a day does not state (null) as missing', () => {
      const days: RegionDay[] = ALL_DATES.slice(0, 29).map((date, i) => ({
        date,
        metrics: { attacks: i < 28 ? null : 200 },
        perCommunity: [],
        reports: [],
      }));
      assert.deepEqual(detectAll('sumy', days), []);
    });
  });

  describe('thresholds', () => {
    it('applies a region override over the global set', () => {
      const days = flatRegion(12, 40, 0.1);
      const date = addDays(START, 100);
      scaleMetric(days, date, 'attacks', 3);
      const strict = resolveThresholds(DEFAULT_THRESHOLDS, { sumy: { minCount: 1000 } }, 'sumy');
      const other = resolveThresholds(DEFAULT_THRESHOLDS, { sumy: { minCount: 1000 } }, 'kharkiv');
      assert.equal(detectRegionAlerts({ region: 'sumy', days, dates: [date], thresholds: strict }).length, 0);
      assert.equal(detectRegionAlerts({ region: 'sumy', days, dates: [date], thresholds: other }).length, 1);
    });

    it('requires the minimum ratio to the baseline even past the z threshold', () => {
      const days = flatRegion(13, 400, 0.02);
      const date = addDays(START, 100);
      scaleMetric(days, date, 'attacks', 1.5);
      assert.deepEqual(detectAll('sumy', days, [date]), []);
      const lenient = { ...DEFAULT_THRESHOLDS, minRatio: 1.2 };
      assert.equal(
        detectRegionAlerts({ region: 'sumy', days, dates: [date], thresholds: lenient }).length,
        1,
      );
    });
  });

  it('reads nothing dated after the evaluated day', () => {
    const days = flatRegion(14, 40, 0.1);
    const date = addDays(START, 100);
    const before = detectAll('sumy', days, [date]);
    for (const day of days) if (day.date > date) day.metrics = { attacks: 10_000 };
    assert.deepEqual(detectAll('sumy', days, [date]), before);
  });
});
