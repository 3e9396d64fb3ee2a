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
import { performance } from 'node:perf_hooks';
import { MongoClient, ObjectId } from 'mongodb';
import type { Db, Collection as DriverCollection } from 'mongodb';
import mongoose from 'mongoose';
import type { PipelineStage } from 'mongoose';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { DATA_FILES } from '../embedded-mongo/persistence/index.js';
import { matchDocuments } from '../embedded-mongo/query/match-documents.js';
import { Collection } from '../embedded-mongo/storage/collection.js';
import { reportRatio } from './harness.js';
import { benchStartTime } from './start-time-bench.js';
import { benchTallyWorkload } from './tally-bench.js';
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

async function resetItems(db: Db, name: string): Promise<DriverCollection<ItemDoc>> {
  await db.dropCollection(name).catch(() => false);
  const coll = db.collection<ItemDoc>(name);
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

interface Subject {
  name: string;
  fn: () => unknown;
  opsPerCall: number;
}

/**
 * Like `measure`, for several subjects whose samples are taken in turn (A, B, C, A, B, C...), so that load
 * from other processes falls on all of them alike and the ratios between them hold even on a busy machine.
 */
async function measureInterleaved(subjects: Subject[], samples: number, warmup = 1): Promise<Measurement[]> {
  for (let w = 0; w < warmup; w++) for (const subject of subjects) await subject.fn();
  const times = subjects.map((): number[] => []);
  for (let s = 0; s < samples; s++) {
    for (const [i, subject] of subjects.entries()) {
      const start = performance.now();
      await subject.fn();
      times[i]?.push(performance.now() - start);
    }
  }
  return subjects.map((subject, i) => {
    const sorted = (times[i] ?? []).sort((x, y) => x - y);
    const medianMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    return { name: subject.name, medianMs, opsPerSecond: (subject.opsPerCall * 1000) / medianMs };
  });
}

/** One fixture size: its documents and the codes looked up in it. */
interface SizeSetup {
  size: number;
  label: string;
  items: ItemDoc[];
  codes: string[];
}

function setUpSize(size: number): SizeSetup {
  const items = makeItems(size);
  return { size, label: `${size / 1000}k`, items, codes: pickCodes(items, FINDS_PER_SAMPLE) };
}

/**
 * Inserts at both sizes. Every sample inserts LARGE documents (10 rounds of 10k, or one of 100k), so both
 * sizes are timed over samples of the same length and the small one is not lost in timer and GC noise.
 */
async function measureInserts(db: Db, sizes: SizeSetup[]): Promise<Map<string, Measurement>> {
  const subjects = sizes.flatMap(({ size, label, items }): Subject[] => {
    const rounds = LARGE / size;
    const repeat = (fn: () => unknown) => async () => {
      for (let r = 0; r < rounds; r++) await fn();
    };
    return [
      { name: `Map set ${label}`, fn: repeat(() => insertIntoMap(items)), opsPerCall: LARGE },
      { name: `storage insert ${label}`, fn: repeat(() => insertIntoStorage(items)), opsPerCall: LARGE },
      {
        name: `driver insertMany ${label}`,
        fn: repeat(async () => insertAll(await resetItems(db, `items_${label}`), items)),
        opsPerCall: LARGE,
      },
    ];
  });
  return new Map((await measureInterleaved(subjects, 4)).map((m) => [m.name, m]));
}

/** Equality lookups by the unique field, at both sizes, with a `ping` round trip as the floor of a request. */
async function measureFinds(db: Db, sizes: SizeSetup[]): Promise<Map<string, Measurement>> {
  const lookupRepeats = 100;
  const subjects = sizes.flatMap(({ label, items, codes }): Subject[] => {
    const map = insertIntoMap(items);
    const storage = insertIntoStorage(items);
    // The insert samples left each collection full.
    const coll = db.collection<ItemDoc>(`items_${label}`);
    return [
      {
        name: `Map get in ${label}`,
        fn: () => {
          for (let r = 0; r < lookupRepeats; r++) {
            for (const code of codes)
              if (map.get(code)?.code !== code) throw new Error(`lookup of ${code} failed`);
          }
        },
        opsPerCall: codes.length * lookupRepeats,
      },
      {
        name: `storage find by unique code in ${label}`,
        fn: () => {
          for (const code of codes) {
            const [found] = matchDocuments(storage, { code });
            if (found?.code !== code) throw new Error(`lookup of ${code} failed`);
          }
        },
        opsPerCall: codes.length,
      },
      {
        name: `driver findOne by unique code in ${label}`,
        fn: async () => {
          for (const code of codes) {
            const found = await coll.findOne({ code });
            if (found?.code !== code) throw new Error(`lookup of ${code} failed`);
          }
        },
        opsPerCall: codes.length,
      },
    ];
  });
  subjects.push({
    name: 'driver ping (one round trip, no work)',
    fn: async () => {
      for (let i = 0; i < FINDS_PER_SAMPLE; i++) await db.command({ ping: 1 });
    },
    opsPerCall: FINDS_PER_SAMPLE,
  });
  return new Map((await measureInterleaved(subjects, 7)).map((m) => [m.name, m]));
}

/** How many times the cost per operation grew from the small to the large size (1 = perfectly linear). */
function measureGrowth(small: Measurement, large: Measurement): number {
  return small.opsPerSecond / large.opsPerSecond;
}

async function benchInsertsAndFinds(uri: string): Promise<void> {
  const client = await MongoClient.connect(uri);
  try {
    const db = client.db('bench_engine');
    const sizes = [setUpSize(SMALL), setUpSize(LARGE)];
    const figures = new Map([...(await measureInserts(db, sizes)), ...(await measureFinds(db, sizes))]);
    for (const { size, label } of sizes) {
      assert.equal(await db.collection(`items_${label}`).countDocuments(), size);
    }
    const get = (name: string): Measurement => {
      const found = figures.get(name);
      if (!found) throw new Error(`no measurement named ${name}`);
      return found;
    };

    for (const { label } of sizes) {
      console.log(`\n## ${label} documents with a unique index (ratios against a Map in the same run)`);
      console.log('  storage layer, in process:');
      reportRatio(get(`storage insert ${label}`), get(`Map set ${label}`));
      reportRatio(get(`storage find by unique code in ${label}`), get(`Map get in ${label}`));
      console.log('  through the official driver (BSON, TCP, one round trip per findOne):');
      reportRatio(get(`driver insertMany ${label}`), get(`Map set ${label}`));
      reportRatio(get(`driver findOne by unique code in ${label}`), get(`Map get in ${label}`));
      reportRatio(
        get(`driver findOne by unique code in ${label}`),
        get('driver ping (one round trip, no work)'),
      );
    }

    // A Map also gets slower per operation at 100k (its entries no longer fit the CPU caches), so its
    // growth, measured alongside, is the floor to compare against.
    const [small, large] = sizes.map((setup) => setup.label);
    console.log(
      `\n## growth from ${small} to ${large} documents (linear means near 1x, a scan per insert ~10x)`,
    );
    for (const [subject, baseline] of [
      ['storage insert', 'Map set'],
      ['driver insertMany', 'Map set'],
      ['storage find by unique code in', 'Map get in'],
      ['driver findOne by unique code in', 'Map get in'],
    ] as const) {
      const growth = measureGrowth(get(`${subject} ${small}`), get(`${subject} ${large}`));
      const mapGrowth = measureGrowth(get(`${baseline} ${small}`), get(`${baseline} ${large}`));
      console.log(
        `  ${subject}: per-operation cost at ${large} is ${growth.toFixed(2)}x that at ${small} ` +
          `(a Map doing the same: ${mapGrowth.toFixed(2)}x)`,
      );
    }
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
    const loopRepeats = 20;
    // Interleaved, and after enough rounds of warm-up for the JIT to settle on the shared code, so that
    // neither the load of other processes nor compilation favours whichever is measured last; many samples,
    // so that the median is not one that a collection of the loop's garbage happened to land in.
    const [engine, fullScan, loop] = await measureInterleaved(
      [
        {
          name: `mongoose aggregate: ${ROLLUP_REGION} monthly rollup over ${tallies.length} daily docs`,
          fn: () => Tally.aggregate<MonthRow>(ROLLUP_PIPELINE),
          opsPerCall: 1,
        },
        {
          name: 'the same rollup without an index on region (every document through mingo)',
          fn: () => Unindexed.aggregate<MonthRow>(ROLLUP_PIPELINE),
          opsPerCall: 1,
        },
        {
          name: 'plain JS loop, same rollup',
          fn: () => {
            for (let r = 0; r < loopRepeats; r++) rollupInLoop(tallies);
          },
          opsPerCall: loopRepeats,
        },
      ],
      40,
      20,
    );
    if (!engine || !fullScan || !loop) throw new Error('missing rollup measurement');
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

/** What the journal costs on writes, against the in-memory engine. */
async function benchJournalWrites(memoryUri: string, root: string): Promise<void> {
  const journaled = await startEmbeddedMongo({ port: 0, dataDir: path.join(root, 'writes') });
  const memoryClient = await MongoClient.connect(memoryUri);
  const journaledClient = await MongoClient.connect(journaled.uri);
  try {
    const memoryDb = memoryClient.db('bench_durability');
    const journaledDb = journaledClient.db('bench_durability');
    const count = 2_000;
    const items = makeItems(LARGE);
    const [memoryOne, journaledOne, memoryBulk, journaledBulk] = await measureInterleaved(
      [
        { name: 'in-memory insertOne', fn: () => insertOneByOne(memoryDb, count), opsPerCall: count },
        { name: 'journaled insertOne', fn: () => insertOneByOne(journaledDb, count), opsPerCall: count },
        {
          name: 'in-memory insertMany 100k',
          fn: async () => insertAll(await resetItems(memoryDb, 'items'), items),
          opsPerCall: LARGE,
        },
        {
          name: 'journaled insertMany 100k (compacting on the way)',
          fn: async () => insertAll(await resetItems(journaledDb, 'items'), items),
          opsPerCall: LARGE,
        },
      ],
      4,
    );
    console.log(`\n## durability cost (journaled engine against the in-memory engine in the same run)`);
    reportRatio(journaledOne!, memoryOne!);
    reportRatio(journaledBulk!, memoryBulk!);
    await memoryDb.dropDatabase();
  } finally {
    await memoryClient.close();
    await journaledClient.close();
    await journaled.stop();
  }
}

async function timeStartAndStop(dataDir: string): Promise<void> {
  const engine = await startEmbeddedMongo({ port: 0, dataDir });
  await engine.stop();
}

/** How long a restart with 100k documents takes, against rebuilding the same storage in memory. */
async function benchRestart(root: string): Promise<void> {
  const dataDir = path.join(root, 'restart');
  const items = makeItems(LARGE);
  const samples = 3;
  const engine = await startEmbeddedMongo({ port: 0, dataDir });
  const client = await MongoClient.connect(engine.uri);
  // What a crash now would leave, once per sample: a journal of 100k inserts and no snapshot (each start
  // from such a copy compacts on stop, so every sample needs its own).
  const crashCopies = Array.from({ length: samples }, (_, i) => path.join(root, `crashed-${i}`));
  try {
    await insertAll(await resetItems(client.db('bench_restart'), 'items'), items);
    assert.equal(fs.existsSync(path.join(dataDir, DATA_FILES.snapshot)), false, 'no compaction yet');
    for (const copy of crashCopies) {
      fs.mkdirSync(copy);
      fs.copyFileSync(path.join(dataDir, DATA_FILES.journal), path.join(copy, DATA_FILES.journal));
    }
  } finally {
    await client.close();
    await engine.stop();
  }
  const journalBytes = fs.statSync(path.join(crashCopies[0] ?? '', DATA_FILES.journal)).size;
  const snapshotBytes = fs.statSync(path.join(dataDir, DATA_FILES.snapshot)).size;

  let next = 0;
  const [rebuild, fromSnapshot, fromJournal] = await measureInterleaved(
    [
      { name: 'storage insert 100k (the indexes alone)', fn: () => insertIntoStorage(items), opsPerCall: 1 },
      {
        name: 'start + stop from a snapshot of 100k docs',
        fn: () => timeStartAndStop(dataDir),
        opsPerCall: 1,
      },
      {
        name: 'start + stop replaying a journal of 100k inserts',
        fn: () => timeStartAndStop(crashCopies[next++] ?? ''),
        opsPerCall: 1,
      },
    ],
    samples - 1,
  );
  console.log(`\n## restart with 100k documents (against rebuilding the storage alone, in the same run)`);
  console.log(`  journal ${formatBytes(journalBytes)}, snapshot ${formatBytes(snapshotBytes)}`);
  reportRatio(fromSnapshot!, rebuild!);
  reportRatio(fromJournal!, rebuild!);
  console.log(
    `  restart: ${fromSnapshot!.medianMs.toFixed(0)} ms from the snapshot, ` +
      `${fromJournal!.medianMs.toFixed(0)} ms replaying the journal`,
  );
}

function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const benchmark: Benchmark = {
  name: 'embedded MongoDB-compatible engine',
  async run() {
    const server = await startEmbeddedMongo({ port: 0 });
    try {
      await benchTallyWorkload(server.uri);
      await benchInsertsAndFinds(server.uri);
      await benchRollup(server.uri);
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-bench-'));
      try {
        await benchJournalWrites(server.uri, root);
        await benchRestart(root);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    } finally {
      await server.stop();
    }
    await benchStartTime();
  },
};
