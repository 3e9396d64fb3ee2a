/**
 * The view lives in the page's URL (`?region=sumy&from=2026-10-01&to=2026-10-30&day=2026-10-12`), so a
 * view can be shared as a link and the back button walks back through the views.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The range shown when the URL names none: the 30 days up to the region's latest report. */
export const DEFAULT_RANGE_DAYS = 30;
/** The longest range a view asks for, so a mistyped year does not ask the API for decades of days. */
export const MAX_RANGE_DAYS = 731;

/**
 * @typedef {{ region: string | null, from: string | null, to: string | null, day: string | null }} ViewState
 */

/**
 * Reads the view from a query string; anything malformed is dropped, so that the defaults apply.
 * @param {string} search `location.search`
 * @returns {ViewState}
 */
export function readViewState(search) {
  const params = new URLSearchParams(search);
  const date = (name) => {
    const value = params.get(name);
    return value && DATE.test(value) && isRealDate(value) ? value : null;
  };
  const region = params.get('region');
  return {
    region: region && /^[a-z_]{2,40}$/.test(region) ? region : null,
    from: date('from'),
    to: date('to'),
    day: date('day'),
  };
}

/** The query string of a view, in a fixed order so that equal views give equal links. */
export function writeViewState(state) {
  const params = new URLSearchParams();
  for (const name of ['region', 'from', 'to', 'day']) {
    const value = state[name];
    if (value) params.set(name, value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * Fills in what the URL left out and puts the range in order: `to` defaults to the region's latest date
 * (or today), `from` to DEFAULT_RANGE_DAYS before it; a reversed range is swapped; an overlong one is cut
 * to MAX_RANGE_DAYS ending at `to`.
 * @param {ViewState} state
 * @param {{ regions: string[], latestDate: (region: string) => string | null, today: string }} context
 * @returns {{ region: string, from: string, to: string, day: string | null }}
 */
export function completeViewState(state, context) {
  const region =
    state.region && context.regions.includes(state.region) ? state.region : (context.regions[0] ?? '');
  let to = state.to ?? context.latestDate(region) ?? context.today;
  let from = state.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) [from, to] = [to, from];
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) from = addDays(to, -(MAX_RANGE_DAYS - 1));
  const day = state.day && state.day >= from && state.day <= to ? state.day : null;
  return { region, from, to, day };
}

/** `yyyy-MM-dd` plus a number of days, in calendar days (UTC arithmetic, so no DST surprises). */
export function addDays(date, days) {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Whole days from one `yyyy-MM-dd` to another. */
export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function isRealDate(value) {
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}
