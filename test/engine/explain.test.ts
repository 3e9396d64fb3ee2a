import assert from 'node:assert/strict';
import type { Document } from 'mongodb';
import { useEngineTestDb } from './engine-test-db.js';

/** Every plan stage in an explain tree (mongod nests them under inputStage, inputStages or queryPlan). */
function collectStages(node: unknown, into: Document[] = []): Document[] {
  if (Array.isArray(node)) {
    for (const item of node) collectStages(item, into);
  } else if (node && typeof node === 'object') {
    const stage = node as Document;
    if (typeof stage.stage === 'string') into.push(stage);
    for (const value of Object.values(stage)) collectStages(value, into);
  }
  return into;
}

describe('engine: explain shows the chosen plan', () => {
  const testDb = useEngineTestDb('explain');

  async function planOf(filter: Document): Promise<Document[]> {
    const items = testDb().db.collection('items');
    const explained = await items.find(filter).explain('queryPlanner');
    return collectStages((explained.queryPlanner as Document).winningPlan);
  }

  beforeEach(async () => {
    const items = testDb().db.collection('items');
    await items.createIndex({ region: 1, day: 1 });
    await items.insertMany([
      { region: 'a', day: 1 },
      { region: 'b', day: 2 },
    ]);
  });

  it('reads an equality on the leading field of an index through that index', async () => {
    const stages = await planOf({ region: 'b', day: { $gte: 1 } });
    assert.ok(stages.some((stage) => stage.stage === 'IXSCAN' && stage.indexName === 'region_1_day_1'));
  });

  it('walks the index over a range after the equality prefix, and names its bounds', async () => {
    const stages = await planOf({ region: 'b', day: { $gte: 1, $lt: 5 } });
    const scan = stages.find((stage) => stage.stage === 'IXSCAN');
    assert.equal(scan?.indexName, 'region_1_day_1');
    assert.equal(scan?.direction, 'forward');
    assert.deepEqual(scan?.indexBounds, { region: ['["b", "b"]'], day: ['[1, 5)'] });
  });

  it('walks the index backwards for a descending sort on its fields', async () => {
    const items = testDb().db.collection('items');
    const explained = await items.find({ region: 'b' }).sort({ day: -1 }).explain('queryPlanner');
    const stages = collectStages((explained.queryPlanner as Document).winningPlan);
    const scan = stages.find((stage) => stage.stage === 'IXSCAN');
    assert.equal(scan?.indexName, 'region_1_day_1');
    assert.equal(scan?.direction, 'backward');
    assert.ok(!stages.some((stage) => stage.stage === 'SORT'), 'no in-memory sort');
  });

  it('reads an equality on _id directly', async () => {
    const stages = await planOf({ _id: 1 });
    assert.ok(stages.some((stage) => stage.stage === 'IDHACK' || stage.stage === 'EXPRESS_IXSCAN'));
  });

  it('reads each branch of a $or through its own index', async () => {
    const stages = await planOf({ $or: [{ _id: 1 }, { region: 'b' }] });
    assert.ok(stages.some((stage) => stage.stage === 'OR'));
    assert.ok(stages.some((stage) => stage.stage === 'IXSCAN' && stage.indexName === 'region_1_day_1'));
  });

  it('scans the collection when no index applies', async () => {
    const stages = await planOf({ day: 2 });
    assert.ok(stages.some((stage) => stage.stage === 'COLLSCAN'));
  });
});
