import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireJobLock } from '../../jobs/job-lock.js';
import type { Job } from '../../jobs/job.js';
import { runJobWithLease } from '../../jobs/job-runner.js';
import { createScheduler } from '../../jobs/scheduler.js';
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { JobLock } from '../../models/job-lock.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

const logger = createLogger({ level: 'silent' });
const config = parseConfig({ JOB_LEASE_MS: '1000' });

function makeJob(name: string, run: Job['run']): Job {
  return { name, schedule: () => '* * * * * *', run };
}

describe('jobs/job-runner', () => {
  setupTestDB('jobs-job-runner');

  it('runs the job, returns its summary and releases the lease', async () => {
    const job = makeJob('count', () => Promise.resolve({ counted: 3 }));
    const outcome = await runJobWithLease(job, { config, logger, owner: 'me' });
    assert.equal(outcome.status, 'finished');
    assert.deepEqual(outcome.status === 'finished' && outcome.summary, { counted: 3 });
    assert.equal(await JobLock.countDocuments({ job: 'count' }), 0);
  });

  it('skips the run when another owner holds the lease', async () => {
    let ran = false;
    await acquireJobLock({ job: 'busy', owner: 'other-instance', leaseMs: 60_000 });
    const job = makeJob('busy', () => {
      ran = true;
      return Promise.resolve({});
    });
    const outcome = await runJobWithLease(job, { config, logger, owner: 'me' });
    assert.deepEqual(outcome, { job: 'busy', status: 'skipped', reason: 'lease-held' });
    assert.equal(ran, false);
  });

  it('reports a failing job as failed and still releases the lease', async () => {
    const job = makeJob('broken', () => Promise.reject(new Error('feed unreachable')));
    const outcome = await runJobWithLease(job, { config, logger, owner: 'me' });
    assert.equal(outcome.status, 'failed');
    assert.match(String(outcome.status === 'failed' && (outcome.error as Error).message), /feed unreachable/);
    assert.equal(await JobLock.countDocuments({ job: 'broken' }), 0);
  });

  it('renews the lease while a run outlasts it, so no one else can take it over', async () => {
    let takenOver: unknown = 'not tried';
    const job = makeJob('long', async () => {
      await sleep(1_500);
      return {};
    });
    const run = runJobWithLease(job, { config, logger, owner: 'me' });
    await sleep(1_200); // past the 1 s lease: only renewal keeps it ours
    takenOver = await acquireJobLock({ job: 'long', owner: 'intruder', leaseMs: 1_000 });
    const outcome = await run;
    assert.equal(takenOver, null);
    assert.equal(outcome.status, 'finished');
  });

  it('aborts the run signal when the lease is lost', async () => {
    let aborted = false;
    const job = makeJob('lost', async ({ signal }) => {
      await sleep(3_000, undefined, { signal }).catch(() => {
        aborted = signal.aborted;
      });
      return {};
    });
    const run = runJobWithLease(job, { config, logger, owner: 'me' });
    await sleep(100);
    // Another instance took the lease over (as after a long pause of this process).
    await JobLock.updateOne({ job: 'lost' }, { $set: { owner: 'intruder' } });
    await run;
    assert.equal(aborted, true);
    assert.equal(
      await JobLock.countDocuments({ job: 'lost', owner: 'intruder' }),
      1,
      'the new lease is kept',
    );
  });

  it('with two instances scheduling the same job, runs never overlap', async () => {
    const runs: Array<{ owner: string; start: number; end: number }> = [];
    const instances = ['instance-a', 'instance-b'].map((owner) =>
      createScheduler({
        timezone: 'UTC',
        logger,
        jobs: [
          {
            name: 'shared',
            schedule: '* * * * * *',
            run: (signal) =>
              runJobWithLease(
                makeJob('shared', async () => {
                  const start = Date.now();
                  await sleep(600);
                  runs.push({ owner, start, end: Date.now() });
                  return {};
                }),
                { config, logger, owner, signal },
              ),
          },
        ],
      }),
    );
    for (const scheduler of instances) scheduler.start();
    await sleep(3_200);
    await Promise.all(instances.map((scheduler) => scheduler.stop()));

    assert.ok(runs.length >= 2, `expected runs on at least two ticks, got ${runs.length}`);
    const ordered = [...runs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < ordered.length; i += 1) {
      const previous = ordered[i - 1];
      const current = ordered[i];
      assert.ok(
        previous && current && current.start >= previous.end,
        `overlapping runs: ${JSON.stringify(ordered)}`,
      );
    }
  });
});
