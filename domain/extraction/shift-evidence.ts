/** Moves evidence spans from the combined "title\ntext" back onto the field they came from. */
import { EMPTY_METRICS } from './pick-metrics.js';
import { METRIC_NAMES, type MetricValue, type Metrics } from './types.js';

export function shiftEvidence(metrics: Metrics, offset: number): Metrics {
  const out: Metrics = { ...EMPTY_METRICS };
  for (const name of METRIC_NAMES) {
    const metric = metrics[name];
    out[name] = metric ? { ...metric, evidence: shiftSpan(metric.evidence, offset) } : null;
  }
  return out;
}

/** Converts a span over "title\ntext" into a span over `text`, or over the title with `field: 'title'`. */
export function shiftSpan(span: MetricValue['evidence'], offset: number): MetricValue['evidence'] {
  if (offset > 0 && span.start < offset)
    return { start: span.start, end: Math.min(span.end, offset - 1), field: 'title' };
  return { start: span.start - offset, end: span.end - offset };
}
