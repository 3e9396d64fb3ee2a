import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createScheduler, isValidSchedule } from '../../jobs/scheduler.js';
import { createLogger } from '../../lib/logger.js';

const logger = createLogger({ level: 'silent' });
const EVERY_SECOND = '* * * * * *';

describe('jobs/scheduler', () => {
  describe('isValidSchedule', () => {
    it('accepts five- and six-field cron expressions', () => {
      assert.equal(isValidSchedule('*/10 * * * *'), true);
      assert.equal(isValidSchedule('0 */5 * * * *'), true);
    });

    it('rejects text that is not a cron expression', () => {
      assert.equal(isValidSchedule('every hour'), false);
      assert.equal(isValidSchedule('61 * * * *'), false);
    });
  });

  describe('on its schedule', () => {
    it('runs a job each time its expression matches', async () => {
      let runs = 0;
      const scheduler = createScheduler({
        timezone: 'Europe/Kyiv',
        logger,
        jobs: [{ name: 'tick', schedule: EVERY_SECOND, run: () => Promise.resolve(runs++) }],
      });
      scheduler.start();
      await sleep(2_300);
      await scheduler.stop();
      assert.ok(runs >= 2, `expected at least 2 runs in 2.3 s, got ${runs}`);
    });

    it('does not start a second run of a job while the first is still going', async () => {
      let concurrent = 0;
      let maxConcurrent = 0;
      let runs = 0;
      const scheduler = createScheduler({
        timezone: 'Europe/Kyiv',
        logger,
        jobs: [
          {
            name: 'slow',
            schedule: EVERY_SECOND,
            async run() {
              runs += 1;
              concurrent += 1;
              maxConcurrent = Math.max(maxConcurrent, concurrent);
              await sleep(1_600);
              concurrent -= 1;
            },
          },
        ],
      });
      scheduler.start();
      await sleep(2_500);
      await scheduler.stop();
      assert.equal(maxConcurrent, 1);
      assert.ok(runs >= 1);
    });

    it('keeps firing after a run throws', async () => {
      let runs = 0;
      const scheduler = createScheduler({
        timezone: 'Europe/Kyiv',
        logger,
        jobs: [
          {
            name: 'flaky',
            schedule: EVERY_SECOND,
            run: () => {
              runs += 1;
              return Promise.reject(new Error('boom'));
            },
          },
        ],
      });
      scheduler.start();
      await sleep(2_300);
      await scheduler.stop();
      assert.ok(runs >= 2, `expected the job to run again after failing, got ${runs} runs`);
    });
  });

  describe('stop()', () => {
    it('waits for a run in flight to finish', async () => {
      let finished = false;
      const scheduler = createScheduler({
        timezone: 'Europe/Kyiv',
        logger,
        jobs: [
          {
            name: 'long',
            schedule: '0 0 1 1 *',
            async run() {
              await sleep(300);
              finished = true;
            },
          },
        ],
      });
      scheduler.start();
      const run = scheduler.trigger('long');
      await scheduler.stop();
      assert.equal(finished, true);
      await run;
    });

    it('aborts the run signal after abortAfterMs and still waits for the run', async () => {
      let sawAbort = false;
      const scheduler = createScheduler({
        timezone: 'Europe/Kyiv',
        logger,
        jobs: [
          {
            name: 'cooperative',
            schedule: '0 0 1 1 *',
            async run(signal) {
              await sleep(5_000, undefined, { signal }).catch(() => {
                sawAbort = signal.aborted;
              });
            },
          },
        ],
      });
      scheduler.start();
      void scheduler.trigger('cooperative');
      // A hang guard with a twentyfold margin: the job would otherwise sleep for 5 s, and the abort comes
      // after 100 ms.
      const startedAt = Date.now();
      await scheduler.stop({ abortAfterMs: 100 });
      assert.equal(sawAbort, true);
      assert.ok(Date.now() - startedAt < 2_000, 'stop() should return soon after the abort');
    });

    it('stops firing: no run starts after stop()', async () => {
      let runs = 0;
      const scheduler = createScheduler({
        timezone: 'Europe/Kyiv',
        logger,
        jobs: [{ name: 'tick', schedule: EVERY_SECOND, run: () => Promise.resolve(runs++) }],
      });
      scheduler.start();
      await scheduler.stop();
      const before = runs;
      await sleep(1_200);
      assert.equal(runs, before);
      assert.equal(scheduler.status().running, false);
    });
  });

  describe('status()', () => {
    it('lists each job with its schedule and next run while running', async () => {
      const scheduler = createScheduler({
        timezone: 'Europe/Kyiv',
        logger,
        jobs: [{ name: 'nightly', schedule: '0 3 * * *', run: () => Promise.resolve() }],
      });
      scheduler.start();
      const status = scheduler.status();
      await scheduler.stop();
      assert.equal(status.running, true);
      assert.equal(status.jobs[0]?.name, 'nightly');
      assert.equal(status.jobs[0]?.schedule, '0 3 * * *');
      assert.ok(status.jobs[0]?.nextRunAt instanceof Date);
    });

    it('refuses two jobs with the same name', () => {
      const job = { name: 'dup', schedule: '0 3 * * *', run: () => Promise.resolve() };
      assert.throws(
        () => createScheduler({ timezone: 'UTC', logger, jobs: [job, job] }),
        /Two jobs are named "dup"/,
      );
    });
  });
});
