/** Small synthetic evaluation items and extractor outputs for the scoring tests. */
import {
  METRIC_NAMES,
  type ExtractedReport,
  type MetricName,
  type MetricValue,
  type Qualifier,
} from '../../domain/extraction/types.js';
import type { EvalItem, EvalLabels } from '../../domain/evaluation/eval-item.js';

export function metric(value: number, qualifier: Qualifier = 'exact', term = 'обстрілів'): MetricValue {
  return { value, qualifier, term, evidence: { start: 0, end: 5 } };
}

export function labels(
  values: Partial<Record<MetricName, number>>,
  extra: Partial<EvalLabels> = {},
): EvalLabels {
  const all = Object.fromEntries(METRIC_NAMES.map((name) => [name, values[name] ?? null])) as Record<
    MetricName,
    number | null
  >;
  return { values: all, approx: {}, perCommunity: [], ...extra };
}

export function item(overrides: Partial<EvalItem> = {}): EvalItem {
  return {
    id: 'item-1',
    lang: 'uk',
    region: 'Sumy',
    reportDate: '2024-05-14',
    published: '2024-05-15',
    outlet: null,
    title: null,
    text: 'Протягом доби 12 обстрілів на Сумщині.',
    labels: labels({ attacks: 12 }),
    ...overrides,
  };
}

export function report(
  overrides: Partial<ExtractedReport> = {},
  metrics: Partial<Record<MetricName, MetricValue>> = {},
): ExtractedReport {
  return {
    region: 'sumy',
    date: '2024-05-14',
    window: { kind: 'past_24h' },
    metrics: Object.fromEntries(
      METRIC_NAMES.map((name) => [name, metrics[name] ?? null]),
    ) as ExtractedReport['metrics'],
    weapons: [],
    perCommunity: [],
    isCorrection: false,
    confidence: 0.9,
    needsReview: false,
    extractorVersion: 'test',
    ...overrides,
  };
}
