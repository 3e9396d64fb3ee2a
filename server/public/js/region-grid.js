/**
 * Small multiples of the frontline regions: one small chart of daily attacks per region, each on its own
 * scale (Zaporizhzhia counts hundreds of attacks a day where Mykolaiv counts a handful, so one shared scale
 * would flatten most of them). Choosing a region's name charts it in the main chart.
 */
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { bilingualName, h, replaceChildren } from './dom.js';
import { buildDailyColumns, summariseValues } from './series.js';
import { COLOURS, dayLabels, tzDate } from './time-chart.js';

const HEIGHT = 110;

/**
 * @param {HTMLElement} container
 * @param {{ key: string, nameUk: string, nameEn: string }[]} regions
 * @param {Map<string, { metrics: Record<string, unknown> }[]>} pointsByRegion
 * @param {{ selected: string, onSelect: (region: string) => void }} options
 * @returns {{ destroy(): void }}
 */
export function drawRegionGrid(container, regions, pointsByRegion, options) {
  const plots = [];
  const cards = regions.map((region) => {
    const columns = buildDailyColumns(pointsByRegion.get(region.key) ?? []);
    const summary = summariseValues(columns.attacks);
    const chart = h('div', {
      class: 'mini-chart',
      role: 'img',
      'aria-label': `Daily attacks in ${region.nameEn}: ${summary.total} over ${summary.reported} reported days`,
    });
    const card = h(
      'article',
      {
        class: region.key === options.selected ? 'region-card selected' : 'region-card',
        'data-region': region.key,
      },
      h(
        'h3',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            'aria-pressed': region.key === options.selected ? 'true' : 'false',
            onclick: () => options.onSelect(region.key),
          },
          bilingualName(region),
        ),
      ),
      h(
        'p',
        { class: 'mini-summary' },
        summary.reported
          ? `${summary.total} attacks, ${summary.missing} days not reported`
          : 'No attack figures in this period',
      ),
      chart,
    );
    chart.addEventListener('click', () => options.onSelect(region.key));
    return { card, chart, columns };
  });
  replaceChildren(container, ...cards.map(({ card }) => card));

  for (const { chart, columns } of cards) {
    plots.push(
      new uPlot(
        {
          width: Math.max(160, chart.clientWidth),
          height: HEIGHT,
          tzDate,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1)] } },
          series: [{}, { stroke: COLOURS.attacks, width: 1.5, points: { show: false } }],
          axes: [
            {
              stroke: '#334155',
              grid: { show: false },
              ticks: { show: false },
              size: 24,
              font: '10px sans-serif',
              values: dayLabels,
            },
            {
              stroke: '#334155',
              grid: { stroke: '#e2e8f0' },
              size: 36,
              font: '10px sans-serif',
              ticks: { show: false },
            },
          ],
        },
        [columns.x, columns.attacks],
        chart,
      ),
    );
  }
  const resize = new ResizeObserver(() => {
    cards.forEach(({ chart }, index) => {
      const plot = plots[index];
      const width = Math.max(160, chart.clientWidth);
      if (plot && width !== plot.width) plot.setSize({ width, height: HEIGHT });
    });
  });
  resize.observe(container);
  return {
    destroy() {
      resize.disconnect();
      for (const plot of plots) plot.destroy();
    },
  };
}
