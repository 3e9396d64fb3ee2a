/**
 * The dashboard's pure browser modules (series.js, url-state.js), loaded into Node as the ES modules the
 * browser loads. They import nothing of the DOM, so they run here unchanged.
 */
import assert from 'node:assert/strict';

interface SeriesModule {
  metricValue(slot: unknown): number | null;
  rollingAverage(values: (number | null)[], window?: number, minPresent?: number): (number | null)[];
  buildDailyColumns(points: { period: string; metrics: Record<string, unknown> }[]): {
    days: string[];
    x: number[];
    attacks: (number | null)[];
    explosions: (number | null)[];
    attacksAverage: (number | null)[];
  };
  summariseValues(values: (number | null)[]): {
    total: number;
    reported: number;
    missing: number;
    peak: number | null;
  };
  heatLevel(value: number | null, max: number): string;
  secondsToDay(seconds: number): string;
}

interface ViewState {
  region: string | null;
  from: string | null;
  to: string | null;
  day: string | null;
}

interface UrlStateModule {
  readViewState(search: string): ViewState;
  writeViewState(state: Partial<ViewState>): string;
  completeViewState(
    state: ViewState,
    context: { regions: string[]; latestDate: (region: string) => string | null; today: string },
  ): { region: string; from: string; to: string; day: string | null };
  addDays(date: string, days: number): string;
}

async function loadModule<T>(name: string): Promise<T> {
  // A computed specifier keeps TypeScript from resolving the plain-JS browser module.
  const url = new URL(`../../server/public/js/${name}`, import.meta.url).href;
  return (await import(url)) as T;
}

describe('dashboard browser modules', () => {
  let series: SeriesModule;
  let urlState: UrlStateModule;

  before(async () => {
    series = await loadModule<SeriesModule>('series.js');
    urlState = await loadModule<UrlStateModule>('url-state.js');
  });

  describe('series.js', () => {
    it('reads a metric slot as a number, and a missing one as null rather than 0', () => {
      assert.equal(series.metricValue({ value: 12, qualifier: 'at_least' }), 12);
      assert.equal(series.metricValue(7), 7);
      assert.equal(series.metricValue(null), null);
      assert.equal(series.metricValue(undefined), null);
      assert.equal(series.metricValue({ value: null }), null);
    });

    it('averages the last 7 days over the days that have a figure', () => {
      const averages = series.rollingAverage([10, 20, 30, 40, null, 60, 70, 80]);
      assert.deepEqual(averages.slice(0, 3), [null, null, null], 'fewer than 4 days: no average');
      assert.equal(averages[3], 25);
      assert.equal(averages[4], null, 'a missing day is a gap in the average too');
      // Day 5 averages 10 20 30 40 60: the missing day is skipped, not counted as 0.
      assert.equal(averages[5], 32);
      assert.equal(averages[6], 38.3);
      // Day 7 drops day 0 (10): 20 30 40 60 70 80.
      assert.equal(averages[7], 50);
    });

    it('leaves the average empty where fewer than 4 of the 7 days were reported', () => {
      const averages = series.rollingAverage([5, 5, 5, 5, null, null, null, 9, 9]);
      // Day 7's window (days 1 to 7) has four figures, 5 5 5 9.
      assert.equal(averages[7], 6);
      // Day 8's window (days 2 to 8) has four, 5 5 9 9.
      assert.equal(averages[8], 7);
      const sparse = series.rollingAverage([5, 5, 5, 5, null, null, null, null, 9]);
      // Day 8's window (days 2 to 8) has three figures, 5 5 9: too few.
      assert.equal(sparse[8], null);
    });

    it('builds chart columns with null for unreported days', () => {
      const columns = series.buildDailyColumns([
        { period: '2026-11-01', metrics: { attacks: { value: 3, qualifier: 'exact' }, explosions: null } },
        { period: '2026-11-02', metrics: { attacks: null, explosions: null } },
      ]);
      assert.deepEqual(columns.days, ['2026-11-01', '2026-11-02']);
      assert.deepEqual(columns.attacks, [3, null]);
      assert.deepEqual(columns.explosions, [null, null]);
      assert.equal(series.secondsToDay(columns.x[1] ?? 0), '2026-11-02');
    });

    it('summarises a series without counting missing days', () => {
      assert.deepEqual(series.summariseValues([4, null, 0, 9]), {
        total: 13,
        reported: 3,
        missing: 1,
        peak: 9,
      });
      assert.deepEqual(series.summariseValues([null]), { total: 0, reported: 0, missing: 1, peak: null });
    });

    it('gives a heatmap cell no colour for no figure and at least the first step for any attack', () => {
      assert.equal(series.heatLevel(null, 50), 'none');
      assert.equal(series.heatLevel(0, 50), '0');
      assert.equal(series.heatLevel(1, 50), '1');
      assert.equal(series.heatLevel(50, 50), '5');
    });
  });

  describe('url-state.js', () => {
    const context = { regions: ['sumy', 'kharkiv'], latestDate: () => '2026-11-28', today: '2026-12-01' };

    it('round-trips a view through the query string in a fixed order', () => {
      const search = urlState.writeViewState({
        day: '2026-11-20',
        to: '2026-11-28',
        region: 'sumy',
        from: '2026-11-01',
      });
      assert.equal(search, '?region=sumy&from=2026-11-01&to=2026-11-28&day=2026-11-20');
      assert.deepEqual(urlState.readViewState(search), {
        region: 'sumy',
        from: '2026-11-01',
        to: '2026-11-28',
        day: '2026-11-20',
      });
    });

    it('drops malformed values so that the defaults apply', () => {
      assert.deepEqual(urlState.readViewState('?region=<script>&from=2026-02-30&to=yesterday&day=1'), {
        region: null,
        from: null,
        to: null,
        day: null,
      });
    });

    it('defaults to the first region and the 30 days up to its latest report', () => {
      assert.deepEqual(urlState.completeViewState(urlState.readViewState(''), context), {
        region: 'sumy',
        from: '2026-10-30',
        to: '2026-11-28',
        day: null,
      });
    });

    it('swaps a reversed range, ignores an unknown region and a day outside the range', () => {
      const view = urlState.completeViewState(
        { region: 'atlantis', from: '2026-11-20', to: '2026-11-01', day: '2026-12-25' },
        context,
      );
      assert.deepEqual(view, { region: 'sumy', from: '2026-11-01', to: '2026-11-20', day: null });
    });

    it('cuts an overlong range to two years ending at its last day', () => {
      const view = urlState.completeViewState(
        { region: 'kharkiv', from: '1990-01-01', to: '2026-11-28', day: null },
        context,
      );
      assert.equal(view.from, urlState.addDays('2026-11-28', -730));
    });
  });
});
