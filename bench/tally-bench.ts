/**
 * The tally workload through the driver and mongoose, each figure against a baseline measured in the
 * same run: bulk upserts that create and that update every document against an `insertMany` of the same
 * documents, the same upserts through mongoose's Tally model against a `Map`, and the 365-day read of one
 * region through `.lean()` against one BSON serialise-and-deserialise of the same documents.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { BSON } from 'bson';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import mongoose from 'mongoose';
import { reportRatio } from './harness.js';
import type { Measurement } from './harness.js';
import { makeTallies, resetTallyCollection, toUpserts, type TallyShape } from './tally-workload.js';

interface TimedSubject {
  name: string;
  /** Untimed preparation of one sample (a fresh collection, say). */
  prepare?: () => unknown;
  run: () => unknown;
  opsPerCall: number;
}

/** Times each subject's `run` in turn (A, B, C, A, B, C...), so machine load falls on all of them alike. */
async function measureTimed(subjects: TimedSubject[], samples: number): Promise<Measurement[]> {
  const times = subjects.map((): number[] => []);
  for (let s = 0; s <= samples; s++) {
    for (const [i, subject] of subjects.entries()) {
      await subject.prepare?.();
      const start = performance.now();
      await subject.run();
      // The first round warms up.
      if (s > 0) times[i]?.push(performance.now() - start);
    }
  }
  return subjects.map((subject, i) => {
    const sorted = (times[i] ?? []).sort((x, y) => x - y);
    const medianMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    return { name: subject.name, medianMs, opsPerSecond: (subject.opsPerCall * 1000) / medianMs };
  });
}

/** Copies: the driver adds `_id` to the documents it inserts. */
function copies(tallies: TallyShape[]): TallyShape[] {
  return tallies.map((tally) => ({ ...tally }));
}

async function benchDriverWrites(db: Db, tallies: TallyShape[], revised: TallyShape[]): Promise<void> {
  const n = tallies.length;
  const name = 'tallies_driver';
  const [insertMany, upsertCreate, upsertUpdate] = await measureTimed(
    [
      {
        name: `driver insertMany of ${n} tallies`,
        prepare: () => resetTallyCollection(db, name),
        run: () => db.collection<TallyShape>(name).insertMany(copies(tallies)),
        opsPerCall: n,
      },
      {
        name: `driver bulkWrite of ${n} upserts creating every tally`,
        prepare: () => resetTallyCollection(db, name),
        run: async () => {
          const result = await db.collection<TallyShape>(name).bulkWrite(toUpserts(tallies));
          assert.equal(result.upsertedCount, n);
        },
        opsPerCall: n,
      },
      {
        name: `driver bulkWrite of ${n} upserts updating every tally`,
        prepare: async () => {
          const coll = await resetTallyCollection(db, name);
          await coll.insertMany(copies(tallies));
        },
        run: async () => {
          const result = await db.collection<TallyShape>(name).bulkWrite(toUpserts(revised));
          assert.equal(result.modifiedCount, n);
        },
        opsPerCall: n,
      },
    ],
    3,
  );
  console.log(`\n## tally writes through the driver (against insertMany of the same documents, same run)`);
  reportRatio(upsertCreate!, insertMany!);
  reportRatio(upsertUpdate!, insertMany!);
  await db.dropCollection(name);
}

/** An upsert into a Map keyed like the unique index: the floor of any upsert. */
function upsertIntoMap(map: Map<string, TallyShape>, tallies: TallyShape[]): void {
  for (const tally of tallies) {
    const key = `${tally.region}|${tally.date}|${tally.window}`;
    const existing = map.get(key);
    map.set(key, existing ? { ...existing, ...tally } : { ...tally });
  }
}

async function benchMongoose(uri: string, tallies: TallyShape[]): Promise<void> {
  // The real model, on mongoose's default connection, imported here so the driver figures above do not
  // pay for loading it.
  const { Tally } = await import('../models/tally.model.js');
  await mongoose.connect(uri, { dbName: 'bench_tally_mongoose' });
  try {
    const n = tallies.length;
    const operations = toUpserts(tallies) as Parameters<typeof Tally.bulkWrite>[0];
    let map = new Map<string, TallyShape>();
    const [viaMongoose, viaMap] = await measureTimed(
      [
        {
          name: `mongoose Tally.bulkWrite of ${n} upserts creating every tally`,
          prepare: async () => {
            await Tally.deleteMany({});
            await Tally.init();
          },
          run: () => Tally.bulkWrite(operations, { ordered: false }),
          opsPerCall: n,
        },
        {
          name: `the same upserts into a Map`,
          prepare: () => {
            map = new Map();
          },
          run: () => upsertIntoMap(map, tallies),
          opsPerCall: n,
        },
      ],
      3,
    );
    console.log(
      `\n## tally upserts through mongoose's Tally model (against a Map, same run; stated as it is)`,
    );
    reportRatio(viaMongoose!, viaMap!);
    console.log(`  ${((viaMongoose!.medianMs * 1000) / n).toFixed(0)} µs per tally through mongoose`);

    const region = 'kharkiv';
    const from = '2024-01-01';
    const to = '2024-12-30';
    const read = () =>
      Tally.find({ region, date: { $gte: from, $lte: to } })
        .sort({ date: 1 })
        .lean();
    const docs = await read();
    assert.equal(docs.length, 365);
    const [lean, bson] = await measureTimed(
      [
        { name: `mongoose .lean() of one region's 365 days`, run: read, opsPerCall: 1 },
        {
          name: `one BSON serialise + deserialise of the same 365 documents`,
          run: () => {
            for (const doc of docs) BSON.deserialize(BSON.serialize(doc));
          },
          opsPerCall: 1,
        },
      ],
      25,
    );
    console.log(`\n## the 365-day read of one region (against BSON alone, same run)`);
    reportRatio(lean!, bson!);
    await Tally.deleteMany({});
  } finally {
    await mongoose.disconnect();
  }
}

export async function benchTallyWorkload(uri: string): Promise<void> {
  const tallies = makeTallies();
  const revised = makeTallies(1);
  const client = await MongoClient.connect(uri);
  try {
    await benchDriverWrites(client.db('bench_tally'), tallies, revised);
  } finally {
    await client.close();
  }
  await benchMongoose(uri, tallies);
}
