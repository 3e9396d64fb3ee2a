/**
 * Pure helpers that turn API points into what the charts draw. A null is a day no report covered (or a
 * figure the reports did not state): it stays null all the way to the chart, which draws it as a gap.
 */

/** The number of a metric slot, which the API gives as `{value, qualifier}`, a bare number, or null. */
export function metricValue(slot) {
  if (slot === null || slot === undefined) return null;
  if (typeof slot === 'number') return Number.isFinite(slot) ? slot : null;
  return typeof slot.value === 'number' ? slot.value : null;
}

/**
 * A trailing moving average over `window` days that skips the days without a figure, and is null where
 * fewer than `minPresent` of the window's days have one (an average of one or two days would look like a
 * trend and is not) and on a day that has no figure itself.
 * @param {(number | null)[]} values
 * @param {number} [window]
 * @param {number} [minPresent]
 * @returns {(number | null)[]}
 */
export function rollingAverage(values, window = 7, minPresent = 4) {
  const averages = [];
  let sum = 0;
  let present = 0;
  for (let index = 0; index < values.length; index += 1) {
    const entering = values[index];
    if (entering !== null && entering !== undefined) {
      sum += entering;
      present += 1;
    }
    const leaving = index >= window ? values[index - window] : null;
    if (leaving !== null && leaving !== undefined) {
      sum -= leaving;
      present -= 1;
    }
    // A day without a figure stays a gap in the average too, so that every line breaks where it is missing.
    const hasFigure = entering !== null && entering !== undefined;
    averages.push(hasFigure && present >= minPresent ? Math.round((sum / present) * 10) / 10 : null);
  }
  return averages;
}

/** Unix seconds of a `yyyy-MM-dd` at UTC midnight: the chart's x value for that day. */
export function dayToSeconds(date) {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/** The `yyyy-MM-dd` of a chart x value. */
export function secondsToDay(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/**
 * The chart's columns for one region's daily points: x (days), attacks, explosions and their averages.
 * @param {{ period?: string, from?: string, metrics: Record<string, unknown> }[]} points
 */
export function buildDailyColumns(points) {
  const days = points.map((point) => point.period ?? point.from ?? '');
  const attacks = points.map((point) => metricValue(point.metrics?.attacks));
  const explosions = points.map((point) => metricValue(point.metrics?.explosions));
  return {
    days,
    x: days.map(dayToSeconds),
    attacks,
    explosions,
    attacksAverage: rollingAverage(attacks),
    explosionsAverage: rollingAverage(explosions),
  };
}

/**
 * What a series says in one sentence, for the chart's text alternative.
 * @param {(number | null)[]} values
 */
export function summariseValues(values) {
  let total = 0;
  let reported = 0;
  let peak = null;
  for (const value of values) {
    if (value === null) continue;
    total += value;
    reported += 1;
    peak = peak === null ? value : Math.max(peak, value);
  }
  return { total, reported, missing: values.length - reported, peak };
}

/**
 * The heatmap's colour class for a value against the largest value shown: 'none' for no figure, then
 * five steps; any figure above zero gets at least the first step, so one attack is never blank.
 */
export function heatLevel(value, max) {
  if (value === null || value === undefined) return 'none';
  if (value <= 0 || !max) return '0';
  return String(Math.min(5, Math.max(1, Math.ceil((value / max) * 5))));
}
