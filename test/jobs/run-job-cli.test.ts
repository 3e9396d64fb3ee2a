/** `npm run job -- <name>` runs one job once, in its own process, and reports through its exit code. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function runJobCli(args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/run-job.ts', ...args],
      {
        env: { ...process.env, ...env },
        timeout: 20_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('scripts/run-job (npm run job)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'run-job-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs sync-sources once on the embedded store and exits 0 with the summary logged', async () => {
    const result = await runJobCli(['sync-sources'], {
      DATA_DIR: dataDir,
      MONGODB_URI: '',
      LOG_LEVEL: 'info',
    });
    assert.equal(result.code, 0, result.stderr);
    const finished = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event?: string; summary?: { inserted: number } })
      .find((line) => line.event === 'job.finished');
    assert.ok(finished?.summary && finished.summary.inserted > 0);
  });

  it('lists the jobs with --list', async () => {
    const result = await runJobCli(['--list'], {});
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^sync-sources$/m);
  });

  it('exits 2 with the list of jobs when the name is unknown', async () => {
    const result = await runJobCli(['no-such-job'], { DATA_DIR: dataDir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Jobs: sync-sources/);
  });
});
