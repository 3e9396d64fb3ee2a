/**
 * Runs the extractor over one stored or incoming item and shapes the result as the extraction stored on
 * the Report, with the tally slots it feeds.
 */
import { EXTRACTOR_VERSION, extractReports } from '../../domain/extraction/extract-reports.js';
import type { ExtractedReport, Language } from '../../domain/extraction/types.js';
import { REPORT_WINDOWS } from '../../domain/reconciliation/types.js';
import type { ReportWindow } from '../../domain/reconciliation/types.js';

export interface ExtractionRecord {
  extractorVersion: string;
  extractedAt: Date;
  contentHash: string;
  reports: ExtractedReport[];
  error: string | null;
}

export interface Slot {
  region: string;
  date: string;
  window: ReportWindow;
}

export interface ExtractableItem {
  text: string;
  title: string | null;
  publishedAt: Date;
  contentHash: string;
}

export interface ExtractionContext {
  sourceRegion: string | null;
  language: Language | null;
  now: Date;
  /** The extractor to use; the real one unless a test or the reextract job passes another. */
  extract?: (input: Parameters<typeof extractReports>[0]) => ExtractedReport[];
  extractorVersion?: string;
}

export function isReportWindow(kind: string): kind is ReportWindow {
  return (REPORT_WINDOWS as readonly string[]).includes(kind);
}

/** The slots of an extraction: one per extracted report whose window can be tallied. */
export function listSlots(reports: readonly ExtractedReport[]): Slot[] {
  const slots = new Map<string, Slot>();
  for (const report of reports) {
    const kind = report.window.kind;
    if (!isReportWindow(kind)) continue;
    slots.set(`${report.region}|${report.date}|${kind}`, {
      region: report.region,
      date: report.date,
      window: kind,
    });
  }
  return [...slots.values()];
}

export function extractItem(item: ExtractableItem, context: ExtractionContext): ExtractionRecord {
  const extract = context.extract ?? extractReports;
  const extractorVersion = context.extractorVersion ?? EXTRACTOR_VERSION;
  try {
    const reports = extract({
      text: item.text,
      title: item.title,
      publishedAt: item.publishedAt,
      sourceRegion: context.sourceRegion,
      language: context.language,
    });
    return {
      extractorVersion,
      extractedAt: context.now,
      contentHash: item.contentHash,
      reports,
      error: null,
    };
  } catch (error) {
    // The extractor promises never to throw; if it does, the report is kept and the failure recorded on it.
    const message = error instanceof Error ? error.message : String(error);
    return {
      extractorVersion,
      extractedAt: context.now,
      contentHash: item.contentHash,
      reports: [],
      error: message,
    };
  }
}

/** The `region|date` keys of some slots, as stored in Report.days. */
export function listDays(slots: readonly Slot[]): string[] {
  return [...new Set(slots.map((slot) => `${slot.region}|${slot.date}`))];
}
