/**
 * The main chart: one region's daily attacks and explosions with their 7-day averages (uPlot). Days no
 * report covered are null in the data, which uPlot draws as breaks in the lines; they are also shaded, so a
 * gap reads as "not reported" rather than as a quiet day. Alerts are drawn as triangles above their days.
 */
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { dayToSeconds, secondsToDay } from './series.js';

export const COLOURS = {
  attacks: '#b42318',
  explosions: '#1d4ed8',
  missing: 'rgba(100, 116, 139, 0.14)',
  alert: '#b54708',
};

/** The daily figures are drawn lighter than their averages, so the trend reads first. */
const DAILY_STROKES = { attacks: 'rgba(180, 35, 24, 0.55)', explosions: 'rgba(29, 78, 216, 0.55)' };

const HEIGHT = 300;

/** Axis labels in UTC, so that a day's x value (UTC midnight) shows as that same day anywhere. */
export const tzDate = (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');
const formatDay = uPlot.fmtDate('{MMM} {D}');
/** x-axis labels on one line ("Nov 3"): uPlot's default adds the year on a second line. */
export const dayLabels = (_u, splits) => splits.map((seconds) => formatDay(tzDate(seconds)));

const formatValue = (_u, value) => (value === null || value === undefined ? '–' : String(value));

/**
 * Draws (or redraws) the main chart into `container`.
 * @param {HTMLElement} container
 * @param {{ days: string[], x: number[], attacks: (number|null)[], explosions: (number|null)[],
 *   attacksAverage: (number|null)[], explosionsAverage: (number|null)[] }} columns
 * @param {{ region: string, metrics: string[], missingDays: Set<string>, alertDays: Map<string, string[]>,
 *   onDay: (day: string) => void }} options
 * @returns {{ destroy(): void }}
 */
export function drawTimeChart(container, columns, options) {
  const shown = ['attacks', 'explosions'].filter(
    (metric) => options.metrics.includes(metric) || columns[metric].some((value) => value !== null),
  );
  const series = [{ label: 'Day', value: (_u, seconds) => (seconds === null ? '–' : secondsToDay(seconds)) }];
  const data = [columns.x];
  for (const metric of shown) {
    const label = metric === 'attacks' ? 'Attacks' : 'Explosions';
    series.push({
      label,
      stroke: DAILY_STROKES[metric],
      width: 1,
      points: { show: true, size: 4, fill: DAILY_STROKES[metric] },
      value: formatValue,
    });
    data.push(columns[metric]);
    series.push({
      label: `${label}, 7-day average`,
      stroke: COLOURS[metric],
      width: 3,
      points: { show: false },
      value: formatValue,
    });
    data.push(columns[`${metric}Average`]);
  }

  const plot = new uPlot(
    {
      width: Math.max(240, container.clientWidth),
      height: HEIGHT,
      tzDate,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, niceMax(max)] } },
      series,
      axes: [
        { stroke: '#334155', grid: { stroke: '#e2e8f0' }, values: dayLabels },
        { stroke: '#334155', grid: { stroke: '#e2e8f0' }, size: 50 },
      ],
      legend: { live: true },
      hooks: {
        drawClear: [(u) => shadeMissingDays(u, columns.days, options.missingDays)],
        draw: [(u) => drawAlertMarkers(u, options.alertDays)],
        ready: [(u) => listenForDayClicks(u, columns.days, options.onDay)],
      },
    },
    data,
    container,
  );
  container.dataset.region = options.region;
  container.dataset.series = shown.join(',');
  container.dataset.points = String(
    shown.reduce((n, metric) => n + columns[metric].filter((v) => v !== null).length, 0),
  );
  container.dataset.alerts = String(
    [...options.alertDays.keys()].filter((day) => columns.days.includes(day)).length,
  );

  const resize = new ResizeObserver(() => {
    const width = Math.max(240, container.clientWidth);
    if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
  });
  resize.observe(container);
  return {
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}

/** A round upper bound for the y axis (never 0, so an all-zero range still has an axis). */
function niceMax(max) {
  if (!max || max <= 0) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return Math.ceil((max * 1.1) / magnitude) * magnitude;
}

function dayBounds(u, day) {
  const start = u.valToPos(dayToSeconds(day) - 43_200, 'x', true);
  const end = u.valToPos(dayToSeconds(day) + 43_200, 'x', true);
  return [start, end];
}

function shadeMissingDays(u, days, missingDays) {
  const { ctx } = u;
  const { top, height } = u.bbox;
  ctx.save();
  ctx.fillStyle = COLOURS.missing;
  for (const day of days) {
    if (!missingDays.has(day)) continue;
    const [start, end] = dayBounds(u, day);
    ctx.fillRect(start, top, Math.max(1, end - start), height);
  }
  ctx.restore();
}

function drawAlertMarkers(u, alertDays) {
  const { ctx } = u;
  const top = u.bbox.top;
  const size = 7 * devicePixelRatio;
  ctx.save();
  ctx.fillStyle = COLOURS.alert;
  ctx.strokeStyle = COLOURS.alert;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  for (const day of alertDays.keys()) {
    const x = u.valToPos(dayToSeconds(day), 'x', true);
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + u.bbox.height);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x - size, top);
    ctx.lineTo(x + size, top);
    ctx.lineTo(x, top + size * 1.4);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

function listenForDayClicks(u, days, onDay) {
  let downAt = null;
  u.over.addEventListener('mousedown', (event) => {
    downAt = event.clientX;
  });
  // A drag zooms; only a click (the pointer did not move) opens a day.
  u.over.addEventListener('click', (event) => {
    if (downAt !== null && Math.abs(event.clientX - downAt) > 3) return;
    const index = u.cursor.idx;
    const day = index === null || index === undefined ? null : days[index];
    if (day) onDay(day);
  });
}
