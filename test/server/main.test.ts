/**
 * The process entry as a user runs it: `tsx server/main.ts` with a fresh DATA_DIR must serve /readyz with
 * 200 within 10 seconds and exit cleanly (code 0) on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

interface Spawned {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  stderr: () => string;
  exited: Promise<number | null>;
}

function spawnMain(env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, stderr: () => errors, exited };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`not seen within ${timeoutMs} ms`);
}

describe('server/main (the npm start entry)', () => {
  let dataDir: string;
  let spawned: Spawned | null = null;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'main-test-'));
  });
  afterEach(async () => {
    if (spawned && spawned.child.exitCode === null) {
      spawned.child.kill('SIGKILL');
      await spawned.exited;
    }
    spawned = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  // The bounds here are hang guards, not speed tests: a start takes a few seconds, and the guards leave
  // more than tenfold that for a loaded machine. Start-up time itself is measured by `npm run bench`.
  const START_HANG_GUARD_MS = 60_000;

  it('on a fresh DATA_DIR, answers /readyz 200 and exits 0 on SIGTERM', async function () {
    this.timeout(3 * START_HANG_GUARD_MS);
    const startedAt = Date.now();
    spawned = spawnMain({ PORT: '0', DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'info', DEMO: '' });
    const current = spawned;
    const listening = await waitFor(
      () => current.lines.find((l) => l.event === 'http.listening'),
      START_HANG_GUARD_MS,
    );
    const url = String(listening.url);

    let status = 0;
    while (status !== 200 && Date.now() - startedAt < START_HANG_GUARD_MS) {
      status = await fetch(`${url}/readyz`).then(
        (res) => res.status,
        () => 0,
      );
      if (status !== 200) await sleep(100);
    }
    assert.equal(status, 200, `no 200 from /readyz within the hang guard; stderr: ${current.stderr()}`);
    assert.ok(current.lines.some((l) => l.event === 'db.embedded'));
    assert.ok(current.lines.some((l) => l.event === 'demo.loaded'));

    current.child.kill('SIGTERM');
    const code = await Promise.race([
      current.exited,
      sleep(START_HANG_GUARD_MS).then(() => 'timeout' as const),
    ]);
    assert.equal(code, 0, `exit code; stderr: ${current.stderr()}`);
    assert.ok(current.lines.some((l) => l.event === 'service.stopped'));
  });

  it('with a malformed variable, exits 1 and names the variable on stderr', async function () {
    this.timeout(2 * START_HANG_GUARD_MS);
    spawned = spawnMain({ PORT: 'eighty', DATA_DIR: dataDir });
    const code = await Promise.race([
      spawned.exited,
      sleep(START_HANG_GUARD_MS).then(() => 'timeout' as const),
    ]);
    assert.equal(code, 1);
    assert.match(spawned.stderr(), /PORT: must be an integer from 0 to 65535 \(got "eighty"\)/);
  });
});
