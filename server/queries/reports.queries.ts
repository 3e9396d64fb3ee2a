/**
 * Lists fetched reports with their extraction results, newest publication first, a page at a time.
 *
 * The cursor names the last item of a page by its sort key (publication time, then id), so a page is
 * "the items after this one", never "skip N": reports inserted meanwhile (new posts are newer, so they
 * sort before the cursor) cannot shift later pages, repeat an item or skip one.
 */
import { Types } from 'mongoose';
import { ValidationError } from '../../lib/errors.js';
import { Report } from '../../models/report.model.js';
import type { ReportFields } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';

export interface ReportListQuery {
  region?: string | undefined;
  date?: string | undefined;
  source?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

interface CursorKey {
  publishedAt: Date;
  id: Types.ObjectId;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(`${key.publishedAt.getTime()}:${key.id.toHexString()}`, 'utf8').toString('base64url');
}

/** Reads a cursor this API issued; anything else is a 400 naming the `cursor` parameter. */
export function decodeCursor(cursor: string): CursorKey {
  const match = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) {
    throw new ValidationError('Invalid query parameter "cursor": is not a cursor this API issued', {
      details: {
        issues: [
          {
            parameter: 'cursor',
            in: 'query',
            reason: 'invalid_cursor',
            message: 'is not a cursor this API issued',
          },
        ],
      },
    });
  }
  return { publishedAt: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

type StoredReport = ReportFields & { _id: Types.ObjectId };

/** The newest extraction of a report (the one the tallies use), as extractors wrote it. */
function latestExtraction(report: StoredReport) {
  const latest = report.extractions.reduce<StoredReport['extractions'][number] | null>(
    (newest, extraction) =>
      newest === null || extraction.extractedAt > newest.extractedAt ? extraction : newest,
    null,
  );
  if (latest === null) return null;
  return {
    extractorVersion: latest.extractorVersion,
    extractedAt: latest.extractedAt.toISOString(),
    error: latest.error ?? null,
    reports: latest.reports,
  };
}

export async function listReports(query: ReportListQuery) {
  const filter: Record<string, unknown> = {};
  if (query.source !== undefined) filter['source'] = query.source;
  if (query.region !== undefined) filter['extractions.reports.region'] = query.region;
  if (query.date !== undefined) filter['extractions.reports.date'] = query.date;
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    filter['$or'] = [
      { publishedAt: { $lt: after.publishedAt } },
      { publishedAt: after.publishedAt, _id: { $lt: after.id } },
    ];
  }
  const page = await Report.find(filter, { text: 0, revisions: 0 })
    .sort({ publishedAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<StoredReport[]>();
  const hasMore = page.length > query.limit;
  const items = hasMore ? page.slice(0, query.limit) : page;
  const sources = await Source.find(
    { key: { $in: [...new Set(items.map((r) => r.source))] } },
    { key: 1, name: 1 },
  ).lean();
  const sourceNames = new Map(sources.map((source) => [source.key, source.name]));
  const last = items.at(-1);
  return {
    reports: items.map((report) => ({
      id: String(report._id),
      source: report.source,
      sourceName: sourceNames.get(report.source) ?? null,
      guid: report.guid,
      url: report.url ?? null,
      title: report.title ?? null,
      publishedAt: report.publishedAt.toISOString(),
      fetchedAt: report.fetchedAt.toISOString(),
      extraction: latestExtraction(report),
    })),
    nextCursor: hasMore && last ? encodeCursor({ publishedAt: last.publishedAt, id: last._id }) : null,
  };
}
