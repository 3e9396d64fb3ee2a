import assert from 'node:assert/strict';
import type { MetricName, MetricValue, Qualifier } from '../../domain/extraction/types.js';
import { METRIC_NAMES } from '../../domain/extraction/types.js';
import { reconcileDay } from '../../domain/reconciliation/reconcile-day.js';
import type { ReconciledTally, ReportFigures, ReportWindow } from '../../domain/reconciliation/types.js';

type Figures = Partial<Record<MetricName, [number, Qualifier?]>>;

/**
 * A report whose text is just its figures ("attacks 47; explosions 183"), so every evidence span can be
 * computed and checked.
 */
function report(
  id: string,
  window: ReportWindow,
  figures: Figures,
  options: Partial<
    Pick<ReportFigures, 'official' | 'isCorrection' | 'source' | 'textHash' | 'perCommunity'>
  > & {
    at?: string;
  } = {},
): ReportFigures {
  let text = '';
  const metrics = Object.fromEntries(METRIC_NAMES.map((name) => [name, null])) as Record<
    MetricName,
    MetricValue | null
  >;
  for (const [name, [value, qualifier = 'exact']] of Object.entries(figures) as Array<
    [MetricName, [number, Qualifier?]]
  >) {
    const phrase = `${name} ${value}`;
    const start = text.length;
    text += `${phrase}; `;
    metrics[name] = { value, qualifier, term: name, evidence: { start, end: start + phrase.length } };
  }
  return {
    reportId: id,
    source: options.source ?? (options.official ? 'oda' : `relay-${id}`),
    official: options.official ?? false,
    publishedAt: new Date(options.at ?? '2025-11-03T10:00:00Z'),
    isCorrection: options.isCorrection ?? false,
    window,
    metrics,
    perCommunity: options.perCommunity ?? [],
    weapons: [],
    extractorVersion: 'test-1',
    text,
    title: null,
    textHash: options.textHash ?? `hash-${id}`,
  };
}

function show(tallies: ReconciledTally[]) {
  return tallies.map((tally) => ({
    window: tally.window,
    metrics: Object.fromEntries(
      Object.entries(tally.metrics)
        .filter(([, metric]) => metric !== null)
        .map(([name, metric]) => [name, `${metric?.qualifier}:${metric?.value}`]),
    ),
    reports: tally.contributions.map((c) => `${c.report}@${c.window}`),
    disagreements: tally.disagreements.map((d) => ({
      metric: d.metric,
      values: d.values.map((v) => `${v.report} ${v.qualifier}:${v.value}`),
      resolution: d.resolution,
    })),
  }));
}

describe('domain/reconciliation: reconcileDay', () => {
  it('yields no tallies for no reports', () => {
    assert.deepEqual(reconcileDay([]), []);
  });

  it('keeps the official figure over a relay and records the disagreement with both reports', () => {
    const tallies = reconcileDay([
      report('relay', 'past_24h', { attacks: [283, 'at_least'] }, { at: '2025-11-04T05:50:00Z' }),
      report(
        'official',
        'past_24h',
        { attacks: [290], injured: [3] },
        { official: true, at: '2025-11-04T06:30:00Z' },
      ),
    ]);
    const disagreement = {
      metric: 'attacks',
      values: ['official exact:290', 'relay at_least:283'],
      resolution: 'kept oda: the official source outranks a relay',
    };
    assert.deepEqual(show(tallies), [
      {
        window: 'past_24h',
        metrics: { attacks: 'exact:290', injured: 'exact:3' },
        reports: ['official@past_24h', 'relay@past_24h'],
        disagreements: [disagreement],
      },
      {
        window: 'total',
        metrics: { attacks: 'exact:290', injured: 'exact:3' },
        reports: ['official@past_24h', 'relay@past_24h'],
        disagreements: [disagreement],
      },
    ]);
  });

  it('keeps the official figure even when the relay was published later', () => {
    const [tally] = reconcileDay([
      report('official', 'day', { attacks: [40] }, { official: true, at: '2025-11-03T18:00:00Z' }),
      report('relay', 'day', { attacks: [41] }, { at: '2025-11-03T21:00:00Z' }),
    ]);
    assert.equal(tally?.metrics.attacks?.value, 40);
  });

  it('keeps a later correction over the earlier post of the same source', () => {
    const tallies = reconcileDay([
      report('first', 'past_24h', { attacks: [290] }, { official: true, at: '2025-11-04T06:30:00Z' }),
      report(
        'update',
        'past_24h',
        { attacks: [292] },
        { official: true, isCorrection: true, at: '2025-11-04T09:00:00Z' },
      ),
    ]);
    assert.deepEqual(show(tallies)[0], {
      window: 'past_24h',
      metrics: { attacks: 'exact:292' },
      reports: ['update@past_24h', 'first@past_24h'],
      disagreements: [
        {
          metric: 'attacks',
          values: ['update exact:292', 'first exact:290'],
          resolution: 'kept oda: a correction outranks the post it corrects',
        },
      ],
    });
  });

  it('takes a metric the best report leaves out from the next report that states it', () => {
    const [tally] = reconcileDay([
      report('official', 'day', { attacks: [40] }, { official: true }),
      report('relay', 'day', { attacks: [40], killed: [1] }),
    ]);
    assert.equal(tally?.metrics.attacks?.value, 40);
    assert.deepEqual(tally?.metrics.killed, { value: 1, qualifier: 'exact', term: 'killed' });
    assert.deepEqual(tally?.disagreements, [], 'the same value is no disagreement');
  });

  it('keeps night-and-morning and day apart and adds them for the total', () => {
    const tallies = reconcileDay([
      report(
        'night',
        'night_and_morning',
        { attacks: [21], explosions: [64], settlements: [9] },
        { official: true },
      ),
      report('day', 'day', { attacks: [47], explosions: [183], settlements: [12] }, { official: true }),
    ]);
    assert.deepEqual(
      show(tallies).map((t) => [t.window, t.metrics, t.reports]),
      [
        ['day', { attacks: 'exact:47', explosions: 'exact:183', settlements: 'exact:12' }, ['day@day']],
        [
          'night_and_morning',
          { attacks: 'exact:21', explosions: 'exact:64', settlements: 'exact:9' },
          ['night@night_and_morning'],
        ],
        // Settlements hit at night may be hit again by day: the total is the larger figure, at least.
        [
          'total',
          { attacks: 'exact:68', explosions: 'exact:247', settlements: 'at_least:12' },
          ['day@day', 'night@night_and_morning'],
        ],
      ],
    );
  });

  it('does not add night or morning tallies that a night-and-morning tally already covers', () => {
    const tallies = reconcileDay([
      report('nm', 'night_and_morning', { attacks: [21] }, { official: true }),
      report('n', 'night', { attacks: [15] }, { official: true }),
      report('d', 'day', { attacks: [30] }, { official: true }),
    ]);
    const total = tallies.find((t) => t.window === 'total');
    assert.deepEqual(total?.metrics.attacks, { value: 51, qualifier: 'exact', term: 'attacks' });
    assert.deepEqual(
      total?.contributions.map((c) => c.report),
      ['d', 'nm', 'n'],
      'the covered night report is still listed, after the counted ones',
    );
  });

  it('adds night, morning and day when there is no night-and-morning tally', () => {
    const total = reconcileDay([
      report('n', 'night', { attacks: [5] }, { official: true }),
      report('m', 'morning', { attacks: [7] }, { official: true }),
      report('d', 'day', { attacks: [30] }, { official: true }),
    ]).find((t) => t.window === 'total');
    assert.equal(total?.metrics.attacks?.value, 42);
  });

  it('never turns an unstated figure into 0: a part that leaves it out makes the total "at least"', () => {
    const total = reconcileDay([
      report('nm', 'night_and_morning', { attacks: [21], injured: [2] }, { official: true }),
      report('d', 'day', { attacks: [30] }, { official: true }),
    ]).find((t) => t.window === 'total');
    assert.deepEqual(total?.metrics.injured, { value: 2, qualifier: 'at_least', term: 'injured' });
    assert.equal(total?.metrics.killed, null);
    assert.equal(total?.metrics.explosions, null);
  });

  it('qualifies a sum with an approximate part as approximate', () => {
    const total = reconcileDay([
      report('nm', 'night_and_morning', { explosions: [100, 'at_least'] }, { official: true }),
      report('d', 'day', { explosions: [50] }, { official: true }),
    ]).find((t) => t.window === 'total');
    assert.deepEqual(total?.metrics.explosions, { value: 150, qualifier: 'at_least', term: 'explosions' });
    const rough = reconcileDay([
      report('nm', 'night_and_morning', { explosions: [100, 'about'] }, { official: true }),
      report('d', 'day', { explosions: [50] }, { official: true }),
    ]).find((t) => t.window === 'total');
    assert.equal(rough?.metrics.explosions?.qualifier, 'about');
  });

  it('reconciles a past-24-hours summary with the windows it covers', () => {
    const tallies = reconcileDay([
      report('nm', 'night_and_morning', { attacks: [21] }, { official: true }),
      report('d', 'day', { attacks: [47], injured: [1] }, { official: true }),
      report('sum', 'past_24h', { attacks: [70] }, { official: true }),
    ]);
    const total = show(tallies).find((t) => t.window === 'total');
    assert.deepEqual(total, {
      window: 'total',
      // The summary's own figure is kept; what it leaves out comes from the windows.
      metrics: { attacks: 'exact:70', injured: 'at_least:1' },
      reports: ['d@day', 'nm@night_and_morning', 'sum@past_24h'],
      disagreements: [
        {
          metric: 'attacks',
          values: ['sum exact:70', 'nm exact:68', 'd exact:68'],
          resolution:
            'kept the past-24-hours summary over the sum of the windows it covers (night_and_morning + day)',
        },
      ],
    });
  });

  it('records no disagreement when the summary equals the sum of its windows', () => {
    const total = reconcileDay([
      report('nm', 'night_and_morning', { attacks: [21] }, { official: true }),
      report('d', 'day', { attacks: [47] }, { official: true }),
      report('sum', 'past_24h', { attacks: [68] }, { official: true }),
    ]).find((t) => t.window === 'total');
    assert.deepEqual(total?.disagreements, []);
  });

  it('counts a word-for-word relay once and never as a disagreement', () => {
    const tallies = reconcileDay([
      report('official', 'day', { attacks: [40] }, { official: true, textHash: 'same' }),
      report('copy', 'day', { attacks: [40] }, { textHash: 'same' }),
    ]);
    assert.deepEqual(show(tallies)[0]?.reports, ['official@day', 'copy@day']);
    assert.deepEqual(tallies[0]?.disagreements, []);
  });

  it('gives the same tallies whatever order the reports come in', () => {
    const reports = [
      report('a', 'day', { attacks: [40] }, { official: true }),
      report('b', 'day', { attacks: [38] }, { at: '2025-11-03T12:00:00Z' }),
      report('c', 'night_and_morning', { attacks: [9] }),
      report('d', 'past_24h', { attacks: [50] }),
    ];
    const forward = reconcileDay(reports);
    assert.deepEqual(reconcileDay([...reports].reverse()), forward);
  });

  it('quotes the evidence of every figure from its report', () => {
    const [tally] = reconcileDay([
      report('r', 'day', { attacks: [47], explosions: [183] }, { official: true }),
    ]);
    assert.deepEqual(tally?.contributions[0]?.evidence, [
      { metric: 'attacks', text: 'attacks 47', start: 0, end: 10 },
      { metric: 'explosions', text: 'explosions 183', start: 12, end: 26 },
    ]);
  });

  it('sums per-community figures across the windows of the day', () => {
    const community = (code: string, attacks: number) => ({
      community: code,
      mention: code,
      attacks: {
        value: attacks,
        qualifier: 'exact' as const,
        term: 'attacks',
        evidence: { start: 0, end: 1 },
      },
      explosions: null,
      weapons: [],
      evidence: { start: 0, end: 1 },
    });
    const total = reconcileDay([
      report(
        'nm',
        'night_and_morning',
        { attacks: [5] },
        { official: true, perCommunity: [community('UA1', 3), community('UA2', 2)] },
      ),
      report('d', 'day', { attacks: [4] }, { official: true, perCommunity: [community('UA1', 4)] }),
    ]).find((t) => t.window === 'total');
    assert.deepEqual(
      total?.perCommunity.map((c) => [c.community, c.attacks?.value, c.explosions]),
      [
        ['UA1', 7, null],
        ['UA2', 2, null],
      ],
    );
  });
});
