/**
 * The service's busiest engine workload, as `engine.bench.ts` measures it: 4 years × 8 regions of
 * tally-shaped documents of about 1 KB (metrics, per-community figures, a contribution with its evidence)
 * in a collection with the Tally model's indexes.
 */
import { ObjectId } from 'mongodb';
import type { AnyBulkWriteOperation, Db, Collection as DriverCollection } from 'mongodb';

export const TALLY_REGIONS = [
  'sumy',
  'kharkiv',
  'kherson',
  'zaporizhzhia',
  'dnipropetrovsk',
  'donetsk',
  'chernihiv',
  'mykolaiv',
];
const FIRST_DAY = Date.UTC(2022, 0, 1);
export const TALLY_DAYS = 4 * 365 + 1;

export interface TallyShape {
  region: string;
  date: string;
  window: 'total';
  metrics: Record<string, { value: number; qualifier: string; term: string } | null>;
  perCommunity: Array<{
    community: string;
    name: string;
    attacks: { value: number; qualifier: string; term: string } | null;
    explosions: { value: number; qualifier: string; term: string } | null;
    weapons: string[];
  }>;
  contributions: Array<{
    report: ObjectId;
    source: string;
    extractorVersion: string;
    evidence: Array<{ metric: string; text: string; start: number; end: number }>;
  }>;
  disagreements: [];
  revisions: [];
  demo: boolean;
  notice: null;
  createdAt: Date;
  updatedAt: Date;
}

function metric(value: number, term: string) {
  return { value, qualifier: 'exact', term };
}

/** Every (region, day) tally; `revision` changes the figures, so a second set updates every document. */
export function makeTallies(revision = 0): TallyShape[] {
  const tallies: TallyShape[] = [];
  const stamp = new Date(Date.UTC(2026, 0, 1) + revision * 1000);
  for (let day = 0; day < TALLY_DAYS; day++) {
    const date = new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);
    TALLY_REGIONS.forEach((region, r) => {
      const attacks = (day * 31 + r * 17 + revision) % 97;
      tallies.push({
        region,
        date,
        window: 'total',
        metrics: {
          communities: metric((day + r) % 13, 'громад'),
          settlements: metric((day * 3 + r) % 29, 'населених пунктів'),
          attacks: metric(attacks, 'обстрілів'),
          explosions: r % 2 === 0 ? metric(attacks * 3, 'вибухів') : null,
          projectiles: null,
          injured: metric((day + revision) % 5, 'поранених'),
          killed: null,
        },
        perCommunity: [0, 1].map((c) => ({
          community: `UA59${String(r).padStart(2, '0')}${String(c).padStart(4, '0')}`,
          name: `Громада ${c}`,
          attacks: metric((attacks + c) % 11, 'обстрілів'),
          explosions: null,
          weapons: ['artillery', 'fpv'],
        })),
        contributions: [
          {
            report: new ObjectId(),
            source: `${region}-telegram`,
            extractorVersion: 'bench-1',
            evidence: [
              { metric: 'attacks', text: `${attacks} обстрілів`, start: 10, end: 24 },
              { metric: 'injured', text: 'поранено людей', start: 40, end: 54 },
            ],
          },
        ],
        disagreements: [],
        revisions: [],
        demo: false,
        notice: null,
        createdAt: stamp,
        updatedAt: stamp,
      });
    });
  }
  return tallies;
}

/** The indexes the Tally model declares. */
export async function resetTallyCollection(db: Db, name: string): Promise<DriverCollection<TallyShape>> {
  await db.dropCollection(name).catch(() => false);
  const coll = db.collection<TallyShape>(name);
  await coll.createIndex({ region: 1, date: 1, window: 1 }, { unique: true });
  await coll.createIndex({ date: 1 });
  return coll;
}

/** The upserts ingestion and the demo load send: one per tally slot, `$set` of the whole tally. */
export function toUpserts(tallies: TallyShape[]): AnyBulkWriteOperation<TallyShape>[] {
  return tallies.map((tally) => {
    const { createdAt, ...fields } = tally;
    return {
      updateOne: {
        filter: { region: tally.region, date: tally.date, window: tally.window },
        update: { $set: fields, $setOnInsert: { createdAt } },
        upsert: true,
      },
    };
  });
}
