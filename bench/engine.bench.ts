/**
 * The embedded engine against plain JavaScript doing the same work in the same run:
 *
 * 1. inserts and equality finds on a collection with a unique index, against a `Map` keyed by that field,
 *    at 10k and 100k documents: in process on the storage layer (the hash indexes alone) and through the
 *    official driver (plus a `ping` round trip as the floor of any request). Then the growth in cost per
 *    operation between the two sizes: a hash index keeps it near the Map's own; a scan per insert would
 *    make it about 10x.
 * 2. through mongoose, a one-region monthly rollup (`$match` on an indexed region and a date range,
 *    `$group`, `$sort`) over 4 years of daily documents for 8 regions, against a plain loop computing the
 *    same result, which the benchmark checks is equal. The same rollup without the index is shown too.
 * 3. what durability costs: writes with a data directory against the in-memory engine, and restarts of
 *    100k documents (from a snapshot, and replaying the journal) against rebuilding the storage alone.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import type { Db, Collection as DriverCollection } from 'mongodb';
import mongoose from 'mongoose';
import type { PipelineStage } from 'mongoose';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { DATA_FILES } from '../embedded-mongo/persistence/index.js';
import { matchDocuments } from '../embedded-mongo/query/match-documents.js';
import { Collection } from '../embedded-mongo/storage/collection.js';
import { measure, reportRatio } from './harness.js';
import type { Benchmark, Measurement } from './harness.js';

const SMALL = 10_000;
const LARGE = 100_000;
const INSERT_BATCH = 1_000;
const FINDS_PER_SAMPLE = 2_000;

interface ItemDoc {
  code: string;
  n: number;
  region: string;
  at: Date;
}

function makeItems(count: number): ItemDoc[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `item-${i.toString(36)}-${(i * 7919) % 1000}`,
    n: i,
    region: `region-${i % 25}`,
    at: new Date(Date.UTC(2022, 0, 1) + i * 60_000),
  }));
}

/** Codes to look up, spread over the whole collection, in a fixed pseudo-random order. */
function pickCodes(items: ItemDoc[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => items[(i * 104_729) % items.length]?.code ?? '');
}

async function resetItems(db: Db): Promise<DriverCollection<ItemDoc>> {
  await db.dropCollection('items').catch(() => false);
  const coll = db.collection<ItemDoc>('items');
  await coll.createIndex({ code: 1 }, { unique: true });
  return coll;
}

async function insertAll(coll: DriverCollection<ItemDoc>, items: ItemDoc[]): Promise<void> {
  for (let i = 0; i < items.length; i += INSERT_BATCH) {
    // Copies: the driver adds `_id` to the objects it inserts.
    await coll.insertMany(items.slice(i, i + INSERT_BATCH).map((item) => ({ ...item })));
  }
}

function insertIntoMap(items: ItemDoc[]): Map<string, ItemDoc> {
  const map = new Map<string, ItemDoc>();
  for (const item of items) {
    if (map.has(item.code)) throw new Error(`duplicate ${item.code}`);
    map.set(item.code, { ...item });
  }
  return map;
}

/** The same inserts straight into the engine's storage layer: the hash indexes without the wire protocol. */
function insertIntoStorage(items: ItemDoc[]): Collection {
  const coll = new Collection('bench', 'items');
  coll.createIndex({ name: 'code_1', key: { code: 1 }, unique: true });
  for (const item of items) coll.insert({ _id: new ObjectId(), ...item });
  return coll;
}

interface SizeFigures {
  mapInsert: Measurement;
  storageInsert: Measurement;
  driverInsert: Measurement;
  mapFind: Measurement;
  storageFind: Measurement;
  driverFind: Measurement;
  ping: Measurement;
}

async function measureAtSize(db: Db, size: number): Promise<SizeFigures> {
  const items = makeItems(size);
  const codes = pickCodes(items, FINDS_PER_SAMPLE);
  const label = `${size / 1000}k`;
  // Every sample does LARGE inserts (10 rounds of 10k, or one of 100k), so that both sizes are timed over
  // samples of the same length and the small one is not lost in timer and GC noise.
  const rounds = LARGE / size;
  const insertOptions = { opsPerCall: LARGE, samples: 5, warmup: 1 };
  const repeat = (fn: () => unknown) => async () => {
    for (let r = 0; r < rounds; r++) await fn();
  };

  const mapInsert = await measure(
    `Map set ${label}`,
    repeat(() => insertIntoMap(items)),
    insertOptions,
  );
  const storageInsert = await measure(
    `storage insert ${label} (unique index)`,
    repeat(() => insertIntoStorage(items)),
    insertOptions,
  );
  const driverInsert = await measure(
    `driver insertMany ${label} (unique index)`,
    repeat(async () => insertAll(await resetItems(db), items)),
    { ...insertOptions, samples: 3 },
  );

  const map = insertIntoMap(items);
  const lookupRepeats = 100;
  const mapFind = await measure(
    `Map get in ${label}`,
    () => {
      for (let r = 0; r < lookupRepeats; r++) {
        for (const code of codes)
          if (map.get(code)?.code !== code) throw new Error(`lookup of ${code} failed`);
      }
    },
    { opsPerCall: codes.length * lookupRepeats, samples: 7, warmup: 1 },
  );
  const storage = insertIntoStorage(items);
  const storageFind = await measure(
    `storage find by unique code in ${label}`,
    () => {
      for (const code of codes) {
        const [found] = matchDocuments(storage, { code });
        if (found?.code !== code) throw new Error(`lookup of ${code} failed`);
      }
    },
    { opsPerCall: codes.length, samples: 7, warmup: 1 },
  );
  // The last insert sample left the full collection in place.
  const coll = db.collection<ItemDoc>('items');
  assert.equal(await coll.countDocuments(), size);
  const driverFind = await measure(
    `driver findOne by unique code in ${label}`,
    async () => {
      for (const code of codes) {
        const found = await coll.findOne({ code });
        if (found?.code !== code) throw new Error(`lookup of ${code} failed`);
      }
    },
    { opsPerCall: codes.length, samples: 5, warmup: 1 },
  );
  const ping = await measure(
    'driver ping (one round trip, no work)',
    async () => {
      for (let i = 0; i < codes.length; i++) await db.command({ ping: 1 });
    },
    { opsPerCall: codes.length, samples: 3, warmup: 1 },
  );
  return { mapInsert, storageInsert, driverInsert, mapFind, storageFind, driverFind, ping };
}

/** How many times the cost per operation grew from the small to the large size (1 = perfectly linear). */
function measureGrowth(small: Measurement, large: Measurement): number {
  return small.opsPerSecond / large.opsPerSecond;
}

/**
 * Prints the growth of `subject` beside that of the Map doing the same work: a Map also gets slower per
 * operation at 100k (its entries no longer fit the CPU caches), so the Map's growth is the floor.
 */
function reportGrowth(
  label: string,
  subject: [Measurement, Measurement],
  map: [Measurement, Measurement],
): void {
  console.log(
    `  ${label}: per-operation cost at ${LARGE / 1000}k is ${measureGrowth(...subject).toFixed(2)}x that at ` +
      `${SMALL / 1000}k (a Map doing the same: ${measureGrowth(...map).toFixed(2)}x)`,
  );
}

async function benchInsertsAndFinds(uri: string): Promise<void> {
  const client = await MongoClient.connect(uri);
  try {
    const db = client.db('bench_engine');
    const small = await measureAtSize(db, SMALL);
    const large = await measureAtSize(db, LARGE);
    for (const [size, figures] of [
      [SMALL, small],
      [LARGE, large],
    ] as const) {
      console.log(
        `\n## ${size / 1000}k documents with a unique index (ratios against a Map in the same run)`,
      );
      console.log('  storage layer, in process:');
      reportRatio(figures.storageInsert, figures.mapInsert);
      reportRatio(figures.storageFind, figures.mapFind);
      console.log('  through the official driver (BSON, TCP, one round trip per findOne):');
      reportRatio(figures.driverInsert, figures.mapInsert);
      reportRatio(figures.driverFind, figures.mapFind);
      reportRatio(figures.driverFind, figures.ping);
    }
    console.log(
      `\n## growth from ${SMALL / 1000}k to ${LARGE / 1000}k documents (linear means near 1x, a scan ~10x)`,
    );
    const mapInserts: [Measurement, Measurement] = [small.mapInsert, large.mapInsert];
    const mapGets: [Measurement, Measurement] = [small.mapFind, large.mapFind];
    reportGrowth('storage insert', [small.storageInsert, large.storageInsert], mapInserts);
    reportGrowth('driver insertMany', [small.driverInsert, large.driverInsert], mapInserts);
    reportGrowth('storage find', [small.storageFind, large.storageFind], mapGets);
    reportGrowth('driver findOne', [small.driverFind, large.driverFind], mapGets);
    await db.dropDatabase();
  } finally {
    await client.close();
  }
}

const REGIONS = ['vinnytsia', 'dnipro', 'donetsk', 'zaporizhzhia', 'kyiv', 'mykolaiv', 'kharkiv', 'kherson'];
const FIRST_DAY = Date.UTC(2022, 0, 1);
const DAYS = 4 * 365 + 1; // 2022-01-01 .. 2025-12-31

interface DailyTally {
  region: string;
  date: Date;
  strikes: number;
  casualties: number;
}

interface MonthRow {
  _id: string;
  strikes: number;
  casualties: number;
  days: number;
  worstDay: number;
}

function makeDailyTallies(): DailyTally[] {
  const tallies: DailyTally[] = [];
  for (let day = 0; day < DAYS; day++) {
    REGIONS.forEach((region, r) => {
      tallies.push({
        region,
        date: new Date(FIRST_DAY + day * 86_400_000),
        strikes: (day * 31 + r * 17) % 53,
        casualties: (day * 7 + r * 3) % 11,
      });
    });
  }
  return tallies;
}

const ROLLUP_REGION = 'kharkiv';
const ROLLUP_FROM = new Date(Date.UTC(2022, 2, 1));
const ROLLUP_TO = new Date(Date.UTC(2025, 9, 1));

function rollupInLoop(tallies: DailyTally[]): MonthRow[] {
  const months = new Map<string, MonthRow>();
  for (const t of tallies) {
    if (t.region !== ROLLUP_REGION || t.date < ROLLUP_FROM || t.date >= ROLLUP_TO) continue;
    const month = t.date.toISOString().slice(0, 7);
    const row = months.get(month) ?? { _id: month, strikes: 0, casualties: 0, days: 0, worstDay: -Infinity };
    row.strikes += t.strikes;
    row.casualties += t.casualties;
    row.days += 1;
    row.worstDay = Math.max(row.worstDay, t.strikes);
    months.set(month, row);
  }
  return [...months.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

const ROLLUP_PIPELINE: PipelineStage[] = [
  { $match: { region: ROLLUP_REGION, date: { $gte: ROLLUP_FROM, $lt: ROLLUP_TO } } },
  {
    $group: {
      _id: { $dateToString: { format: '%Y-%m', date: '$date' } },
      strikes: { $sum: '$strikes' },
      casualties: { $sum: '$casualties' },
      days: { $sum: 1 },
      worstDay: { $max: '$strikes' },
    },
  },
  { $sort: { _id: 1 } },
];

async function benchRollup(uri: string): Promise<void> {
  const connection = await mongoose.createConnection(uri, { dbName: 'bench_rollup' }).asPromise();
  try {
    const schema = new mongoose.Schema<DailyTally>({
      region: { type: String, required: true, index: true },
      date: { type: Date, required: true },
      strikes: { type: Number, required: true },
      casualties: { type: Number, required: true },
    });
    const Tally = connection.model<DailyTally>('DailyTally', schema);
    await Tally.init();
    await Tally.deleteMany({});
    const tallies = makeDailyTallies();
    await Tally.insertMany(tallies, { lean: true });

    const expected = rollupInLoop(tallies);
    const actual = await Tally.aggregate<MonthRow>(ROLLUP_PIPELINE);
    assert.deepEqual(actual, expected, 'the engine and the loop must agree on the rollup');

    const engine = await measure(
      `mongoose aggregate: ${ROLLUP_REGION} monthly rollup over ${tallies.length} daily docs`,
      () => Tally.aggregate<MonthRow>(ROLLUP_PIPELINE),
      { samples: 15, warmup: 3 },
    );
    const Unindexed = connection.model<DailyTally>(
      'UnindexedTally',
      new mongoose.Schema<DailyTally>(schema.obj, { autoIndex: false }),
    );
    await Unindexed.init();
    await Unindexed.deleteMany({});
    await Unindexed.insertMany(tallies, { lean: true });
    assert.deepEqual(
      (await Unindexed.listIndexes()).map((index: { name?: string }) => index.name),
      ['_id_'],
    );
    assert.deepEqual(await Unindexed.aggregate<MonthRow>(ROLLUP_PIPELINE), expected);
    const fullScan = await measure(
      'the same rollup without an index on region (every document through mingo)',
      () => Unindexed.aggregate<MonthRow>(ROLLUP_PIPELINE),
      { samples: 5, warmup: 1 },
    );
    const loopRepeats = 20;
    const loop = await measure(
      'plain JS loop, same rollup',
      () => {
        for (let r = 0; r < loopRepeats; r++) rollupInLoop(tallies);
      },
      { opsPerCall: loopRepeats, samples: 15, warmup: 3 },
    );
    console.log(`\n## monthly rollup through mongoose (ratio against a plain loop in the same run)`);
    console.log(`  ${expected.length} months, results equal`);
    reportRatio(engine, loop);
    reportRatio(fullScan, loop);
    console.log(
      `  engine median ${engine.medianMs.toFixed(2)} ms per rollup with the index, ` +
        `${fullScan.medianMs.toFixed(2)} ms without`,
    );
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

/** Inserts one document per round trip, as an application saving records one by one does. */
async function insertOneByOne(db: Db, count: number): Promise<void> {
  const coll = db.collection('one_by_one');
  for (let i = 0; i < count; i++) await coll.insertOne({ i, at: new Date(), label: `row ${i}` });
}

async function timeStartAndStop(dataDir: string): Promise<void> {
  const engine = await startEmbeddedMongo({ port: 0, dataDir });
  await engine.stop();
}

/** What the journal costs on writes, and how long a restart takes to rebuild 100k documents. */
async function benchDurability(memoryUri: string): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-bench-'));
  const dataDir = path.join(root, 'data');
  const journalOnlyDir = path.join(root, 'journal-only');
  const journaled = await startEmbeddedMongo({ port: 0, dataDir });
  const memoryClient = await MongoClient.connect(memoryUri);
  const journaledClient = await MongoClient.connect(journaled.uri);
  try {
    const memoryDb = memoryClient.db('bench_durability');
    const journaledDb = journaledClient.db('bench_durability');
    const count = 2_000;
    const oneByOneOptions = { opsPerCall: count, samples: 5, warmup: 1 };
    const memoryOne = await measure(
      'in-memory insertOne',
      () => insertOneByOne(memoryDb, count),
      oneByOneOptions,
    );
    const journaledOne = await measure(
      'journaled insertOne',
      () => insertOneByOne(journaledDb, count),
      oneByOneOptions,
    );

    const items = makeItems(LARGE);
    const bulkOptions = { opsPerCall: LARGE, samples: 3, warmup: 1 };
    const memoryBulk = await measure(
      'in-memory insertMany 100k',
      async () => insertAll(await resetItems(memoryDb), items),
      bulkOptions,
    );
    const journaledBulk = await measure(
      'journaled insertMany 100k',
      async () => insertAll(await resetItems(journaledDb), items),
      bulkOptions,
    );

    // What a crash now would leave: a journal holding every write and no snapshot yet.
    fs.mkdirSync(journalOnlyDir);
    const hadSnapshot = fs.existsSync(path.join(dataDir, DATA_FILES.snapshot));
    fs.copyFileSync(path.join(dataDir, DATA_FILES.journal), path.join(journalOnlyDir, DATA_FILES.journal));
    if (hadSnapshot) {
      fs.copyFileSync(
        path.join(dataDir, DATA_FILES.snapshot),
        path.join(journalOnlyDir, DATA_FILES.snapshot),
      );
    }
    await journaledClient.close();
    await journaled.stop();

    const rebuild = await measure(
      'storage insert 100k (rebuilding the indexes alone)',
      () => insertIntoStorage(items),
      {
        samples: 3,
      },
    );
    const fromSnapshot = await measure(
      'start + stop from a snapshot of 100k docs',
      () => timeStartAndStop(dataDir),
      {
        samples: 3,
        warmup: 0,
      },
    );
    // Each start from the journal-only copy compacts on stop, so every sample uses a fresh copy.
    const replayDirs = [0, 1, 2].map((i) => {
      const dir = path.join(root, `replay-${i}`);
      fs.cpSync(journalOnlyDir, dir, { recursive: true });
      return dir;
    });
    let next = 0;
    const fromJournal = await measure(
      `start + stop replaying a journal of 100k docs${hadSnapshot ? ' (after a snapshot)' : ''}`,
      () => timeStartAndStop(replayDirs[next++] ?? journalOnlyDir),
      { samples: 3, warmup: 0 },
    );

    console.log(`\n## durability cost (journaled engine against the in-memory engine in the same run)`);
    reportRatio(journaledOne, memoryOne);
    reportRatio(journaledBulk, memoryBulk);
    console.log(
      `  journal ${formatBytes(fs.statSync(path.join(journalOnlyDir, DATA_FILES.journal)).size)}, ` +
        `snapshot ${formatBytes(fs.statSync(path.join(dataDir, DATA_FILES.snapshot)).size)}`,
    );
    reportRatio(fromSnapshot, rebuild);
    reportRatio(fromJournal, rebuild);
    console.log(
      `  restart: ${fromSnapshot.medianMs.toFixed(0)} ms from the snapshot, ` +
        `${fromJournal.medianMs.toFixed(0)} ms replaying the journal`,
    );
    await memoryDb.dropDatabase();
  } finally {
    await memoryClient.close();
    await journaledClient.close();
    await journaled.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const benchmark: Benchmark = {
  name: 'embedded MongoDB-compatible engine',
  async run() {
    const server = await startEmbeddedMongo({ port: 0 });
    try {
      await benchInsertsAndFinds(server.uri);
      await benchRollup(server.uri);
      await benchDurability(server.uri);
    } finally {
      await server.stop();
    }
  },
};
