/**
 * Scores the extractor's output for one evaluation item: every numeric field, the region, the date,
 * the per-community figures, or, for a negative, whether anything came out at all.
 */
import { METRIC_NAMES, type ExtractedReport, type MetricName, type RegionKey } from '../extraction/types.js';
import { resolveRegionName } from '../gazetteer/regions.js';
import type { EvalItem } from './eval-item.js';
import { scoreMetric, type MetricOutcome } from './score-metric.js';
import { scorePerCommunity, type CommunityResolver, type PerCommunityScore } from './score-per-community.js';
import { selectReport } from './select-report.js';

export interface ItemScore {
  id: string;
  lang: EvalItem['lang'];
  negative: boolean;
  /** The item's region as a key; null for negatives and unknown names. */
  region: RegionKey | null;
  reportDate: string | null;
  reports: readonly ExtractedReport[];
  /** The report the item was scored against. */
  selected: ExtractedReport | null;
  /** Null on negatives. */
  fields: Record<MetricName, MetricOutcome> | null;
  regionCorrect: boolean | null;
  /** Null where the item has no `report_date` or is a negative. */
  dateCorrect: boolean | null;
  perCommunity: PerCommunityScore | null;
  /** A negative that produced a report. */
  falsePositive: boolean;
  /** Set when the extractor threw; the item is then scored as if nothing came out. */
  error: string | null;
}

/** Scores one item given what the extractor returned for it (or the error it threw). */
export function scoreItem(
  item: EvalItem,
  outcome: { reports: readonly ExtractedReport[]; error: string | null },
  resolveCommunity: CommunityResolver,
): ItemScore {
  const { reports, error } = outcome;
  const region = item.region === null ? null : resolveRegionName(item.region);
  const base = { id: item.id, lang: item.lang, region, reportDate: item.reportDate, reports, error };

  const labels = item.labels;
  if (labels === null) {
    return {
      ...base,
      negative: true,
      selected: null,
      fields: null,
      regionCorrect: null,
      dateCorrect: null,
      perCommunity: null,
      falsePositive: reports.length > 0,
    };
  }

  const selected = region === null ? null : selectReport(reports, region, item.reportDate);
  const fields = Object.fromEntries(
    METRIC_NAMES.map((name) => [
      name,
      scoreMetric(labels.values[name], labels.approx[name], selected?.metrics[name] ?? null),
    ]),
  ) as Record<MetricName, MetricOutcome>;

  return {
    ...base,
    negative: false,
    selected,
    fields,
    regionCorrect: selected !== null,
    dateCorrect: item.reportDate === null ? null : selected?.date === item.reportDate,
    perCommunity:
      region === null
        ? null
        : scorePerCommunity(labels.perCommunity, selected?.perCommunity ?? [], region, resolveCommunity),
    falsePositive: false,
  };
}
