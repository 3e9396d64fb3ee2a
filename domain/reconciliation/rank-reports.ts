/**
 * The order in which reports about the same window are trusted: an official oblast source before a relay,
 * then a correction before the post it corrects, then a later post before an earlier one. The report id
 * breaks the last ties, so the order never depends on the order reports were read in.
 */
import type { ReportFigures } from './types.js';

export function compareReports(a: ReportFigures, b: ReportFigures): number {
  if (a.official !== b.official) return a.official ? -1 : 1;
  if (a.isCorrection !== b.isCorrection) return a.isCorrection ? -1 : 1;
  const byTime = b.publishedAt.getTime() - a.publishedAt.getTime();
  if (byTime !== 0) return byTime;
  return a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0;
}

/** Best first. */
export function rankReports(reports: readonly ReportFigures[]): ReportFigures[] {
  return [...reports].sort(compareReports);
}

/** Why `kept` was preferred to `other`, in words stored on the disagreement. */
export function explainPreference(kept: ReportFigures, other: ReportFigures): string {
  if (kept.official && !other.official) return 'the official source outranks a relay';
  if (kept.isCorrection && !other.isCorrection) return 'a correction outranks the post it corrects';
  if (kept.publishedAt.getTime() > other.publishedAt.getTime())
    return 'a later report outranks an earlier one';
  return 'reports ranked equal; the first by id is kept';
}
