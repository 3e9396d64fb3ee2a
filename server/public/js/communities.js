/**
 * The chosen region's communities (hromadas): the ones with the most attacks over the period as a table,
 * and a heatmap of the same communities by day. A heatmap cell with no figure is hatched, not blank, so
 * "not reported" and "zero" look different.
 */
import { bilingualName, h, replaceChildren } from './dom.js';
import { heatLevel, metricValue } from './series.js';

/**
 * @param {HTMLTableSectionElement} tbody
 * @param {{ code: string, nameUk?: string, nameEn?: string, attacks: unknown, explosions: unknown, days?: number }[]} communities
 */
export function renderCommunityTable(tbody, communities) {
  if (!communities.length) {
    replaceChildren(tbody, h('tr', {}, h('td', { colspan: 4 }, 'No community figures in this period.')));
    return;
  }
  replaceChildren(
    tbody,
    ...communities.map((community) =>
      h(
        'tr',
        { 'data-community': community.code },
        h('th', { scope: 'row' }, bilingualName(community)),
        h('td', { class: 'number' }, formatNumber(metricValue(community.attacks))),
        h('td', { class: 'number' }, formatNumber(metricValue(community.explosions))),
        h('td', { class: 'number' }, formatNumber(community.days ?? null)),
      ),
    ),
  );
}

/**
 * @param {HTMLElement} container
 * @param {string[]} days every day of the range, in order
 * @param {{ code: string, nameUk?: string, nameEn?: string, points: { date: string, attacks: unknown }[] }[]} rows
 * @param {(day: string) => void} onDay
 */
export function renderCommunityHeatmap(container, days, rows, onDay) {
  if (!rows.length) {
    replaceChildren(container, h('p', {}, 'No community figures in this period.'));
    return;
  }
  const valuesByRow = rows.map((row) => {
    const byDay = new Map(row.points.map((point) => [point.date, metricValue(point.attacks)]));
    return days.map((day) => byDay.get(day) ?? null);
  });
  const max = Math.max(0, ...valuesByRow.flat().filter((value) => value !== null));
  const grid = h('div', { class: 'heatmap', role: 'presentation' });
  grid.style.setProperty('--days', String(days.length));
  rows.forEach((row, rowIndex) => {
    grid.appendChild(h('div', { class: 'heat-name' }, bilingualName(row)));
    const name = row.nameEn ?? row.nameUk ?? row.code;
    (valuesByRow[rowIndex] ?? []).forEach((value, dayIndex) => {
      const day = days[dayIndex] ?? '';
      grid.appendChild(
        h('div', {
          class: `heat-cell heat-${heatLevel(value, max)}`,
          title: `${name}, ${day}: ${value === null ? 'not reported' : `${value} attacks`}`,
          'data-day': day,
          onclick: () => onDay(day),
        }),
      );
    });
  });
  grid.appendChild(h('div', { class: 'heat-name heat-axis' }));
  grid.appendChild(h('div', { class: 'heat-axis-label' }, days[0] ?? ''));
  grid.appendChild(h('div', { class: 'heat-axis-label heat-axis-end' }, days[days.length - 1] ?? ''));
  replaceChildren(container, grid);
}

export function formatNumber(value) {
  return value === null || value === undefined ? '–' : String(value);
}
