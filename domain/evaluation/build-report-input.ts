/**
 * Turns an evaluation item into the extractor's input. The set stores only the publication date, so the
 * harness has to choose a time of day for it; see `DEFAULT_PUBLISHED_TIME`.
 */
import { DateTime } from 'luxon';
import type { ReportInput } from '../extraction/types.js';
import type { EvalItem } from './eval-item.js';

const KYIV = 'Europe/Kyiv';

/**
 * Daily summaries are posted in the morning ("за минулу добу") or in the evening ("протягом дня"). A morning
 * time makes "past 24 hours" mean the previous day, as the labelling rules do, while a "throughout the day"
 * report still falls on the publication date.
 */
export const DEFAULT_PUBLISHED_TIME = '09:00';

/** Where the publication time given to the extractor came from. */
export type PublishedAtSource = 'published' | 'report_date' | 'none';

export interface BuiltInput {
  input: ReportInput;
  publishedAtSource: PublishedAtSource;
}

/**
 * Builds the extractor input. The publication time is `published` at `publishedTime` Kyiv time. Items without
 * a publication date use the end of their labelled day (as an archive page's dating would), and items with
 * neither use a fixed reference so that runs are repeatable.
 */
export function buildReportInput(item: EvalItem, publishedTime: string = DEFAULT_PUBLISHED_TIME): BuiltInput {
  const { publishedAt, source } = choosePublishedAt(item, publishedTime);
  return {
    input: {
      text: item.text,
      title: item.title,
      publishedAt,
      sourceRegion: null,
      language: item.lang,
    },
    publishedAtSource: source,
  };
}

function choosePublishedAt(
  item: EvalItem,
  publishedTime: string,
): { publishedAt: Date; source: PublishedAtSource } {
  if (item.published) return { publishedAt: atKyivTime(item.published, publishedTime), source: 'published' };
  if (item.reportDate) return { publishedAt: atKyivTime(item.reportDate, '23:00'), source: 'report_date' };
  return { publishedAt: atKyivTime('2025-01-01', publishedTime), source: 'none' };
}

function atKyivTime(isoDate: string, time: string): Date {
  const moment = DateTime.fromISO(`${isoDate}T${time}`, { zone: KYIV });
  if (!moment.isValid) throw new Error(`invalid date or time: ${isoDate} ${time}`);
  return moment.toJSDate();
}
