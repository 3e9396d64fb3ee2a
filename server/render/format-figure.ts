/** How briefings write a figure in words: "at least 40", "12", or a dash for "not reported" (never 0). */
import type { Qualifier } from '../../domain/extraction/types.js';
import type { MetricFigure } from '../../domain/tallies/rollup-tallies.js';

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  at_least: 'at least ',
  more_than: 'more than ',
  almost: 'almost ',
  about: 'about ',
  up_to: 'up to ',
};

export const NOT_REPORTED = '—';

export function formatFigure(figure: MetricFigure | null): string {
  return figure === null ? NOT_REPORTED : `${QUALIFIER_WORDS[figure.qualifier]}${figure.value}`;
}

export function formatNumber(value: number | null): string {
  return value === null ? NOT_REPORTED : String(value);
}

export function formatChange(change: number | null, percent: number | null): string {
  if (change === null) return NOT_REPORTED;
  const sign = change > 0 ? '+' : '';
  return percent === null ? `${sign}${change}` : `${sign}${change} (${sign}${percent}%)`;
}

/** Makes an API path absolute for documents read outside the browser (CSV, PDF). */
export function absoluteUrl(baseUrl: string, url: string | null): string | null {
  if (url === null) return null;
  return url.startsWith('/') ? `${baseUrl}${url}` : url;
}
