import assert from 'node:assert/strict';
import { useEngineTestDb } from './engine-test-db.js';

describe('engine: upserts', () => {
  const testDb = useEngineTestDb('upsert');

  it('reports the upserted _id with its statement index in upserted[]', async () => {
    const result = await testDb()
      .db.collection('tallies')
      .bulkWrite([
        { updateOne: { filter: { region: 'a' }, update: { $set: { n: 1 } }, upsert: true } },
        { updateOne: { filter: { region: 'b' }, update: { $set: { n: 2 } }, upsert: true } },
      ]);
    assert.equal(result.upsertedCount, 2);
    assert.deepEqual(Object.keys(result.upsertedIds), ['0', '1']);
    assert.equal(result.matchedCount, 0);
    assert.equal(result.modifiedCount, 0);
  });

  it('builds the new document from the equality fields of the filter', async () => {
    const tallies = testDb().db.collection('tallies');
    await tallies.updateOne(
      { region: 'kyiv', 'day.year': 2024, count: { $gt: 5 } },
      { $set: { n: 1 } },
      { upsert: true },
    );
    const doc = await tallies.findOne({}, { projection: { _id: 0 } });
    assert.deepEqual(doc, { region: 'kyiv', day: { year: 2024 }, n: 1 });
  });

  it('takes equality fields from $eq, a one-element $in and $and', async () => {
    const tallies = testDb().db.collection('tallies');
    await tallies.updateOne(
      { $and: [{ a: { $eq: 1 } }, { b: { $in: ['x'] } }] },
      { $set: { c: true } },
      { upsert: true },
    );
    const doc = await tallies.findOne({}, { projection: { _id: 0 } });
    assert.deepEqual(doc, { a: 1, b: 'x', c: true });
  });

  it('uses the _id of the filter for the new document', async () => {
    const tallies = testDb().db.collection<{ _id: string; n?: number }>('tallies');
    const result = await tallies.updateOne({ _id: 'day-1' }, { $inc: { n: 1 } }, { upsert: true });
    assert.equal(result.upsertedId, 'day-1');
    assert.deepEqual(await tallies.findOne({ _id: 'day-1' }), { _id: 'day-1', n: 1 });
  });

  it('applies $setOnInsert only when the upsert inserts', async () => {
    const tallies = testDb().db.collection('tallies');
    const update = { $set: { seen: true }, $setOnInsert: { createdBy: 'first' } };
    await tallies.updateOne({ key: 1 }, update, { upsert: true });
    await tallies.updateOne(
      { key: 1 },
      { ...update, $setOnInsert: { createdBy: 'second' } },
      { upsert: true },
    );
    const doc = await tallies.findOne({ key: 1 });
    assert.equal(doc?.createdBy, 'first');
    assert.equal(doc?.seen, true);
  });

  it('updates the existing document instead of inserting when the filter matches', async () => {
    const tallies = testDb().db.collection('tallies');
    await tallies.insertOne({ key: 1, n: 1 });
    const result = await tallies.updateOne({ key: 1 }, { $set: { n: 2 } }, { upsert: true });
    assert.equal(result.matchedCount, 1);
    assert.equal(result.modifiedCount, 1);
    assert.equal(result.upsertedCount, 0);
    assert.equal(await tallies.countDocuments(), 1);
  });

  it('inserts a replacement document on a replaceOne upsert', async () => {
    const tallies = testDb().db.collection('tallies');
    const result = await tallies.replaceOne({ key: 7 }, { key: 7, whole: true }, { upsert: true });
    assert.equal(result.upsertedCount, 1);
    const doc = await tallies.findOne({ key: 7 }, { projection: { _id: 0 } });
    assert.deepEqual(doc, { key: 7, whole: true });
  });

  it('returns the inserted document from findOneAndUpdate with upsert and returnDocument after', async () => {
    const tallies = testDb().db.collection('tallies');
    const doc = await tallies.findOneAndUpdate(
      { key: 'new' },
      { $set: { n: 1 } },
      { upsert: true, returnDocument: 'after', projection: { _id: 0 } },
    );
    assert.deepEqual(doc, { key: 'new', n: 1 });
  });

  it('returns null from findOneAndUpdate with upsert and returnDocument before', async () => {
    const tallies = testDb().db.collection('tallies');
    const result = await tallies.findOneAndUpdate(
      { key: 'new' },
      { $set: { n: 1 } },
      { upsert: true, returnDocument: 'before', includeResultMetadata: true },
    );
    assert.equal(result.value, null);
    assert.equal(result.lastErrorObject?.updatedExisting, false);
    assert.ok(result.lastErrorObject?.upserted);
  });
});
