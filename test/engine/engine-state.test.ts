import assert from 'node:assert/strict';
import { BSON, type Document } from 'bson';
import { dispatchCommand } from '../../embedded-mongo/commands/command-dispatcher.js';
import type { CommandContext } from '../../embedded-mongo/commands/command-context.js';
import { CursorRegistry } from '../../embedded-mongo/cursors/cursor-registry.js';
import { silentLogger } from '../../embedded-mongo/logger.js';
import { EngineState } from '../../embedded-mongo/storage/engine-state.js';
import type { Mutation } from '../../embedded-mongo/storage/mutation.js';

/** A copy made the way the journal makes one: through BSON, so every type survives and nothing is shared. */
function copyThroughBson<T extends object>(value: T): T {
  return BSON.deserialize(BSON.serialize(value)) as T;
}

describe('engine: mutations, replay and snapshots', () => {
  let state: EngineState;
  let cursors: CursorRegistry;
  let recorded: Mutation[];
  let settled: number;

  function run(command: Document): Document {
    const context: CommandContext = {
      state,
      cursors,
      logger: silentLogger,
      connectionId: 1,
      db: 'app',
      clientAddress: 'test',
    };
    return dispatchCommand(command, context);
  }

  function dump(target: EngineState): unknown {
    return target.exportSnapshot();
  }

  beforeEach(() => {
    state = new EngineState();
    cursors = new CursorRegistry();
    recorded = [];
    settled = 0;
    state.attachSink({ record: (mutation) => recorded.push(copyThroughBson(mutation)) }, () => settled++);
  });
  afterEach(() => cursors.close());

  it('records one insert mutation for a bulk insert, after the implicit collection creation', () => {
    run({ insert: 'tallies', documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }] });
    assert.deepEqual(
      recorded.map((mutation) => mutation.op),
      ['createCollection', 'insert'],
    );
    assert.deepEqual(recorded[1], {
      op: 'insert',
      db: 'app',
      coll: 'tallies',
      docs: [{ _id: 1 }, { _id: 2 }, { _id: 3 }],
    });
  });

  it('records whole after-images for updates, never update operators', () => {
    run({ insert: 'tallies', documents: [{ _id: 1, n: 1, keep: 'x' }] });
    run({ update: 'tallies', updates: [{ q: { _id: 1 }, u: { $inc: { n: 5 } } }] });
    assert.deepEqual(recorded.at(-1), {
      op: 'replace',
      db: 'app',
      coll: 'tallies',
      docs: [{ _id: 1, n: 6, keep: 'x' }],
    });
  });

  it('records nothing for an update that changes nothing', () => {
    run({ insert: 'tallies', documents: [{ _id: 1, n: 1 }] });
    const before = recorded.length;
    run({ update: 'tallies', updates: [{ q: { _id: 1 }, u: { $set: { n: 1 } } }] });
    assert.equal(recorded.length, before);
  });

  it('records only the documents an ordered insert committed before its error', () => {
    run({ insert: 'tallies', documents: [{ _id: 1 }] });
    run({ insert: 'tallies', documents: [{ _id: 2 }, { _id: 1 }, { _id: 3 }] });
    assert.deepEqual(recorded.at(-1), { op: 'insert', db: 'app', coll: 'tallies', docs: [{ _id: 2 }] });
  });

  it('records deletes by _id', () => {
    run({
      insert: 'tallies',
      documents: [
        { _id: 1, r: 'a' },
        { _id: 2, r: 'a' },
        { _id: 3, r: 'b' },
      ],
    });
    run({ delete: 'tallies', deletes: [{ q: { r: 'a' }, limit: 0 }] });
    assert.deepEqual(recorded.at(-1), { op: 'delete', db: 'app', coll: 'tallies', ids: [1, 2] });
  });

  it('runs the after-writes hook once per writing command, and not for reads', () => {
    run({ insert: 'tallies', documents: [{ _id: 1 }] });
    run({ find: 'tallies', filter: {} });
    run({ update: 'tallies', updates: [{ q: { _id: 1 }, u: { $set: { a: 1 } } }] });
    assert.equal(settled, 2);
  });

  it('rebuilds the same state, indexes included, by replaying the recorded mutations', () => {
    run({ createIndexes: 'tallies', indexes: [{ key: { region: 1 }, name: 'region_1', unique: true }] });
    run({
      insert: 'tallies',
      documents: [
        { _id: 1, region: 'a', n: 1 },
        { _id: 2, region: 'b', n: 2 },
      ],
    });
    run({ update: 'tallies', updates: [{ q: { region: 'c' }, u: { $set: { n: 3 } }, upsert: true }] });
    run({ delete: 'tallies', deletes: [{ q: { _id: 1 }, limit: 1 }] });
    run({ create: 'empty' });
    run({ insert: 'gone', documents: [{ _id: 1 }] });
    run({ drop: 'gone' });

    const replayed = new EngineState();
    for (const mutation of recorded) replayed.applyMutation(mutation);
    assert.deepEqual(dump(replayed), dump(state));
    assert.throws(() => replayed.getCollection('app', 'tallies')!.insert({ _id: 9, region: 'b' }), /E11000/);
  });

  it('loads an exported snapshot into an equal state', () => {
    run({
      createIndexes: 'tallies',
      indexes: [{ key: { region: 1, day: 1 }, name: 'region_day', unique: true }],
    });
    run({
      insert: 'tallies',
      documents: [
        { _id: 1, region: 'a', day: 1 },
        { _id: 2, region: 'a', day: 2 },
      ],
    });
    const loaded = new EngineState();
    loaded.loadSnapshot(copyThroughBson(state.exportSnapshot()));
    assert.deepEqual(dump(loaded), dump(state));
    assert.throws(
      () => loaded.getCollection('app', 'tallies')!.insert({ _id: 3, region: 'a', day: 2 }),
      /E11000/,
    );
  });
});
