import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

const RUNNER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../scripts/run-embedded-mongo.ts',
);
const URI_PREFIX = 'EMBEDDED_MONGODB_URI=';

interface Runner {
  child: ChildProcessWithoutNullStreams;
  uri: string;
  /** Every stdout line so far (the JSON log lines and the URI line). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnRunner(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], {
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
}

/** Starts the runner and resolves once it has printed its URI line. */
function startRunner(args: string[]): Promise<Runner> {
  const child = spawnRunner(args);
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith(URI_PREFIX))
          resolve({ child, uri: line.slice(URI_PREFIX.length), lines, exited });
      }
    });
    void exited.then(({ code }) =>
      reject(new Error(`runner exited (${code}) before printing its URI:\n${stderr}`)),
    );
  });
}

describe('npm run db (scripts/run-embedded-mongo.ts)', function () {
  this.timeout(30_000);
  let dataDir: string;
  const started: Runner[] = [];

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-runner-'));
  });

  afterEach(async () => {
    for (const runner of started.splice(0)) {
      if (runner.child.exitCode === null && runner.child.signalCode === null) runner.child.kill('SIGKILL');
      await runner.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const run = async (args: string[]): Promise<Runner> => {
    const runner = await startRunner(args);
    started.push(runner);
    return runner;
  };

  it('prints one EMBEDDED_MONGODB_URI line that a driver can connect to, and stops cleanly on SIGTERM', async () => {
    const runner = await run(['--port', '0', '--data-dir', dataDir]);
    assert.match(runner.uri, /^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    const client = await MongoClient.connect(runner.uri);
    try {
      await client.db('runner').collection('notes').insertOne({ text: 'kept' });
      // Stopped while the client is still connected: open connections must not hold the stop up.
      runner.child.kill('SIGTERM');
      assert.deepEqual(await runner.exited, { code: 0, signal: null });
    } finally {
      await client.close();
    }
    assert.equal(runner.lines.filter((line) => line.startsWith(URI_PREFIX)).length, 1);
    const events = runner.lines
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { event?: string }).event);
    assert.ok(events.includes('db.stopped'), `log events: ${events.join(', ')}`);
  });

  it('with the same --data-dir, a second run serves what the first one stored', async () => {
    const first = await run(['--port', '0', '--data-dir', dataDir]);
    const writer = await MongoClient.connect(first.uri);
    try {
      await writer.db('runner').collection('notes').insertOne({ text: 'survives' });
    } finally {
      await writer.close();
    }
    first.child.kill('SIGINT');
    assert.equal((await first.exited).code, 0);

    const second = await run(['--port', '0', '--data-dir', dataDir]);
    const reader = await MongoClient.connect(second.uri);
    try {
      const notes = await reader
        .db('runner')
        .collection('notes')
        .find({}, { projection: { _id: 0 } })
        .toArray();
      assert.deepEqual(notes, [{ text: 'survives' }]);
    } finally {
      await reader.close();
    }
  });

  it('when another run holds the --data-dir, logs why and exits with code 1', async () => {
    await run(['--port', '0', '--data-dir', dataDir]);
    const second = spawnRunner(['--port', '0', '--data-dir', dataDir]);
    let stdout = '';
    second.stdout.setEncoding('utf8');
    second.stdout.on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) =>
      second.on('exit', (exitCode) => resolve(exitCode)),
    );
    assert.equal(code, 1);
    assert.doesNotMatch(stdout, /EMBEDDED_MONGODB_URI=/);
    const failure = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event?: string; msg?: string })
      .find((entry) => entry.event === 'db.start_failed');
    assert.match(failure?.msg ?? '', /in use by process/);
  });

  it('with an unknown option, prints the usage and exits with code 2', async () => {
    const child = spawnRunner(['--prot', '1234']);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) =>
      child.on('exit', (exitCode) => resolve(exitCode)),
    );
    assert.equal(code, 2);
    assert.match(stderr, /usage: npm run db/);
  });
});
