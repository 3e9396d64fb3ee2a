/**
 * The briefing as a standalone HTML page. Every text that comes from data (names, explanations, URLs) goes
 * through escape-html, and links are only written for http(s) URLs, so a hostile report cannot inject
 * markup or a `javascript:` link.
 */
import escapeHtml from 'escape-html';
import type { Briefing, BriefingRow } from '../queries/briefings.queries.js';
import { formatChange, formatFigure, formatNumber } from './format-figure.js';

function link(url: string | null, label: string): string {
  if (url === null || !/^(https?:\/\/|\/)/i.test(url)) return escapeHtml(label);
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

function renderRegion(row: BriefingRow): string {
  const metrics = row.metrics
    .map((metric) => {
      const sources = metric.sources
        .map((source, index) => link(source.url, `${source.sourceName ?? source.source} ${index + 1}`))
        .join(', ');
      return (
        `<tr><th scope="row">${escapeHtml(metric.metric)}</th><td>${escapeHtml(formatFigure(metric.day))}</td>` +
        `<td>${escapeHtml(formatNumber(metric.avg7.mean))} <small>(${metric.avg7.days} d)</small></td>` +
        `<td>${escapeHtml(formatNumber(metric.avg28.mean))} <small>(${metric.avg28.days} d)</small></td>` +
        `<td>${escapeHtml(formatChange(metric.change, metric.changePercent))}</td><td>${sources}</td></tr>`
      );
    })
    .join('\n');
  const communities = row.topCommunities
    .map(
      (community) =>
        `<li>${escapeHtml(community.nameUk ?? community.code)} <small>${escapeHtml(community.code)}</small>: ` +
        `attacks ${escapeHtml(formatFigure(community.attacks))}, explosions ${escapeHtml(formatFigure(community.explosions))}</li>`,
    )
    .join('\n');
  const alerts = row.alerts
    .map(
      (alert) =>
        `<li class="alert"><strong>${escapeHtml(alert.kind)}</strong>: ${escapeHtml(alert.explanation)}</li>`,
    )
    .join('\n');
  return `<section>
<h2>${escapeHtml(row.nameUk)} <small>${escapeHtml(row.nameEn)}</small></h2>
${row.demo ? '<p class="demo">Synthetic demo data, not real reports.</p>' : ''}
${row.reported ? '' : '<p>No report for this day.</p>'}
<table>
<thead><tr><th scope="col">metric</th><th scope="col">day</th><th scope="col">7-day average</th><th scope="col">28-day average</th><th scope="col">change vs 7 days</th><th scope="col">sources</th></tr></thead>
<tbody>
${metrics}
</tbody>
</table>
${communities ? `<h3>Top communities</h3>\n<ul>\n${communities}\n</ul>` : ''}
${alerts ? `<h3>Alerts</h3>\n<ul>\n${alerts}\n</ul>` : ''}
<p>${link(row.dayUrl, 'The day in full')} · ${link(row.seriesUrl, '28-day series')}</p>
</section>`;
}

export function renderBriefingHtml(briefing: Briefing): string {
  const title = `Daily briefing ${briefing.date}`;
  const other = briefing.otherAlerts
    .map(
      (alert) =>
        `<li class="alert"><strong>${escapeHtml(alert.kind)}</strong>: ${escapeHtml(alert.explanation)}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="uk">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ccc; padding: .3rem .5rem; text-align: left; }
.demo { color: #8a4b00; font-weight: bold; } .alert { color: #a00000; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${briefing.regions.length === 0 ? '<p>No region has data for this day or the 28 days before it.</p>' : ''}
${briefing.regions.map(renderRegion).join('\n')}
${other ? `<h2>Other alerts</h2>\n<ul>\n${other}\n</ul>` : ''}
</body>
</html>
`;
}
