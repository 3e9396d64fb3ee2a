/**
 * One detection pass: reads the tallies each evaluated day needs, runs the pure detectors, and writes
 * the results as alerts. After an ingest it evaluates the days the ingest changed; on its schedule, the
 * last few days of every region, plus the silent-source check.
 */
import { DateTime } from 'luxon';
import { addDays } from '../../domain/alerts/calendar.js';
import { computeLookbackDays, detectRegionAlerts } from '../../domain/alerts/detect-region-alerts.js';
import { detectSilentSource } from '../../domain/alerts/detect-silent-source.js';
import type { Detection } from '../../domain/alerts/types.js';
import { bumpDataVersion } from '../../models/data-version.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';
import type { AppConfig } from '../config.js';
import { resolveArrivedSilences, saveDetections } from './alert-store.js';
import type { SaveOutcome } from './alert-store.js';
import { createThresholdLookup } from './alert-thresholds.js';
import { loadRegionDays } from './load-region-days.js';

/** Days back from today a scheduled pass evaluates, so a late summary of yesterday is still judged. */
const SCHEDULED_DAYS = 2;

export interface DetectionSlot {
  region: string;
  date: string;
}

export interface DetectionPassOptions {
  config: AppConfig;
  now: Date;
  /** The (region, date) pairs to evaluate; all regions' latest days when absent. */
  slots?: readonly DetectionSlot[];
  /** Also check for silent sources (scheduled passes do; post-ingest passes need not). */
  checkSilence?: boolean;
  /** Names what wrote, for the data-version stamp. */
  writer: string;
}

export interface DetectionPassResult extends SaveOutcome {
  evaluated: number;
  detections: number;
  silences: number;
}

function groupByRegion(slots: readonly DetectionSlot[]): Map<string, string[]> {
  const byRegion = new Map<string, Set<string>>();
  for (const { region, date } of slots) {
    const dates = byRegion.get(region) ?? new Set<string>();
    dates.add(date);
    byRegion.set(region, dates);
  }
  return new Map([...byRegion].map(([region, dates]) => [region, [...dates].sort()]));
}

async function listScheduledSlots(today: string): Promise<DetectionSlot[]> {
  const from = addDays(today, -SCHEDULED_DAYS);
  const tallies = await Tally.find(
    { window: 'total', date: { $gte: from, $lte: today } },
    { _id: 0, region: 1, date: 1 },
  ).lean();
  return tallies.map((tally) => ({ region: tally.region, date: tally.date }));
}

async function detectSilences(config: AppConfig, now: DateTime): Promise<Detection[]> {
  const thresholdsFor = createThresholdLookup(config);
  const today = now.toISODate() ?? '';
  const timeNow = now.toFormat('HH:mm');
  const longest = Math.max(
    config.ALERT_BASELINE_DAYS,
    ...Object.values(config.ALERT_REGION_THRESHOLDS).map((o) => o.baselineDays ?? 0),
  );
  const from = addDays(today, -longest - 2);
  const tallies = await Tally.find(
    { date: { $gte: from, $lt: today } },
    { _id: 0, region: 1, date: 1 },
  ).lean();
  const datesByRegion = new Map<string, Set<string>>();
  for (const tally of tallies) {
    const dates = datesByRegion.get(tally.region) ?? new Set<string>();
    dates.add(tally.date);
    datesByRegion.set(tally.region, dates);
  }
  const officialSources = await Source.find(
    { official: true, enabled: true, region: { $ne: null } },
    { _id: 0, key: 1, region: 1 },
  ).lean();
  const sourceByRegion = new Map(officialSources.map((source) => [source.region ?? '', source.key]));
  const regions = new Set([...datesByRegion.keys(), ...sourceByRegion.keys()]);
  const detections: Detection[] = [];
  for (const region of [...regions].sort()) {
    const detection = detectSilentSource(
      {
        region,
        today,
        timeNow,
        datesWithTally: datesByRegion.get(region) ?? new Set(),
        usualSource: sourceByRegion.get(region) ?? null,
      },
      thresholdsFor(region),
    );
    if (detection) detections.push(detection);
  }
  return detections;
}

export async function runDetectionPass(options: DetectionPassOptions): Promise<DetectionPassResult> {
  const { config } = options;
  const kyivNow = DateTime.fromJSDate(options.now, { zone: config.REPORT_TIMEZONE });
  const slots = options.slots ?? (await listScheduledSlots(kyivNow.toISODate() ?? ''));
  const thresholdsFor = createThresholdLookup(config);
  const detections: Detection[] = [];
  const evaluated: DetectionSlot[] = [];
  let resolvedSilences = 0;

  for (const [region, dates] of groupByRegion(slots)) {
    const thresholds = thresholdsFor(region);
    const first = dates[0] ?? '';
    const last = dates[dates.length - 1] ?? '';
    const days = await loadRegionDays(region, addDays(first, -computeLookbackDays(thresholds)), last);
    const present = new Set(days.map((day) => day.date));
    const judged = dates.filter((date) => present.has(date));
    detections.push(...detectRegionAlerts({ region, days, dates: judged, thresholds }));
    evaluated.push(...judged.map((date) => ({ region, date })));
    resolvedSilences += await resolveArrivedSilences(region, judged, options.now);
  }

  const silences = options.checkSilence ? await detectSilences(config, kyivNow) : [];
  const outcome = await saveDetections([...detections, ...silences], evaluated, options.now);
  const wrote = outcome.created.length + outcome.updated + outcome.resolved + resolvedSilences;
  if (wrote > 0) await bumpDataVersion(options.writer, options.now);
  return {
    ...outcome,
    resolved: outcome.resolved + resolvedSilences,
    evaluated: evaluated.length,
    detections: detections.length + silences.length,
    silences: silences.length,
  };
}
