import assert from 'node:assert/strict';
import { Collection } from '../../embedded-mongo/storage/collection.js';
import { matchDocuments } from '../../embedded-mongo/query/match-documents.js';
import { choosePlan, planCandidates } from '../../embedded-mongo/query/query-planner.js';
import { describeGrowth, GROWTH_HANG_GUARD_MS, measureGrowth } from '../setup/growth.js';

function buildTallies(): Collection {
  const tallies = new Collection('test', 'tallies');
  tallies.createIndex({ name: 'region_1_day_1', key: { region: 1, day: 1 }, unique: true });
  tallies.createIndex({ name: 'source_1', key: { source: 1 } });
  tallies.createIndex({ name: 'tag_1', key: { tag: 1 }, sparse: true });
  let id = 0;
  for (const region of ['a', 'b', 'c']) {
    for (let day = 1; day <= 10; day++)
      tallies.insert({ _id: ++id, region, day, source: day % 2 ? 'odd' : 'even' });
  }
  return tallies;
}

describe('engine: query planner', () => {
  it('narrows to one document by _id without touching the others', () => {
    const candidates = planCandidates(buildTallies(), { _id: 7, anything: { $gt: 0 } });
    assert.deepEqual(
      candidates?.map((doc) => doc._id as unknown),
      [7],
    );
  });

  it('narrows an equality on the leading field of a compound index to that field value', () => {
    const candidates = planCandidates(buildTallies(), { region: 'b', day: { $ne: 3 } });
    assert.equal(candidates?.length, 10);
    assert.ok(candidates?.every((doc) => doc.region === 'b'));
  });

  it('walks a range on the field after the pinned prefix of a compound index, in natural order', () => {
    const candidates = planCandidates(buildTallies(), { region: 'b', day: { $gte: 3, $lt: 6 } });
    assert.deepEqual(
      candidates?.map((doc) => doc._id as unknown),
      [13, 14, 15],
    );
  });

  it('walks a range on the first field of an index, within the bound type only', () => {
    const tallies = buildTallies();
    tallies.insert({ _id: 'numeric', region: 'd', day: 1, source: 5 });
    const candidates = planCandidates(tallies, { source: { $gt: 'even' } });
    assert.equal(candidates?.length, 15);
    assert.ok(candidates?.every((doc) => doc.source === 'odd'));
  });

  it('walks an index in sort order and stops at the limit', () => {
    const tallies = buildTallies();
    const plan = choosePlan(tallies, { region: 'c' }, { day: -1 });
    assert.equal(plan.kind, 'walk');
    const latest = matchDocuments(tallies, { region: 'c' }, { sort: { day: -1 }, limit: 2 });
    assert.deepEqual(
      latest.map((doc) => doc.day as unknown),
      [10, 9],
    );
  });

  it('keeps hash lookups for equalities that no range or sort needs', () => {
    assert.equal(choosePlan(buildTallies(), { region: 'c', day: 4 }).kind, 'index');
    assert.equal(choosePlan(buildTallies(), { source: 'odd' }).kind, 'index');
  });

  it('does not walk an index that has become multikey', () => {
    const tallies = buildTallies();
    tallies.insert({ _id: 'many', region: 'e', day: [1, 2], source: 'odd' });
    assert.equal(choosePlan(tallies, { region: 'e', day: { $gte: 1 } }).kind, 'index');
  });

  it('uses the whole compound key when every field is pinned', () => {
    const candidates = planCandidates(buildTallies(), { region: 'c', day: 4 });
    assert.deepEqual(
      candidates?.map((doc) => [doc.region, doc.day] as unknown),
      [['c', 4]],
    );
  });

  it('looks up every value of an $in', () => {
    const candidates = planCandidates(buildTallies(), { region: { $in: ['a', 'c'] }, day: { $eq: 1 } });
    assert.deepEqual(candidates?.map((doc) => doc.region as unknown).sort(), ['a', 'c']);
  });

  it('reads equalities inside a top-level $and', () => {
    const candidates = planCandidates(buildTallies(), { $and: [{ source: 'odd' }, { day: { $lt: 5 } }] });
    assert.equal(candidates?.length, 15);
  });

  it('answers a top-level $or whose branches are all indexed with the union of their candidates', () => {
    const candidates = planCandidates(buildTallies(), { $or: [{ _id: 3 }, { region: 'c', day: 2 }] });
    assert.deepEqual(
      candidates?.map((doc) => doc._id as unknown),
      [3, 22],
    );
  });

  it('scans when one branch of a $or cannot be narrowed', () => {
    assert.equal(planCandidates(buildTallies(), { $or: [{ region: 'a' }, { day: 2 }] }), null);
  });

  it('falls back to a full scan when no indexed field is pinned by equality', () => {
    assert.equal(planCandidates(buildTallies(), { day: 3 }), null);
    assert.equal(planCandidates(buildTallies(), { region: { $ne: 'a' } }), null);
    assert.equal(planCandidates(buildTallies(), { region: /^a/ }), null);
  });

  it('never narrows through a sparse index, which leaves documents out', () => {
    assert.equal(planCandidates(buildTallies(), { tag: null }), null);
  });

  it('keeps the narrowed set exact after documents move between keys', () => {
    const tallies = buildTallies();
    tallies.replace({ _id: 1, region: 'z', day: 1, source: 'odd' });
    tallies.remove(2);
    assert.deepEqual(
      planCandidates(tallies, { region: 'z' })?.map((doc) => doc._id as unknown),
      [1],
    );
    assert.equal(planCandidates(tallies, { region: 'a' })?.length, 8);
  });

  it('still applies the operators beside an equality that the index answered', () => {
    const tallies = buildTallies();
    assert.deepEqual(matchDocuments(tallies, { region: { $eq: 'b', $ne: 'b' } }), []);
    assert.deepEqual(
      matchDocuments(tallies, { region: 'b', day: { $gte: 9 } }).map((doc) => doc.day as unknown),
      [9, 10],
    );
    assert.deepEqual(
      matchDocuments(tallies, { _id: { $in: [1, 2] }, source: 'even' }).map((doc) => doc._id as unknown),
      [2],
    );
  });

  it('answers a filter made only of indexed equalities from the index alone, with the same result', () => {
    const tallies = buildTallies();
    assert.deepEqual(
      matchDocuments(tallies, { region: 'c', day: { $in: [3, 1] } }).map((doc) => doc.day as unknown),
      [1, 3],
    );
    assert.deepEqual(
      matchDocuments(tallies, { _id: 5, $comment: 'by id' }).map((doc) => doc._id as unknown),
      [5],
    );
  });

  it('inserts 100k documents under a unique index in linear time', function () {
    // A hang guard, not a speed limit: the timed runs take a few seconds on a quiet machine.
    this.timeout(GROWTH_HANG_GUARD_MS);
    const insertAll = (count: number) => {
      const collection = new Collection('test', 'linear');
      collection.createIndex({ name: 'key_1', key: { key: 1 }, unique: true });
      for (let i = 0; i < count; i++) collection.insert({ _id: i, key: `k${i}` });
    };
    const growth = measureGrowth(insertAll, 12_500, 100_000);
    assert.ok(growth.ratio < 24, describeGrowth(growth, 8));
  });
});
