/**
 * The briefing as PDF (pdfkit). The standard PDF fonts have no Cyrillic, so the DejaVu Sans TrueType font
 * from the dejavu-fonts-ttf package is embedded (pdfkit subsets it to the glyphs used). Each figure that a
 * report stated links to that report.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Briefing, BriefingRow } from '../queries/briefings.queries.js';
import { absoluteUrl, formatChange, formatFigure, formatNumber } from './format-figure.js';

const require = createRequire(import.meta.url);
const REGULAR_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

function renderRegion(doc: PDFKit.PDFDocument, row: BriefingRow, baseUrl: string): void {
  if (doc.y > doc.page.height - 220) doc.addPage();
  doc.moveDown(0.8).font('bold').fontSize(13).fillColor('black').text(`${row.nameUk} (${row.nameEn})`);
  doc.font('regular').fontSize(9);
  if (row.demo) doc.fillColor('#8a4b00').text('Synthetic demo data, not real reports.').fillColor('black');
  if (!row.reported) doc.text('No report for this day.');
  for (const metric of row.metrics) {
    const line =
      `${metric.metric}: ${formatFigure(metric.day)}   7-day avg ${formatNumber(metric.avg7.mean)} (${metric.avg7.days} d)` +
      `   28-day avg ${formatNumber(metric.avg28.mean)} (${metric.avg28.days} d)   change ${formatChange(metric.change, metric.changePercent)}`;
    const source = metric.sources.find((candidate) => candidate.url !== null);
    if (source?.url) {
      doc
        .text(`${line}   `, { continued: true })
        .fillColor('#1a4fa0')
        .text(`source: ${source.sourceName ?? source.source}`, {
          link: source.url,
          underline: true,
        });
      doc.fillColor('black');
    } else {
      doc.text(line);
    }
  }
  if (row.topCommunities.length > 0) {
    doc.moveDown(0.3).font('bold').text('Top communities').font('regular');
    for (const community of row.topCommunities) {
      doc.text(
        `${community.nameUk ?? community.code} (${community.code}): attacks ${formatFigure(community.attacks)}, explosions ${formatFigure(community.explosions)}`,
      );
    }
  }
  for (const alert of row.alerts)
    doc.fillColor('#a00000').text(`Alert (${alert.kind}): ${alert.explanation}`).fillColor('black');
  const dayUrl = absoluteUrl(baseUrl, row.dayUrl);
  if (dayUrl)
    doc.fillColor('#1a4fa0').text('The day in full', { link: dayUrl, underline: true }).fillColor('black');
}

export function renderBriefingPdf(briefing: Briefing, baseUrl: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `Daily briefing ${briefing.date}`, Producer: 'strike-report-tracker' },
  });
  doc.registerFont('regular', REGULAR_FONT);
  doc.registerFont('bold', BOLD_FONT);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(18).text(`Щоденний брифінг · Daily briefing ${briefing.date}`);
  doc.font('regular').fontSize(9);
  if (briefing.regions.length === 0)
    doc.moveDown().text('No region has data for this day or the 28 days before it.');
  for (const row of briefing.regions) renderRegion(doc, row, baseUrl);
  for (const alert of briefing.otherAlerts)
    doc.fillColor('#a00000').text(`Alert (${alert.kind}): ${alert.explanation}`);
  doc.end();
  return done;
}
