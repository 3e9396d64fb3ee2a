/**
 * The dashboard's entry: reads the view from the URL, loads the regions, then draws every panel for the
 * view. Each panel loads and fails on its own, so one API error leaves the rest of the page working and
 * says what went wrong where it happened.
 */
import { getJson } from './api.js';
import { bilingualName, byId, h, replaceChildren } from './dom.js';
import { renderCommunityHeatmap, renderCommunityTable } from './communities.js';
import { renderDayDetail } from './day-detail.js';
import { briefingLinks, renderAlerts, renderDaysTable, renderSources } from './panels.js';
import { drawRegionGrid } from './region-grid.js';
import { buildDailyColumns, summariseValues } from './series.js';
import { drawTimeChart } from './time-chart.js';
import { addDays, completeViewState, readViewState, writeViewState } from './url-state.js';

/** How many communities the table and the heatmap show. */
const TOP_COMMUNITIES = 10;
/** How many alerts the list shows, latest first. */
const LATEST_ALERTS = 10;

const page = {
  /** @type {{ key: string, nameUk: string, nameEn: string, metrics?: string[], latestDate?: string | null }[]} */
  regions: [],
  /** @type {ReturnType<typeof completeViewState> | null} */
  view: null,
  /** @type {{ destroy(): void } | null} */
  mainChart: null,
  /** @type {{ destroy(): void } | null} */
  regionGrid: null,
  /** @type {AbortController | null} */
  loading: null,
};

function regionByKey(key) {
  return page.regions.find((region) => region.key === key);
}

function regionName(key) {
  const region = regionByKey(key);
  return region ? `${region.nameEn} (${region.nameUk})` : key;
}

function todayInKyiv() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date());
}

/** Regions the reports cover, which are the ones worth comparing; all regions when none has data yet. */
function frontlineRegions() {
  const reported = page.regions.filter((region) => region.latestDate);
  return reported.length ? reported : page.regions;
}

function setStatus(text, isError = false) {
  const status = byId('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

/** A panel's own error message, in place of its content. */
function panelError(error) {
  return h('p', { class: 'panel-error' }, `Could not load this part: ${error.message}`);
}

function currentView() {
  return completeViewState(readViewState(location.search), {
    regions: frontlineRegions().map((region) => region.key),
    latestDate: (key) => regionByKey(key)?.latestDate ?? null,
    today: todayInKyiv(),
  });
}

/** Moves to a view: a new history entry, so that Back returns to the previous view. */
function navigate(changes) {
  const next = { ...page.view, ...changes };
  history.pushState(null, '', writeViewState(next) || location.pathname);
  void show(currentView());
}

function fillControls(view) {
  const select = /** @type {HTMLSelectElement} */ (byId('region'));
  select.value = view.region;
  /** @type {HTMLInputElement} */ (byId('from')).value = view.from;
  /** @type {HTMLInputElement} */ (byId('to')).value = view.to;
}

/** Draws every panel for a view; a newer view cancels the requests of an older one. */
async function show(view) {
  const dataChanged =
    !page.view ||
    page.view.region !== view.region ||
    page.view.from !== view.from ||
    page.view.to !== view.to;
  page.view = view;
  fillControls(view);
  if (dataChanged) {
    page.loading?.abort();
    const loading = new AbortController();
    page.loading = loading;
    setStatus('Loading…');
    const results = await Promise.allSettled([
      loadSeries(view, loading.signal),
      loadCommunities(view, loading.signal),
      loadSources(loading.signal),
    ]);
    if (loading.signal.aborted) return;
    const failed = results.filter((result) => result.status === 'rejected');
    const region = regionByKey(view.region);
    setStatus(
      failed.length
        ? `Some panels could not be loaded (${failed.length}).`
        : `Showing ${region?.nameEn ?? view.region}, ${view.from} to ${view.to}.`,
      failed.length > 0,
    );
    renderBriefing(view.day ?? view.to);
  }
  await syncDayDetail(view);
  // Lets a reader of the DOM (the browser test, a screenshot script) know which view is fully drawn.
  document.body.dataset.shown = writeViewState(view);
}

async function loadSeries(view, signal) {
  const compared = frontlineRegions().map((region) => region.key);
  const keys = compared.includes(view.region) ? compared : [view.region, ...compared];
  const [tallies, alerts] = await Promise.all([
    getJson(
      '/tallies',
      { region: keys.join(','), from: view.from, to: view.to, granularity: 'day', window: 'total' },
      signal,
    ),
    getJson('/alerts', { from: view.from, to: view.to }, signal).catch((error) => {
      if (signal.aborted) throw error;
      replaceChildren(byId('alerts-list'), h('li', {}, panelError(error)));
      return null;
    }),
  ]);
  if (signal.aborted) return;
  const pointsByRegion = new Map(tallies.series.map((series) => [series.region, series.points]));
  const alertList = alerts?.alerts ?? [];
  drawMain(view, pointsByRegion.get(view.region) ?? [], alertList);
  page.regionGrid?.destroy();
  page.regionGrid = drawRegionGrid(
    byId('region-grid'),
    compared.map((key) => regionByKey(key)).filter(Boolean),
    pointsByRegion,
    { selected: view.region, onSelect: (region) => navigate({ region, day: null }) },
  );
  if (alerts) {
    const latest = [...alertList]
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
      .slice(0, LATEST_ALERTS);
    renderAlerts(byId('alerts-list'), latest, regionName);
  }
}

function drawMain(view, points, alerts) {
  const region = regionByKey(view.region);
  const columns = buildDailyColumns(points);
  const missingDays = new Set(
    points.filter((point) => point.daysMissing > 0).map((point) => point.period ?? point.from),
  );
  const alertDays = new Map();
  for (const alert of alerts) {
    if (alert.region !== view.region || alert.kind !== 'spike') continue;
    alertDays.set(alert.date, [...(alertDays.get(alert.date) ?? []), alert.explanation]);
  }
  replaceChildren(
    byId('overview-title'),
    'Daily attacks and explosions: ',
    region ? bilingualName(region) : view.region,
  );
  const attacks = summariseValues(columns.attacks);
  const explosions = summariseValues(columns.explosions);
  const parts = [
    attacks.reported
      ? `${attacks.total} attacks over ${attacks.reported} reported days (peak ${attacks.peak})`
      : 'no attack figures',
    explosions.reported ? `${explosions.total} explosions (peak ${explosions.peak})` : 'no explosion figures',
    `${missingDays.size} of ${columns.days.length} days not reported`,
    `${alertDays.size} alert days`,
  ];
  byId('overview-summary').textContent = `${view.from} to ${view.to}: ${parts.join('; ')}.`;
  page.mainChart?.destroy();
  const container = byId('main-chart');
  replaceChildren(container);
  page.mainChart = drawTimeChart(container, columns, {
    region: view.region,
    metrics: region?.metrics ?? [],
    missingDays,
    alertDays,
    onDay: (day) => navigate({ day }),
  });
  renderDaysTable(byId('days-table').querySelector('tbody'), columns, points, (day) => navigate({ day }));
}

async function loadCommunities(view, signal) {
  const tbody = byId('communities-table').querySelector('tbody');
  const heatmap = byId('community-heatmap');
  try {
    const { communities } = await getJson(
      '/communities',
      { region: view.region, from: view.from, to: view.to, sort: 'attacks', limit: TOP_COMMUNITIES },
      signal,
    );
    if (signal.aborted) return;
    renderCommunityTable(tbody, communities);
    const rows = await Promise.all(
      communities.map(async (community) => {
        const series = await getJson(
          `/communities/${encodeURIComponent(community.code)}/tallies`,
          { from: view.from, to: view.to },
          signal,
        );
        return { ...community, points: series.points ?? [] };
      }),
    );
    if (signal.aborted) return;
    const days = [];
    for (let day = view.from; day <= view.to; day = addDays(day, 1)) days.push(day);
    renderCommunityHeatmap(heatmap, days, rows, (day) => navigate({ day }));
  } catch (error) {
    if (signal.aborted) return;
    replaceChildren(tbody, h('tr', {}, h('td', { colspan: 4 }, panelError(error))));
    replaceChildren(heatmap, panelError(error));
    throw error;
  }
}

async function loadSources(signal) {
  const tbody = byId('sources-table').querySelector('tbody');
  try {
    const { sources } = await getJson('/sources', {}, signal);
    if (!signal.aborted) renderSources(tbody, sources, regionName, new Date());
  } catch (error) {
    if (signal.aborted) return;
    replaceChildren(tbody, h('tr', {}, h('td', { colspan: 5 }, panelError(error))));
    throw error;
  }
}

function renderBriefing(day) {
  byId('briefing-day').textContent = `The briefing of ${day}, every region, in each format:`;
  replaceChildren(byId('briefing-links'), ...briefingLinks(day));
}

/** Opens the day named in the URL, or closes the dialog when the URL names none. */
async function syncDayDetail(view) {
  const dialog = /** @type {HTMLDialogElement} */ (byId('day-detail'));
  if (!view.day) {
    if (dialog.open) dialog.close();
    return;
  }
  const region = regionByKey(view.region);
  byId('day-title').textContent = `${view.day}`;
  const body = byId('day-body');
  replaceChildren(body, h('p', {}, 'Loading…'));
  if (!dialog.open) dialog.showModal();
  try {
    const detail = await getJson(`/regions/${encodeURIComponent(view.region)}/days/${view.day}`);
    if (page.view?.day !== view.day || page.view?.region !== view.region) return;
    renderDayDetail(body, detail, region);
    dialog.dataset.day = view.day;
  } catch (error) {
    replaceChildren(body, panelError(error));
  }
}

function listen() {
  byId('region').addEventListener('change', (event) => navigate({ region: event.target.value, day: null }));
  for (const id of ['from', 'to']) {
    byId(id).addEventListener('change', (event) => {
      if (event.target.value) navigate({ [id]: event.target.value, day: null });
    });
  }
  for (const button of byId('controls').querySelectorAll('button[data-days]')) {
    button.addEventListener('click', () => {
      const to = page.view?.to ?? todayInKyiv();
      navigate({ from: addDays(to, -(Number(button.dataset.days) - 1)), to, day: null });
    });
  }
  byId('controls').addEventListener('submit', (event) => event.preventDefault());
  const dialog = /** @type {HTMLDialogElement} */ (byId('day-detail'));
  byId('day-close').addEventListener('click', () => dialog.close());
  // Closing the dialog (button or Escape) drops the day from the URL, without a new history entry.
  dialog.addEventListener('close', () => {
    if (!page.view?.day) return;
    page.view = { ...page.view, day: null };
    history.replaceState(null, '', writeViewState(page.view) || location.pathname);
    delete dialog.dataset.day;
  });
  window.addEventListener('popstate', () => void show(currentView()));
}

async function start() {
  listen();
  try {
    const { regions } = await getJson('/regions');
    page.regions = regions;
  } catch (error) {
    setStatus(`The regions could not be loaded: ${error.message}`, true);
    return;
  }
  const select = byId('region');
  replaceChildren(
    select,
    ...frontlineRegions().map((region) =>
      h('option', { value: region.key, lang: null }, `${region.nameEn} · ${region.nameUk}`),
    ),
  );
  const view = currentView();
  history.replaceState(null, '', writeViewState(view) || location.pathname);
  await show(view);
}

void start();
