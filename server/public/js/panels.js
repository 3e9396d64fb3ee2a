/**
 * The text panels: latest alerts, source health, briefing links and the daily table.
 */
import { BRIEFING_FORMATS, briefingUrl } from './api.js';
import { h, replaceChildren } from './dom.js';
import { formatNumber } from './communities.js';

const FORMAT_LABELS = { html: 'HTML', pdf: 'PDF', md: 'Markdown', csv: 'CSV', json: 'JSON' };

/**
 * @param {HTMLElement} list
 * @param {{ id: string, kind: string, region?: string|null, community?: string|null, source?: string|null,
 *   date: string, explanation: string, status?: string, reports?: { url?: string|null, source?: string }[] }[]} alerts
 * @param {(key: string) => string} regionName
 */
export function renderAlerts(list, alerts, regionName) {
  if (!alerts.length) {
    replaceChildren(list, h('li', { class: 'empty' }, 'No alerts in this period.'));
    return;
  }
  replaceChildren(
    list,
    ...alerts.map((alert) =>
      h(
        'li',
        { class: `alert alert-${alert.kind}`, 'data-alert': alert.id },
        h(
          'p',
          { class: 'alert-head' },
          h(
            'strong',
            {},
            alert.kind === 'spike' ? 'Spike' : alert.kind === 'silent_source' ? 'Silent source' : alert.kind,
          ),
          ` · ${alert.date}`,
          alert.region ? ` · ${regionName(alert.region)}` : '',
          alert.status ? h('span', { class: `badge badge-${alert.status}` }, alert.status) : null,
        ),
        h('p', { class: 'alert-explanation' }, alert.explanation),
        alert.reports?.length
          ? h(
              'p',
              { class: 'alert-reports' },
              'Reports: ',
              ...alert.reports
                .filter((report) => report.url)
                .flatMap((report, index) => [
                  index ? ', ' : '',
                  h(
                    'a',
                    { href: report.url, rel: 'noopener noreferrer', target: '_blank' },
                    report.source ?? 'report',
                  ),
                ]),
            )
          : null,
      ),
    ),
  );
}

/**
 * @param {HTMLTableSectionElement} tbody
 * @param {{ key: string, name: string, region?: string|null, enabled?: boolean, health?: { lastSuccessAt?: string|null,
 *   consecutiveFailures?: number, lastError?: string|null } }[]} sources
 * @param {(key: string) => string} regionName
 * @param {Date} now
 */
export function renderSources(tbody, sources, regionName, now) {
  if (!sources.length) {
    replaceChildren(tbody, h('tr', {}, h('td', { colspan: 5 }, 'No sources configured.')));
    return;
  }
  // The sources that need attention first: the longest run of failures at the top, disabled ones last.
  const ordered = [...sources].sort(
    (a, b) =>
      Number(a.enabled === false) - Number(b.enabled === false) ||
      (b.health?.consecutiveFailures ?? 0) - (a.health?.consecutiveFailures ?? 0) ||
      a.name.localeCompare(b.name),
  );
  replaceChildren(
    tbody,
    ...ordered.map((source) => {
      const health = source.health ?? {};
      const failures = health.consecutiveFailures ?? 0;
      const status =
        source.enabled === false
          ? 'disabled'
          : failures > 0
            ? 'failing'
            : health.lastSuccessAt
              ? 'ok'
              : 'never fetched';
      return h(
        'tr',
        { 'data-source': source.key },
        h('th', { scope: 'row' }, source.name),
        h('td', { class: 'column-region' }, source.region ? regionName(source.region) : 'national'),
        h('td', {}, h('span', { class: `badge badge-${status.replace(' ', '-')}` }, status)),
        h(
          'td',
          {},
          health.lastSuccessAt
            ? h(
                'time',
                { datetime: health.lastSuccessAt, title: health.lastSuccessAt },
                formatAgo(health.lastSuccessAt, now),
              )
            : 'never',
        ),
        h(
          'td',
          { class: 'number', title: health.lastError ?? null },
          String(failures),
          health.lastError ? h('span', { class: 'last-error' }, health.lastError) : null,
        ),
      );
    }),
  );
}

/** "3 h ago", "2 d ago": how long ago a time was, coarse enough to read at a glance. */
export function formatAgo(iso, now) {
  const seconds = Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);
  if (seconds < 90) return 'just now';
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 129_600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

/** A list item with a link to a day's briefing in each format. */
export function briefingLinks(date) {
  return BRIEFING_FORMATS.map((format) =>
    h(
      'li',
      {},
      h('a', { href: briefingUrl(date, format), 'data-format': format }, FORMAT_LABELS[format] ?? format),
    ),
  );
}

/**
 * @param {HTMLTableSectionElement} tbody
 * @param {{ days: string[], attacks: (number|null)[], explosions: (number|null)[] }} columns
 * @param {{ reportCount?: number }[]} points
 * @param {(day: string) => void} onDay
 */
export function renderDaysTable(tbody, columns, points, onDay) {
  const rows = columns.days.map((day, index) =>
    h(
      'tr',
      {},
      h(
        'th',
        { scope: 'row' },
        h('button', { type: 'button', class: 'link-button', onclick: () => onDay(day) }, day),
      ),
      h('td', { class: 'number' }, formatNumber(columns.attacks[index] ?? null)),
      h('td', { class: 'number' }, formatNumber(columns.explosions[index] ?? null)),
      h('td', { class: 'number' }, formatNumber(points[index]?.reportCount ?? null)),
    ),
  );
  replaceChildren(tbody, ...rows.reverse());
}
