/**
 * A day's detail, in a dialog: the day's figures, each time window the reports covered, the figures per
 * community, and every report behind them with a link to it and the phrase each number was read from.
 */
import { bilingualName, h, replaceChildren } from './dom.js';
import { metricValue } from './series.js';
import { briefingLinks } from './panels.js';

const METRICS = ['attacks', 'explosions', 'projectiles', 'settlements', 'communities', 'injured', 'killed'];
const WINDOW_LABELS = {
  total: 'Whole day',
  day: 'Day',
  night: 'Night',
  morning: 'Morning',
  night_and_morning: 'Night and morning',
  past_24h: 'Past 24 hours',
};
const QUALIFIER_WORDS = {
  exact: '',
  at_least: 'at least ',
  more_than: 'more than ',
  almost: 'almost ',
  about: 'about ',
  up_to: 'up to ',
};

/** A metric slot as a reader says it: "at least 283", or "–" when no report stated it. */
export function formatMetric(slot) {
  const value = metricValue(slot);
  if (value === null) return '–';
  const qualifier = slot && typeof slot === 'object' ? (QUALIFIER_WORDS[slot.qualifier] ?? '') : '';
  return `${qualifier}${value}`;
}

/**
 * @param {HTMLElement} body
 * @param {any} detail the API's day detail
 * @param {{ nameUk: string, nameEn: string } | undefined} region
 */
export function renderDayDetail(body, detail, region) {
  const windows = detail.windows ?? [];
  const total = detail.total ?? windows.find((window) => window.window === 'total') ?? null;
  const metricsShown = METRICS.filter((metric) =>
    [total, ...windows].some((window) => window && metricValue(window.metrics?.[metric]) !== null),
  );
  const communities = pickCommunities(total, windows);

  const demo = [total, ...windows].some((window) => window?.demo);
  replaceChildren(
    body,
    h('p', { class: 'detail-region' }, region ? bilingualName(region) : detail.region),
    demo
      ? h(
          'p',
          { class: 'demo-notice' },
          'Synthetic demo data: these figures were generated, they are not real reports.',
        )
      : null,
    total
      ? h(
          'dl',
          { class: 'day-totals' },
          ...metricsShown.map((metric) =>
            h(
              'div',
              {},
              h('dt', {}, metricLabel(metric)),
              h('dd', {}, formatMetric(total.metrics?.[metric])),
            ),
          ),
        )
      : h('p', {}, 'No whole-day figure: no report covered this day.'),
    h('h3', {}, 'Windows'),
    windows.length
      ? h(
          'div',
          { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Figures by time window' },
          h(
            'table',
            { class: 'windows-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Window'),
                ...metricsShown.map((metric) =>
                  h('th', { scope: 'col', class: 'number' }, metricLabel(metric)),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              ...windows.map((window) =>
                h(
                  'tr',
                  { 'data-window': window.window },
                  h('th', { scope: 'row' }, WINDOW_LABELS[window.window] ?? window.window),
                  ...metricsShown.map((metric) =>
                    h('td', { class: 'number' }, formatMetric(window.metrics?.[metric])),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', {}, 'No report covered this day.'),
    h('h3', {}, 'Communities'),
    communities.length
      ? h(
          'div',
          { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Figures by community' },
          h(
            'table',
            { class: 'community-detail-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Community'),
                h('th', { scope: 'col', class: 'number' }, 'Attacks'),
                h('th', { scope: 'col', class: 'number' }, 'Explosions'),
                h('th', { scope: 'col' }, 'Weapons'),
              ),
            ),
            h(
              'tbody',
              {},
              ...communities.map((community) =>
                h(
                  'tr',
                  { 'data-community': community.community },
                  h('th', { scope: 'row' }, bilingualName(community)),
                  h('td', { class: 'number' }, formatMetric(community.attacks)),
                  h('td', { class: 'number' }, formatMetric(community.explosions)),
                  h('td', {}, (community.weapons ?? []).join(', ')),
                ),
              ),
            ),
          ),
        )
      : h('p', {}, 'The reports name no communities for this day.'),
    renderWeapons(total ?? windows[0]),
    renderDisagreements([total, ...windows]),
    h('h3', {}, 'Reports'),
    renderReports(detail.reports ?? []),
    h('h3', {}, 'Briefing of the day'),
    h('ul', { class: 'briefing-links' }, ...briefingLinks(detail.date)),
  );
}

/** The whole-day breakdown when there is one, otherwise the windows' own, in the order they came. */
function pickCommunities(total, windows) {
  if (total?.perCommunity?.length) return total.perCommunity;
  return windows.flatMap((window) => window.perCommunity ?? []);
}

/** What the communities' figures say per weapon ("artillery: 3 communities, 12 attacks"). */
function renderWeapons(window) {
  const weapons = window?.weapons ?? [];
  if (!weapons.length) return null;
  return h(
    'div',
    { class: 'weapons' },
    h('h3', {}, 'By weapon'),
    h(
      'ul',
      {},
      ...weapons.map((weapon) => {
        const figures = [
          `${weapon.communities} ${weapon.communities === 1 ? 'community' : 'communities'}`,
          metricValue(weapon.attacks) !== null ? `${formatMetric(weapon.attacks)} attacks` : null,
          metricValue(weapon.explosions) !== null ? `${formatMetric(weapon.explosions)} explosions` : null,
        ].filter(Boolean);
        return h('li', {}, `${weapon.weapon}: ${figures.join(', ')}`);
      }),
    ),
  );
}

function renderDisagreements(windows) {
  const disagreements = windows.flatMap((window) => window?.disagreements ?? []);
  if (!disagreements.length) return null;
  return h(
    'div',
    { class: 'disagreements' },
    h('h3', {}, 'Where sources disagree'),
    h(
      'ul',
      {},
      ...disagreements.map((disagreement) =>
        h(
          'li',
          {},
          `${disagreement.metric}: `,
          (disagreement.values ?? []).map((value) => `${value.source} ${formatMetric(value)}`).join(', '),
          disagreement.resolution ? ` (${disagreement.resolution})` : '',
        ),
      ),
    ),
  );
}

function renderReports(reports) {
  if (!reports.length) return h('p', {}, 'No reports behind this day.');
  return h(
    'ul',
    { class: 'report-list' },
    ...reports.map((report) =>
      h(
        'li',
        { 'data-report': report.id },
        h(
          'p',
          { class: 'report-head' },
          report.url
            ? h(
                'a',
                { href: report.url, rel: 'noopener noreferrer', target: '_blank' },
                report.sourceName ?? report.source,
              )
            : (report.sourceName ?? report.source),
          report.publishedAt
            ? h('time', { datetime: report.publishedAt }, ` · ${formatPublished(report.publishedAt)}`)
            : null,
        ),
        report.evidence?.length
          ? h(
              'ul',
              { class: 'evidence' },
              ...groupEvidence(report.evidence).map((evidence) =>
                h(
                  'li',
                  {},
                  h(
                    'span',
                    { class: 'evidence-metric' },
                    evidence.windows.length
                      ? `${metricLabel(evidence.metric)} (${evidence.windows.join(', ')}): `
                      : `${metricLabel(evidence.metric)}: `,
                  ),
                  h('q', { lang: /[\u0400-\u04ff]/i.test(evidence.text) ? 'uk' : null }, evidence.text),
                ),
              ),
            )
          : null,
      ),
    ),
  );
}

/**
 * One line per phrase: the same phrase often backs a figure in several windows (the whole day is derived
 * from the windows), so the windows are listed together after it.
 */
function groupEvidence(evidence) {
  const groups = new Map();
  for (const item of evidence) {
    const key = `${item.metric}|${item.start}|${item.end}|${item.text}`;
    const group = groups.get(key) ?? { metric: item.metric, text: item.text, windows: [] };
    const label = item.window ? (WINDOW_LABELS[item.window] ?? item.window) : null;
    if (label && !group.windows.includes(label)) group.windows.push(label);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** "Attacks" for `attacks`: metric names as column heads and labels. */
function metricLabel(metric) {
  return metric.charAt(0).toUpperCase() + metric.slice(1);
}

/** A report's time in Kyiv, where the day it counts for is reckoned. */
function formatPublished(iso) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Kyiv',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
