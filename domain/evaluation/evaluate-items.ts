/**
 * Runs an extractor over evaluation items and scores each one. The extractor is passed in, so the
 * scoring can be run against any implementation of the contract in domain/extraction/types.ts.
 */
import type { ExtractedReport, ReportInput } from '../extraction/types.js';
import { buildReportInput, DEFAULT_PUBLISHED_TIME } from './build-report-input.js';
import type { EvalItem } from './eval-item.js';
import { scoreItem, type ItemScore } from './score-item.js';
import type { CommunityResolver } from './score-per-community.js';

export type ExtractReports = (input: ReportInput) => ExtractedReport[];

export interface EvaluateOptions {
  resolveCommunity: CommunityResolver;
  /** Kyiv time of day given to the extractor as the publication time; see build-report-input.ts. */
  publishedTime?: string;
}

/** Extracts and scores every item. An extractor that throws on an item scores it as producing nothing. */
export function evaluateItems(
  items: readonly EvalItem[],
  extract: ExtractReports,
  options: EvaluateOptions,
): ItemScore[] {
  return items.map((item) => {
    const { input } = buildReportInput(item, options.publishedTime ?? DEFAULT_PUBLISHED_TIME);
    let reports: ExtractedReport[] = [];
    let error: string | null = null;
    try {
      reports = extract(input);
    } catch (thrown) {
      error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    }
    return scoreItem(item, { reports, error }, options.resolveCommunity);
  });
}
