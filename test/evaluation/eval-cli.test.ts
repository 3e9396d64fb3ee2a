import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const set = path.join(import.meta.dirname, 'fixtures/tiny-set.jsonl');
const extractor = path.join(import.meta.dirname, 'fixtures/count-attacks.extractor.ts');

/** Runs `scripts/eval.ts` as `npm run eval` does and returns its exit code and output. */
async function evaluate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', ...args], {
      cwd: root,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run eval', function () {
  this.timeout(60_000);

  it('with --json, prints one summary object and exits 0 when no threshold is given', async () => {
    const { code, stdout } = await evaluate(set, '--json', '--extractor', extractor);
    assert.equal(code, 0);
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual(summary.fields && (summary.fields as Record<string, unknown>).attacks, {
      precision: 0.5,
      recall: 0.5,
      exact: 0.5,
    });
    assert.deepEqual(summary.negatives, { count: 1, falsePositives: 0 });
    assert.equal(summary.items, 3);
  });

  it('exits 1 and names the field when a threshold is not met', async () => {
    const { code, stderr } = await evaluate(set, '--json', '--min-exact', '0.97', '--extractor', extractor);
    assert.equal(code, 1);
    assert.match(stderr, /attacks exact 0\.5000 < 0\.97/);
  });

  it('prints a diff with the evidence for every miss', async () => {
    const { stdout } = await evaluate(set, '--extractor', extractor);
    assert.match(
      stdout,
      /wrong \[uk kharkiv\]\n {4}attacks: expected 9, got 7 \(exact, "обстрілів"\) from "7 обстріл"/,
    );
  });

  it('exits 2 with a plain message when the extractor module does not exist', async () => {
    const { code, stderr } = await evaluate(set, '--extractor', 'domain/extraction/no-such-extractor.ts');
    assert.equal(code, 2);
    assert.match(stderr, /no-such-extractor\.ts does not exist yet/);
  });

  it('with --by, prints one row per group after the overall table', async () => {
    const { code, stdout } = await evaluate(set, '--by', 'region', '--extractor', extractor);
    assert.equal(code, 0);
    assert.match(stdout, /Exact match by region:\nregion\s+items/);
    assert.match(stdout, /^Sumy\s+1\s+100%/m);
    assert.match(stdout, /^\(negative\)\s+1 .* 0\/1$/m);
  });

  it('prints exact-match rates by confidence band', async () => {
    const { stdout } = await evaluate(set, '--extractor', extractor);
    assert.match(stdout, /confidence\s+reports\s+exact items\n0\.00–0\.60\s+2\s+1 \(50\.0%\)/);
  });

  it('with --explain, prints the sentences, each candidate figure and why it was kept or dropped', async () => {
    const { code, stdout } = await evaluate(set, '--explain', 'wrong');
    assert.equal(code, 0);
    assert.match(stdout, /^wrong \[uk Kharkiv\]/);
    assert.match(stdout, /region=kharkiv .*window=past_24h/);
    assert.match(stdout, /\+ attacks 7 \(oblast, "обстрілів"\) "7 обстрілів": picked for the oblast/);
    assert.match(stdout, /report kharkiv date=2024-05-13/);
    assert.match(stdout, /attacks: expected 9, got 7/);
  });

  it('exits 2 when --explain names no item, or --by no known grouping', async () => {
    assert.equal((await evaluate(set, '--explain', 'no-such-item')).code, 2);
    const { code, stderr } = await evaluate(set, '--by', 'colour');
    assert.equal(code, 2);
    assert.match(stderr, /--by takes one of lang, outlet, region, year/);
  });

  it('exits 2 on bad usage', async () => {
    const { code, stderr } = await evaluate('--min-exact', 'lots');
    assert.equal(code, 2);
    assert.match(stderr, /usage: npm run eval/);
  });
});
