import assert from 'node:assert/strict';
import { EngineState } from '../../embedded-mongo/storage/engine-state.js';
import type { Mutation } from '../../embedded-mongo/storage/mutation.js';
import { sweepExpiredDocuments } from '../../embedded-mongo/storage/ttl-monitor.js';

describe('engine: TTL indexes', () => {
  const now = Date.parse('2024-06-01T12:00:00Z');

  function buildSessions(): { state: EngineState; recorded: Mutation[] } {
    const state = new EngineState();
    const recorded: Mutation[] = [];
    state.attachSink({ record: (mutation) => recorded.push(mutation) });
    state.createIndex('app', 'sessions', { name: 'seenAt_1', key: { seenAt: 1 }, expireAfterSeconds: 3600 });
    const sessions = state.getCollection('app', 'sessions')!;
    sessions.insert({ _id: 'old', seenAt: new Date(now - 2 * 3600_000) });
    sessions.insert({ _id: 'fresh', seenAt: new Date(now - 60_000) });
    sessions.insert({ _id: 'no-date', seenAt: 'yesterday' });
    sessions.insert({ _id: 'mixed', seenAt: [new Date(now), new Date(now - 5 * 3600_000)] });
    recorded.length = 0;
    return { state, recorded };
  }

  it('removes documents whose indexed date is older than expireAfterSeconds, and records the delete', () => {
    const { state, recorded } = buildSessions();
    assert.equal(sweepExpiredDocuments(state, now), 2);
    const left = state
      .getCollection('app', 'sessions')!
      .all()
      .map((doc) => doc._id as unknown);
    assert.deepEqual(left, ['fresh', 'no-date']);
    assert.deepEqual(recorded, [{ op: 'delete', db: 'app', coll: 'sessions', ids: ['old', 'mixed'] }]);
  });

  it('leaves collections without a TTL index alone', () => {
    const state = new EngineState();
    state.createIndex('app', 'plain', { name: 'at_1', key: { at: 1 } });
    state.getCollection('app', 'plain')!.insert({ _id: 1, at: new Date(0) });
    assert.equal(sweepExpiredDocuments(state, now), 0);
  });
});
