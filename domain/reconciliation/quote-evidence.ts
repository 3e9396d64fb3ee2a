/** The evidence of a report: for each figure it states, the phrase it came from and where. */
import { METRIC_NAMES } from '../extraction/types.js';
import type { MetricValue } from '../extraction/types.js';
import type { EvidenceSpan, ReportFigures, TallyMetric } from './types.js';

export function toTallyMetric(value: MetricValue | null): TallyMetric | null {
  return value === null ? null : { value: value.value, qualifier: value.qualifier, term: value.term || null };
}

export function quoteEvidence(report: ReportFigures): EvidenceSpan[] {
  const spans: EvidenceSpan[] = [];
  for (const metric of METRIC_NAMES) {
    const figure = report.metrics[metric];
    if (!figure) continue;
    const { start, end, field } = figure.evidence;
    const source = field === 'title' ? (report.title ?? '') : report.text;
    spans.push({ metric, text: source.slice(start, end), start, end });
  }
  return spans;
}
