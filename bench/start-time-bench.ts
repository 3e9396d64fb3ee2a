/**
 * How long `npm start` takes to answer `/readyz` with 200 on a fresh data directory (so it loads the demo
 * set), next to a bare node HTTP server spawned and polled the same way. Both run on a warm module cache:
 * one untimed start first.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { reportRatio } from './harness.js';
import type { Measurement } from './harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BARE_SERVER =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";
const POLL_MS = 10;
/** A hang guard far above any start worth measuring. */
const GIVE_UP_MS = 60_000;

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The bench's own environment minus MONGODB_URI, so that the service starts its embedded engine. */
function withoutDatabaseUri(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { MONGODB_URI: _uri, ...rest } = env;
  return rest;
}

/** Spawns `command`, polls `url` until it answers 200, and returns the milliseconds that took. */
async function timeUntilReady(command: string, args: string[], env: NodeJS.ProcessEnv, urlPath: string) {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...withoutDatabaseUri(process.env), ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = performance.now();
  try {
    for (;;) {
      if (await isReady(`http://127.0.0.1:${port}${urlPath}`)) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`${command} exited early: ${stderr}`);
      if (performance.now() - started > GIVE_UP_MS) throw new Error(`${command} never became ready`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    // npm starts tsx, which starts node: stop the whole process group.
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

function toMeasurement(name: string, times: number[]): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return { name, medianMs, opsPerSecond: 1000 / medianMs };
}

export async function benchStartTime(samples = 3): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'start-time-bench-'));
  try {
    const startApp = (i: number) =>
      timeUntilReady(
        'npm',
        ['start'],
        {
          DATA_DIR: path.join(root, `data-${i}`),
          LOG_LEVEL: 'warn',
          SCHEDULER_ENABLED: 'false',
        },
        '/readyz',
      );
    const startBare = () => timeUntilReady(process.execPath, ['-e', BARE_SERVER], {}, '/');
    await startApp(-1);
    await startBare();
    const app: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < samples; i++) {
      app.push(await startApp(i));
      bare.push(await startBare());
    }
    const appFigure = toMeasurement('npm start until /readyz 200 (fresh data dir, demo load)', app);
    console.log(`\n## start time (against a bare node HTTP server spawned and polled the same way)`);
    reportRatio(appFigure, toMeasurement('bare node HTTP server until 200', bare));
    console.log(
      `  npm start: median ${appFigure.medianMs.toFixed(0)} ms to /readyz 200 (samples ${app
        .map((ms) => ms.toFixed(0))
        .join(', ')} ms); bare server median ${toMeasurement('', bare).medianMs.toFixed(0)} ms`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
