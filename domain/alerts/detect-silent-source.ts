/**
 * A silent source: by the configured Kyiv time, a region that usually has yesterday's summary in hand has
 * none, so that silence is flagged instead of being read as a calm day. "Usually" means a tally on at
 * least `silentSourceUsualShare` of the baseline days before yesterday.
 */
import { addDays, listDates } from './calendar.js';
import { describeSubject, formatNumber } from './describe-series.js';
import type { AlertThresholds } from './thresholds.js';
import type { Detection } from './types.js';

export interface SilenceInput {
  region: string;
  /** Kyiv-local date now, `yyyy-MM-dd`. */
  today: string;
  /** Kyiv-local time now, `HH:mm`. */
  timeNow: string;
  /** Dates on which the region has a tally (any window), at least over the baseline days before yesterday. */
  datesWithTally: ReadonlySet<string>;
  /** The source that usually reports for the region, when known. */
  usualSource: string | null;
}

export function detectSilentSource(
  input: SilenceInput,
  thresholds: Readonly<AlertThresholds>,
): Detection | null {
  if (input.timeNow < thresholds.silentSourceBy) return null;
  const yesterday = addDays(input.today, -1);
  if (input.datesWithTally.has(yesterday)) return null;
  const baselineDates = listDates(addDays(yesterday, -thresholds.baselineDays), addDays(yesterday, -1));
  const reported = baselineDates.filter((date) => input.datesWithTally.has(date)).length;
  const share = reported / baselineDates.length;
  if (share < thresholds.silentSourceUsualShare) return null;
  const subject = describeSubject(input.region, null);
  const by = thresholds.silentSourceBy;
  return {
    kind: 'silent_source',
    region: input.region,
    community: null,
    source: input.usualSource,
    metric: null,
    date: yesterday,
    value: 0,
    baseline: share,
    spread: null,
    threshold: thresholds.silentSourceUsualShare,
    method: `silent-source(by ${by} Kyiv, usual >= ${formatNumber(thresholds.silentSourceUsualShare * 100)}% of ${thresholds.baselineDays}d)`,
    explanation:
      `${subject}: no summary for ${yesterday} by ${by} Kyiv time, although one arrived on ` +
      `${reported} of the previous ${baselineDates.length} days${input.usualSource ? ` (usually from ${input.usualSource})` : ''}. ` +
      'Treat the day as unreported, not as calm.',
    reports: [],
  };
}
