/**
 * Runs one job once from the command line, under the same lease as the scheduler uses:
 *
 *   npm run job -- sync-sources
 *   npm run job -- --list
 *
 * Exit codes: 0 finished, 1 failed, 2 bad usage, 3 skipped because another process holds the job's lease.
 * With the embedded store, stop the service first: only one process may open DATA_DIR at a time.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.js';
import { startDatabase } from '../lib/db.js';
import { logger } from '../lib/logger.js';
import { createLockOwner } from '../jobs/job-lock.js';
import { runJobWithLease } from '../jobs/job-runner.js';
import { allJobs, findJob } from '../jobs/registry.js';
import { ensureIndexes } from '../models/index.js';

const { values, positionals } = parseArgs({ options: { list: { type: 'boolean' } }, allowPositionals: true });
const names = allJobs.map((job) => job.name).join(', ');

if (values.list) {
  process.stdout.write(`${allJobs.map((job) => job.name).join('\n')}\n`);
  process.exit(0);
}
const job = positionals[0] ? findJob(positionals[0]) : undefined;
if (!job) {
  process.stderr.write(`Usage: npm run job -- <name>. Jobs: ${names}\n`);
  process.exit(2);
}

const config = loadConfig();
logger.level = config.LOG_LEVEL;
const database = await startDatabase({ config, logger });
let exitCode = 1;
try {
  await ensureIndexes();
  const outcome = await runJobWithLease(job, { config, logger, owner: createLockOwner() });
  exitCode = outcome.status === 'finished' ? 0 : outcome.status === 'skipped' ? 3 : 1;
} finally {
  await database.stop();
}
process.exitCode = exitCode;
