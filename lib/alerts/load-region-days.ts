/**
 * Reads a region's daily `total` tallies into the plain shape the detectors take. A metric the tally
 * does not state stays null. With `knownAt`, a tally's figures are taken as they stood then: a revision
 * made later is undone from its `previous` figures (the per-community breakdown keeps no history, so it is
 * read as it is now).
 */
import type { RegionDay } from '../../domain/alerts/types.js';
import { Tally } from '../../models/tally.model.js';
import type { TallyFields } from '../../models/tally.model.js';

type MetricSlot = { value: number } | null | undefined;
type LeanTally = Pick<TallyFields, 'date' | 'metrics' | 'perCommunity' | 'contributions' | 'revisions'>;

function valueOf(slot: MetricSlot): number | null {
  return slot ? slot.value : null;
}

function metricsAsKnownAt(tally: LeanTally, knownAt: Date | undefined): Record<string, MetricSlot> {
  const current = (tally.metrics ?? {}) as Record<string, MetricSlot>;
  if (!knownAt) return current;
  // The earliest revision after knownAt holds the figures as they were at knownAt.
  const later = tally.revisions
    .filter((revision) => revision.revisedAt > knownAt)
    .sort((a, b) => a.revisedAt.getTime() - b.revisedAt.getTime())[0];
  return later ? later.previous : current;
}

export function toRegionDay(tally: LeanTally, knownAt?: Date): RegionDay {
  const metrics = metricsAsKnownAt(tally, knownAt);
  return {
    date: tally.date,
    metrics: Object.fromEntries(Object.entries(metrics).map(([name, slot]) => [name, valueOf(slot)])),
    perCommunity: tally.perCommunity.map((entry) => ({
      community: entry.community,
      attacks: valueOf(entry.attacks),
      explosions: valueOf(entry.explosions),
    })),
    reports: tally.contributions.map((contribution) => ({
      id: contribution.report ? String(contribution.report) : null,
      source: contribution.source,
    })),
  };
}

/** The region's `total` tallies dated `from` to `to`, inclusive, oldest first. */
export async function loadRegionDays(region: string, from: string, to: string): Promise<RegionDay[]> {
  const tallies = await Tally.find(
    { region, window: 'total', date: { $gte: from, $lte: to } },
    { date: 1, metrics: 1, perCommunity: 1, contributions: 1, revisions: 1 },
  )
    .sort({ date: 1 })
    .lean<LeanTally[]>();
  return tallies.map((tally) => toRegionDay(tally));
}
