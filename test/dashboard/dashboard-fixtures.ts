/**
 * The data the dashboard's browser test looks at, written through the models as ingest would write it:
 * four weeks of Sumy and Kharkiv tallies with two unreported Sumy days, per-community figures, the reports
 * behind one day with the phrase of each number, the sources' fetch state and one spike alert. The report
 * texts are written for this test.
 */
import { Alert } from '../../models/alert.model.js';
import { bumpDataVersion } from '../../models/data-version.model.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';

export const FIXTURE_FROM = '2026-11-01';
export const FIXTURE_TO = '2026-11-28';
export const FIXTURE_DAYS = 28;
/** Sumy days that no report covered: the chart must show them as gaps. */
export const MISSING_SUMY_DAYS = ['2026-11-10', '2026-11-11'];
/** The Sumy day with reports, windows and communities, and the day of the spike alert. */
export const DETAIL_DAY = '2026-11-20';
export const DETAIL_REPORT_URL = 'https://t.me/Sumy_news_ODA/90210';
export const DETAIL_EVIDENCE = 'здійснив 131 обстріл';

export const COMMUNITIES = {
  bochechky: { code: 'UA59020010000024157', nameUk: 'Бочечківська' },
  buryn: { code: 'UA59020030000072865', nameUk: 'Буринська' },
  izium: { code: 'UA63040090000021240', nameUk: 'Ізюмська' },
};

function listDays(from: string, count: number): string[] {
  const first = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) =>
    new Date(first + index * 86_400_000).toISOString().slice(0, 10),
  );
}

const exact = (value: number, term: string) => ({ value, qualifier: 'exact', term });

export async function writeDashboardFixtures(): Promise<void> {
  const now = new Date();
  await Source.create([
    {
      key: 'sumy-oda',
      name: 'Sumy Oblast Military Administration',
      region: 'sumy',
      url: 'http://127.0.0.1:9/telegram/channel/Sumy_news_ODA',
      kind: 'telegram',
      handle: 'Sumy_news_ODA',
      language: 'uk',
      official: true,
      lastFetchedAt: now,
      lastSuccessAt: now,
    },
    {
      key: 'kharkiv-oda',
      name: 'Kharkiv Oblast Military Administration',
      region: 'kharkiv',
      url: 'http://127.0.0.1:9/telegram/channel/kharkivoda',
      kind: 'telegram',
      handle: 'kharkivoda',
      language: 'uk',
      official: true,
      lastFetchedAt: now,
      lastSuccessAt: new Date(now.getTime() - 3 * 86_400_000),
      consecutiveFailures: 4,
      lastError: 'HTTP 503 from the feed',
    },
  ]);

  const text =
    'Протягом доби ворог здійснив 131 обстріл прикордонних громад Сумщини, зафіксовано 402 вибухи. ' +
    'Бочечківська громада: 12 обстрілів, 40 вибухів. Буринська громада: 3 обстріли.';
  const [report] = await Report.create([
    {
      source: 'sumy-oda',
      guid: 'sumy-oda-90210',
      url: DETAIL_REPORT_URL,
      title: null,
      text,
      publishedAt: new Date(`${DETAIL_DAY}T19:30:00Z`),
      fetchedAt: now,
      contentHash: 'fixture-90210',
    },
  ]);
  const span = (phrase: string) => ({
    text: phrase,
    start: text.indexOf(phrase),
    end: text.indexOf(phrase) + phrase.length,
  });
  const contribution = {
    report: report?._id ?? null,
    source: 'sumy-oda',
    extractorVersion: 'fixture-1',
    evidence: [
      { metric: 'attacks', ...span(DETAIL_EVIDENCE) },
      { metric: 'explosions', ...span('зафіксовано 402 вибухи') },
    ],
  };
  const perCommunity = [
    {
      community: COMMUNITIES.bochechky.code,
      name: 'Бочечківська',
      attacks: exact(12, 'обстрілів'),
      explosions: exact(40, 'вибухів'),
      weapons: ['artillery', 'FPV drones'],
    },
    { community: COMMUNITIES.buryn.code, name: 'Буринська', attacks: exact(3, 'обстріли'), explosions: null },
  ];

  const tallies: Record<string, unknown>[] = [];
  listDays(FIXTURE_FROM, FIXTURE_DAYS).forEach((date, index) => {
    if (!MISSING_SUMY_DAYS.includes(date)) {
      const detail = date === DETAIL_DAY;
      const metrics = {
        attacks: exact(detail ? 131 : 30 + ((index * 7) % 23), 'обстрілів'),
        explosions: exact(detail ? 402 : 90 + ((index * 13) % 61), 'вибухів'),
      };
      tallies.push({
        region: 'sumy',
        date,
        window: 'total',
        metrics,
        perCommunity: detail ? perCommunity : [perCommunity[0]],
        contributions: detail ? [contribution] : [],
      });
      if (detail) {
        tallies.push({
          region: 'sumy',
          date,
          window: 'past_24h',
          metrics,
          perCommunity,
          contributions: [contribution],
        });
      }
    }
    // Kharkiv states attacks only: its chart has no explosions series.
    tallies.push({
      region: 'kharkiv',
      date,
      window: 'total',
      metrics: { attacks: exact(8 + ((index * 5) % 17), 'атак') },
      perCommunity: [
        { community: COMMUNITIES.izium.code, name: 'Ізюмська', attacks: exact(2 + (index % 3), 'атаки') },
      ],
      contributions: [],
    });
  });
  await Tally.insertMany(tallies);

  await Alert.create({
    kind: 'spike',
    region: 'sumy',
    metric: 'attacks',
    date: DETAIL_DAY,
    value: 131,
    baseline: 40,
    threshold: 3.5,
    method: 'robust-z(28d) > 3.5',
    explanation: 'Sumy Oblast reported 131 attacks on 2026-11-20, more than three times its usual 40.',
  });
  await bumpDataVersion('dashboard-fixtures');
}
