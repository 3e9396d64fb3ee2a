/**
 * Picks which of the extractor's reports an evaluation item is scored against: the one for the item's
 * region, and where there are several, the one for the labelled date.
 */
import type { ExtractedReport, RegionKey } from '../extraction/types.js';

/**
 * The report for `region`, or null when there is none. Among several: the one whose date is `reportDate`,
 * then a correction over the report it revises, then the most confident, then the first.
 */
export function selectReport(
  reports: readonly ExtractedReport[],
  region: RegionKey,
  reportDate: string | null,
): ExtractedReport | null {
  const candidates = reports.filter((report) => report.region === region);
  if (candidates.length <= 1) return candidates[0] ?? null;
  const ranked = candidates
    .map((report, index) => ({ report, index }))
    .sort(
      (a, b) =>
        rankDate(a.report, reportDate) - rankDate(b.report, reportDate) ||
        Number(b.report.isCorrection) - Number(a.report.isCorrection) ||
        b.report.confidence - a.report.confidence ||
        a.index - b.index,
    );
  return ranked[0]?.report ?? null;
}

function rankDate(report: ExtractedReport, reportDate: string | null): number {
  return reportDate !== null && report.date === reportDate ? 0 : 1;
}
