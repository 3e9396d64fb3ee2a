/**
 * The synthetic demo data set: daily tallies for the eight frontline oblasts, so that a fresh install with
 * no network shows something on its charts. The figures are invented. Every document is marked
 * `demo: true` and carries DEMO_NOTICE, and the logs say so whenever the set is loaded.
 *
 * Generation is deterministic: a figure depends only on the region, the date and the metric (through a
 * SHA-256 of the three), so loading the set twice, or on two machines, gives the same documents.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { DEMO_NOTICE, TALLY_METRICS, Tally } from '../models/tally.model.js';
import type { TallyMetric } from '../models/tally.model.js';

export const DEMO_SOURCE = 'demo-generator';
export const DEMO_EXTRACTOR_VERSION = 'demo-1';

/** Typical daily figures per region; metrics a region's reports do not state stay null. */
const REGION_PROFILES: Record<string, Partial<Record<TallyMetric, number>>> = {
  sumy: { communities: 14, settlements: 30, attacks: 45, explosions: 140, injured: 2, killed: 0.5 },
  kharkiv: { settlements: 16, attacks: 22, injured: 6, killed: 1.2 },
  kherson: { settlements: 28, attacks: 70, projectiles: 420, injured: 8, killed: 1 },
  zaporizhzhia: { settlements: 14, attacks: 420, injured: 3, killed: 0.6 },
  dnipropetrovsk: { communities: 5, attacks: 14, injured: 3, killed: 0.5 },
  donetsk: { settlements: 18, attacks: 30, injured: 7, killed: 3 },
  chernihiv: { communities: 8, attacks: 16, explosions: 60, injured: 0.6, killed: 0.2 },
  mykolaiv: { communities: 2, attacks: 4, injured: 0.4, killed: 0.1 },
};

export const DEMO_REGIONS = Object.keys(REGION_PROFILES);

export interface DemoRange {
  /** First and last Kyiv-local dates, `yyyy-MM-dd`, inclusive. */
  from: string;
  to: string;
}

/** The default range: the 120 days up to yesterday in Kyiv, so charts of recent weeks are filled. */
export function defaultDemoRange(now = new Date(), zone = 'Europe/Kyiv'): DemoRange {
  const yesterday = DateTime.fromJSDate(now, { zone }).minus({ days: 1 }).startOf('day');
  return { from: yesterday.minus({ days: 119 }).toISODate() ?? '', to: yesterday.toISODate() ?? '' };
}

/** A uniform number in [0, 1) determined by its parts. */
function uniform(...parts: string[]): number {
  return createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

function generateMetric(region: string, date: DateTime, metric: TallyMetric, typical: number) {
  const isoDate = date.toISODate() ?? '';
  // Weekly rhythm, a slow seasonal drift, day-to-day noise and a rare spike, so that the later spike
  // detection has something to find.
  const weekly = 1 + 0.15 * Math.sin((2 * Math.PI * date.weekday) / 7);
  const drift = 1 + 0.3 * Math.sin((2 * Math.PI * date.ordinal) / 120 + uniform(region, 'phase') * 6);
  const noise = 0.6 + 0.8 * uniform(region, isoDate, metric, 'noise');
  const spike = uniform(region, isoDate, 'spike') < 0.025 ? 2.5 + uniform(region, isoDate, 'size') : 1;
  const value = Math.max(0, Math.round(typical * weekly * drift * noise * spike));
  const approximate = metric === 'explosions' && uniform(region, isoDate, metric, 'qualifier') < 0.15;
  return { value, qualifier: approximate ? 'at_least' : 'exact', term: metric };
}

export interface DemoTally {
  region: string;
  date: string;
  window: 'total';
  metrics: Record<TallyMetric, { value: number; qualifier: string; term: string } | null>;
  contributions: Array<{ report: null; source: string; extractorVersion: string; evidence: [] }>;
  demo: true;
  notice: string;
}

/** Builds the demo tallies for a range; pure and deterministic. */
export function generateDemoTallies(range: DemoRange, zone = 'Europe/Kyiv'): DemoTally[] {
  const first = DateTime.fromISO(range.from, { zone });
  const last = DateTime.fromISO(range.to, { zone });
  if (!first.isValid || !last.isValid || last < first) {
    throw new RangeError(`Invalid demo range ${range.from}..${range.to}`);
  }
  const tallies: DemoTally[] = [];
  for (let date = first; date <= last; date = date.plus({ days: 1 })) {
    for (const [region, profile] of Object.entries(REGION_PROFILES)) {
      const metrics = Object.fromEntries(
        TALLY_METRICS.map((metric) => {
          const typical = profile[metric];
          return [metric, typical === undefined ? null : generateMetric(region, date, metric, typical)];
        }),
      ) as DemoTally['metrics'];
      // Settlements lie inside communities, so there are never fewer of them.
      if (metrics.settlements && metrics.communities) {
        metrics.settlements.value = Math.max(metrics.settlements.value, metrics.communities.value);
      }
      tallies.push({
        region,
        date: date.toISODate() ?? '',
        window: 'total',
        metrics,
        contributions: [
          { report: null, source: DEMO_SOURCE, extractorVersion: DEMO_EXTRACTOR_VERSION, evidence: [] },
        ],
        demo: true,
        notice: DEMO_NOTICE,
      });
    }
  }
  return tallies;
}

/**
 * Loads the demo tallies. Into a range that holds no tally at all (a first start), that is one bulk insert.
 * Otherwise each tally is an upsert, and a slot that already holds a real tally (demo: false) is skipped,
 * so demo figures never replace real ones; the `demo: true` in the filter keeps it that way even if a real
 * tally arrives between the read and the write (the insert then fails on the unique index instead).
 */
export async function loadDemoData(
  range: DemoRange,
  zone = 'Europe/Kyiv',
): Promise<{ written: number; skipped: number }> {
  const tallies = generateDemoTallies(range, zone);
  const inRange = { date: { $gte: range.from, $lte: range.to } };
  if (tallies.length > 0 && !(await Tally.exists(inRange))) {
    const inserted = await insertIntoEmptyRange(tallies);
    if (inserted) return { written: tallies.length, skipped: 0 };
  }
  const realSlots = new Set(
    (
      await Tally.find({ demo: { $ne: true }, ...inRange }, { _id: 0, region: 1, date: 1, window: 1 }).lean()
    ).map((tally) => `${tally.region}|${tally.date}|${tally.window}`),
  );
  const writable = tallies.filter((tally) => !realSlots.has(`${tally.region}|${tally.date}|${tally.window}`));
  if (writable.length > 0) {
    await Tally.bulkWrite(
      writable.map((tally) => ({
        updateOne: {
          filter: { region: tally.region, date: tally.date, window: tally.window, demo: true },
          update: { $set: tally },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }
  return { written: writable.length, skipped: tallies.length - writable.length };
}

/**
 * Inserts the tallies in one bulk, with the fields the model's defaults and timestamps add (a test checks
 * that they come out as the upserts store them), and without building a mongoose document for each.
 * False when a slot filled up meanwhile (a duplicate key), so that the caller upserts around it.
 */
async function insertIntoEmptyRange(tallies: DemoTally[]): Promise<boolean> {
  const now = new Date();
  const docs = tallies.map((tally) => ({
    ...tally,
    perCommunity: [],
    disagreements: [],
    revisions: [],
    createdAt: now,
    updatedAt: now,
    __v: 0,
  }));
  try {
    await Tally.insertMany(docs, { ordered: false, lean: true });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 11000) throw error;
    return false;
  }
}

/** Deletes every demo document, leaving real data untouched. */
export async function removeDemoData(): Promise<number> {
  const result = await Tally.deleteMany({ demo: true });
  return result.deletedCount;
}
