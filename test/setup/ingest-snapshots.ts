/**
 * Compact, stable views of the ingest collections, so a test can state the exact documents it expects:
 * every stored field except ids and timestamps, metrics as `qualifier:value`, report ids as `source/guid`.
 */
import type { Types } from 'mongoose';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';

type Metric = { value: number; qualifier: string } | null | undefined;

function showMetrics(metrics: Record<string, Metric> | null | undefined): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, metric] of Object.entries(metrics ?? {})) {
    if (metric) shown[name] = `${metric.qualifier}:${metric.value}`;
  }
  return shown;
}

/**
 * Evidence as `metric: <the figure in the span>`, after checking the stored phrase is the report's text
 * at the stored range. The exact phrase boundaries are the extractor's business, not the ingest's.
 */
async function showEvidence(
  reportId: Types.ObjectId | null | undefined,
  evidence: Array<{ metric: string; text: string; start: number; end: number }>,
): Promise<string[]> {
  const report = reportId ? await Report.findById(reportId, { text: 1, title: 1 }).lean() : null;
  return evidence.map((e) => {
    const inText = report?.text.slice(e.start, e.end) === e.text;
    const inTitle = (report?.title ?? '').slice(e.start, e.end) === e.text;
    if (!inText && !inTitle) return `${e.metric}: span does not match the report (${e.text})`;
    return `${e.metric}: ${/\d[\d\s]*\d|\d/.exec(e.text)?.[0] ?? e.text}`;
  });
}

async function reportNames(): Promise<Map<string, string>> {
  const reports = await Report.find({}, { source: 1, guid: 1 }).lean();
  return new Map(reports.map((report) => [report._id.toHexString(), `${report.source}/${report.guid}`]));
}

function nameOf(names: Map<string, string>, id: Types.ObjectId | null | undefined): string | null {
  return id ? (names.get(id.toHexString()) ?? `missing:${id.toHexString()}`) : null;
}

export async function snapshotReports() {
  const names = await reportNames();
  const reports = await Report.find({}).sort({ source: 1, guid: 1 }).lean();
  return reports.map((report) => ({
    id: `${report.source}/${report.guid}`,
    url: report.url,
    title: report.title,
    text: report.text,
    publishedAt: report.publishedAt.toISOString(),
    relayOf: nameOf(names, report.relayOf),
    extractions: report.extractions.map((extraction) => ({
      extractorVersion: extraction.extractorVersion,
      ofCurrentText: (extraction as { contentHash?: string }).contentHash === report.contentHash,
      error: extraction.error,
      reports: (extraction.reports as Array<{ region: string; date: string; window: { kind: string } }>).map(
        (r) => `${r.region} ${r.date} ${r.window.kind}`,
      ),
    })),
    revisions: report.revisions.map((revision) => revision.text),
    slots: report.slots.map((slot) => `${slot.region} ${slot.date} ${slot.window}`),
    pendingTally: report.pendingTally,
    staleSlots: report.staleSlots.length,
  }));
}

export async function snapshotTallies() {
  const names = await reportNames();
  const tallies = await Tally.find({}).sort({ region: 1, date: 1, window: 1 }).lean();
  const shown = [];
  for (const tally of tallies) {
    const contributions = [];
    for (const c of tally.contributions) {
      contributions.push({
        report: nameOf(names, c.report),
        window: c.window,
        evidence: await showEvidence(c.report, c.evidence),
      });
    }
    shown.push({ tally, contributions });
  }
  return shown.map(({ tally, contributions }) => ({
    slot: `${tally.region} ${tally.date} ${tally.window}`,
    metrics: showMetrics(tally.metrics as Record<string, Metric>),
    perCommunity: tally.perCommunity.map((entry) => `${entry.community} ${entry.name}`),
    contributions,
    disagreements: tally.disagreements.map((d) => ({
      metric: d.metric,
      values: d.values.map((v) => `${nameOf(names, v.report)} ${v.qualifier}:${v.value}`),
      resolution: d.resolution,
    })),
    revisions: tally.revisions.map((r) => ({
      previous: showMetrics(r.previous as Record<string, Metric>),
      reason: r.reason,
    })),
    demo: tally.demo,
  }));
}

export async function snapshotSource(key: string) {
  const source = await Source.findOne({ key }).lean();
  if (!source) return null;
  return {
    etag: source.etag,
    lastModified: source.lastModified,
    lastFetchedAt: source.lastFetchedAt?.toISOString() ?? null,
    lastSuccessAt: source.lastSuccessAt?.toISOString() ?? null,
    consecutiveFailures: source.consecutiveFailures,
    lastError: source.lastError,
    nextAttemptAt: source.nextAttemptAt?.toISOString() ?? null,
  };
}
