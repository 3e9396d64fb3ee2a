/** The briefing as Markdown: a table per region with links to the reports behind each figure. */
import type { Briefing, BriefingRow } from '../queries/briefings.queries.js';
import { absoluteUrl, formatChange, formatFigure, formatNumber } from './format-figure.js';

/** Escapes the characters that would break a table cell or start Markdown syntax. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}

function renderRegion(row: BriefingRow, baseUrl: string): string[] {
  const lines = [`## ${escapeMarkdown(row.nameUk)} (${escapeMarkdown(row.nameEn)})`, ''];
  if (row.demo) lines.push('_Synthetic demo data, not real reports._', '');
  if (!row.reported) lines.push('No report for this day.', '');
  lines.push('| metric | day | 7-day average | 28-day average | change vs 7 days | sources |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const metric of row.metrics) {
    const sources = metric.sources
      .map((source, index) => (source.url ? `[${index + 1}](${source.url})` : escapeMarkdown(source.source)))
      .join(' ');
    lines.push(
      `| ${metric.metric} | ${formatFigure(metric.day)} | ${formatNumber(metric.avg7.mean)} (${metric.avg7.days} d) | ` +
        `${formatNumber(metric.avg28.mean)} (${metric.avg28.days} d) | ${formatChange(metric.change, metric.changePercent)} | ${sources} |`,
    );
  }
  lines.push('');
  if (row.topCommunities.length > 0) {
    lines.push('Top communities:');
    for (const community of row.topCommunities) {
      lines.push(
        `- ${escapeMarkdown(community.nameUk ?? community.code)} (${community.code}): attacks ${formatFigure(community.attacks)}, explosions ${formatFigure(community.explosions)}`,
      );
    }
    lines.push('');
  }
  for (const alert of row.alerts)
    lines.push(`- **Alert** (${alert.kind}): ${escapeMarkdown(alert.explanation)}`);
  if (row.alerts.length > 0) lines.push('');
  lines.push(
    `[The day in full](${absoluteUrl(baseUrl, row.dayUrl) ?? ''}) · [28-day series](${absoluteUrl(baseUrl, row.seriesUrl) ?? ''})`,
    '',
  );
  return lines;
}

export function renderBriefingMarkdown(briefing: Briefing, baseUrl: string): string {
  const lines = [`# Daily briefing ${briefing.date}`, ''];
  if (briefing.regions.length === 0)
    lines.push('No region has data for this day or the 28 days before it.', '');
  for (const row of briefing.regions) lines.push(...renderRegion(row, baseUrl));
  for (const alert of briefing.otherAlerts)
    lines.push(`- **Alert** (${alert.kind}): ${escapeMarkdown(alert.explanation)}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
