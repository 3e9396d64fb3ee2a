/**
 * The briefing as CSV (RFC 4180 through csv-stringify, UTF-8, CRLF line ends): one header row, then a row
 * per region. The columns never change order; a figure no source stated is an empty cell, never 0.
 */
import { stringify } from 'csv-stringify/sync';
import { METRIC_NAMES } from '../../domain/extraction/types.js';
import type { Briefing } from '../queries/briefings.queries.js';
import { absoluteUrl } from './format-figure.js';

const METRIC_COLUMNS = [
  '',
  '_qualifier',
  '_avg_7d',
  '_days_7d',
  '_avg_28d',
  '_days_28d',
  '_change_vs_7d',
  '_change_vs_7d_percent',
  '_sources',
];

export const BRIEFING_CSV_COLUMNS: readonly string[] = [
  'date',
  'region',
  'region_name_uk',
  'region_name_en',
  'reported',
  'demo',
  ...METRIC_NAMES.flatMap((metric) => METRIC_COLUMNS.map((suffix) => `${metric}${suffix}`)),
  'top_communities',
  'alerts',
  'day_url',
];

function cell(value: number | string | boolean | null): string {
  return value === null ? '' : String(value);
}

export function renderBriefingCsv(briefing: Briefing, baseUrl: string): string {
  const rows = briefing.regions.map((row) => [
    briefing.date,
    row.region,
    row.nameUk,
    row.nameEn,
    cell(row.reported),
    cell(row.demo),
    ...row.metrics.flatMap((metric) => [
      cell(metric.day?.value ?? null),
      cell(metric.day?.qualifier ?? null),
      cell(metric.avg7.mean),
      cell(metric.avg7.days),
      cell(metric.avg28.mean),
      cell(metric.avg28.days),
      cell(metric.change),
      cell(metric.changePercent),
      metric.sources.flatMap((source) => source.url ?? []).join(' '),
    ]),
    row.topCommunities
      .map(
        (c) =>
          `${c.nameUk ?? c.code} (${c.code}): attacks ${cell(c.attacks?.value ?? null)}, explosions ${cell(c.explosions?.value ?? null)}`,
      )
      .join('; '),
    row.alerts.map((alert) => alert.explanation).join('; '),
    absoluteUrl(baseUrl, row.dayUrl) ?? '',
  ]);
  return stringify([[...BRIEFING_CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
