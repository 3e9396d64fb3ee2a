import assert from 'node:assert/strict';
import { acquireJobLock, createLockOwner, releaseJobLock, renewJobLock } from '../../jobs/job-lock.js';
import { JobLock } from '../../models/job-lock.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

const MINUTE = 60_000;

describe('jobs/job-lock', () => {
  setupTestDB('jobs-job-lock');

  describe('acquireJobLock', () => {
    it('grants a free lease and records owner and expiry', async () => {
      const now = new Date('2025-04-20T06:00:00Z');
      const lease = await acquireJobLock({ job: 'sync-sources', owner: 'a', leaseMs: MINUTE, now });
      assert.deepEqual(lease, {
        job: 'sync-sources',
        owner: 'a',
        expiresAt: new Date('2025-04-20T06:01:00Z'),
      });
      const stored = await JobLock.findOne({ job: 'sync-sources' }).lean();
      assert.equal(stored?.owner, 'a');
    });

    it('with two concurrent acquirers of a free lease, exactly one wins', async () => {
      for (let round = 0; round < 10; round += 1) {
        const job = `race-${round}`;
        const results = await Promise.all([
          acquireJobLock({ job, owner: 'first', leaseMs: MINUTE }),
          acquireJobLock({ job, owner: 'second', leaseMs: MINUTE }),
        ]);
        const winners = results.filter((lease) => lease !== null);
        assert.equal(winners.length, 1, `round ${round}: ${JSON.stringify(results)}`);
        assert.equal(await JobLock.countDocuments({ job }), 1);
        const stored = await JobLock.findOne({ job }).lean();
        assert.equal(stored?.owner, winners[0]?.owner);
      }
    });

    it('with many concurrent acquirers, exactly one wins', async () => {
      const owners = Array.from({ length: 8 }, (_, i) => `owner-${i}`);
      const results = await Promise.all(
        owners.map((owner) => acquireJobLock({ job: 'crowded', owner, leaseMs: MINUTE })),
      );
      assert.equal(results.filter((lease) => lease !== null).length, 1);
    });

    it('refuses a lease another owner holds until it expires', async () => {
      const t0 = new Date('2025-04-20T06:00:00Z');
      await acquireJobLock({ job: 'j', owner: 'a', leaseMs: MINUTE, now: t0 });
      const early = new Date('2025-04-20T06:00:59Z');
      assert.equal(await acquireJobLock({ job: 'j', owner: 'b', leaseMs: MINUTE, now: early }), null);
    });

    it('lets another owner take over an expired lease', async () => {
      const t0 = new Date('2025-04-20T06:00:00Z');
      await acquireJobLock({ job: 'j', owner: 'a', leaseMs: MINUTE, now: t0 });
      const later = new Date('2025-04-20T06:01:00Z');
      const lease = await acquireJobLock({ job: 'j', owner: 'b', leaseMs: MINUTE, now: later });
      assert.equal(lease?.owner, 'b');
      assert.equal(await JobLock.countDocuments({ job: 'j' }), 1);
    });

    it('with two concurrent acquirers of an expired lease, exactly one takes it over', async () => {
      const t0 = new Date('2025-04-20T06:00:00Z');
      await acquireJobLock({ job: 'j', owner: 'stale', leaseMs: MINUTE, now: t0 });
      const later = new Date('2025-04-20T07:00:00Z');
      const results = await Promise.all([
        acquireJobLock({ job: 'j', owner: 'b', leaseMs: MINUTE, now: later }),
        acquireJobLock({ job: 'j', owner: 'c', leaseMs: MINUTE, now: later }),
      ]);
      assert.equal(results.filter((lease) => lease !== null).length, 1);
    });

    it('lets the holder acquire again (re-entrant)', async () => {
      await acquireJobLock({ job: 'j', owner: 'a', leaseMs: MINUTE });
      assert.notEqual(await acquireJobLock({ job: 'j', owner: 'a', leaseMs: MINUTE }), null);
    });
  });

  describe('renewJobLock', () => {
    it('extends a lease the owner still holds', async () => {
      const t0 = new Date('2025-04-20T06:00:00Z');
      const lease = await acquireJobLock({ job: 'j', owner: 'a', leaseMs: MINUTE, now: t0 });
      assert.ok(lease);
      const renewed = await renewJobLock(lease, MINUTE, new Date('2025-04-20T06:00:30Z'));
      assert.deepEqual(renewed?.expiresAt, new Date('2025-04-20T06:01:30Z'));
    });

    it('returns null once another owner has taken the lease over', async () => {
      const t0 = new Date('2025-04-20T06:00:00Z');
      const lease = await acquireJobLock({ job: 'j', owner: 'a', leaseMs: MINUTE, now: t0 });
      assert.ok(lease);
      await acquireJobLock({ job: 'j', owner: 'b', leaseMs: MINUTE, now: new Date('2025-04-20T06:05:00Z') });
      assert.equal(await renewJobLock(lease, MINUTE), null);
    });
  });

  describe('releaseJobLock', () => {
    it('frees the lease so another owner gets it at once', async () => {
      const lease = await acquireJobLock({ job: 'j', owner: 'a', leaseMs: MINUTE });
      assert.ok(lease);
      assert.equal(await releaseJobLock(lease), true);
      assert.notEqual(await acquireJobLock({ job: 'j', owner: 'b', leaseMs: MINUTE }), null);
    });

    it("does not release someone else's lease", async () => {
      const lease = await acquireJobLock({ job: 'j', owner: 'a', leaseMs: MINUTE });
      assert.ok(lease);
      assert.equal(await releaseJobLock({ ...lease, owner: 'b' }), false);
      assert.equal(await JobLock.countDocuments({ job: 'j', owner: 'a' }), 1);
    });
  });

  describe('createLockOwner', () => {
    it('differs between calls and names the host and pid', () => {
      const a = createLockOwner();
      assert.notEqual(a, createLockOwner());
      assert.match(a, new RegExp(`:${process.pid}:`));
    });
  });
});
