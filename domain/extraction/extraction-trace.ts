/**
 * An optional record of how the extractor reached its output: every sentence with its region, role and
 * window, every candidate figure with the reason it was kept or dropped, and each report's date source.
 * `extractReports(input, { trace })` fills it; without a trace the stages skip all of this work, so the
 * normal path pays one null check per stage.
 */
import type { MetricName, Qualifier, RegionKey } from './types.js';

/** The roles a sentence can play; a sentence with none is an ordinary oblast-level sentence. */
export type SentenceRole =
  'title' | 'background' | 'names-region' | 'region-total' | 'community' | 'in-section';

export interface TraceSentence {
  text: string;
  start: number;
  region: RegionKey | null;
  roles: SentenceRole[];
  /** The window phrase the sentence names, if any ("past_24h", "night"). */
  window: string | null;
}

export type CandidateScope = 'oblast' | 'community' | 'weapon';

export interface TraceCandidate {
  /** Index into `sentences`. */
  sentence: number;
  metric: MetricName;
  value: number;
  qualifier: Qualifier;
  term: string;
  /** The phrase as written. */
  text: string;
  scope: CandidateScope;
  kept: boolean;
  reason: string;
}

export interface TraceReport {
  region: RegionKey;
  /** Null when the region's figures were dropped (see `reason`). */
  date: string | null;
  window: string;
  confidence: number | null;
  reason: string;
}

export interface ExtractionTrace {
  sentences: TraceSentence[];
  candidates: TraceCandidate[];
  reports: TraceReport[];
  /** Text-level decisions ("a running update without counts: casualties set aside"). */
  notes: string[];
}

export function createTrace(): ExtractionTrace {
  return { sentences: [], candidates: [], reports: [], notes: [] };
}

const EVIDENCE_LIMIT = 100;

/** Prints a trace as indented plain text, one sentence per block with its candidates under it. */
export function formatTrace(trace: ExtractionTrace): string {
  const lines: string[] = [];
  for (const note of trace.notes) lines.push(`note: ${note}`);
  trace.sentences.forEach((sentence, index) => {
    if (sentence.text.trim() === '') return;
    const roles = sentence.roles.length > 0 ? ` ${sentence.roles.join(',')}` : '';
    const window = sentence.window ? ` window=${sentence.window}` : '';
    lines.push(`[${index}] @${sentence.start} region=${sentence.region ?? '-'}${roles}${window}`);
    lines.push(`    ${clip(sentence.text)}`);
    for (const candidate of trace.candidates) {
      if (candidate.sentence !== index) continue;
      const mark = candidate.kept ? '+' : '-';
      const qualifier = candidate.qualifier === 'exact' ? '' : ` ${candidate.qualifier}`;
      lines.push(
        `    ${mark} ${candidate.metric} ${candidate.value}${qualifier} (${candidate.scope}, "${candidate.term}") ` +
          `"${clip(candidate.text)}": ${candidate.reason}`,
      );
    }
  });
  for (const report of trace.reports) {
    const confidence = report.confidence === null ? '' : ` confidence=${report.confidence}`;
    lines.push(
      `report ${report.region} date=${report.date ?? '-'} window=${report.window}${confidence}: ${report.reason}`,
    );
  }
  return lines.join('\n');
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EVIDENCE_LIMIT ? `${flat.slice(0, EVIDENCE_LIMIT)}…` : flat;
}
