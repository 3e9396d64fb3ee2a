/**
 * Golden fixtures: each `test/fixtures/extraction/<name>.txt` is a report written in the style of one oblast
 * administration or outlet, with `<name>.meta.json` giving its publication time, title, language and the
 * hand-written figures it must yield (`expect`, or `null` for a text that is not a daily tally). The full
 * output is compared with `<name>.expected.json`; regenerate those with
 *
 *   UPDATE_GOLDEN=1 npx mocha test/extraction/golden.test.ts
 *
 * and review the diff. The hand-written expectations are checked either way, so a regenerated snapshot
 * cannot hide a wrong figure.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractReports } from '../../domain/extraction/extract-reports.js';
import type { ExtractedReport, Language, MetricName, Qualifier } from '../../domain/extraction/types.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/extraction');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

type ExpectedFigure = number | null | { value: number; qualifier: Qualifier };

interface ExpectedReport {
  region: string;
  date?: string;
  window?: string;
  isCorrection?: boolean;
  metrics: Partial<Record<MetricName, ExpectedFigure>>;
}

interface FixtureMeta {
  publishedAt: string;
  title: string | null;
  language: Language;
  sourceRegion?: string | null;
  expect: (ExpectedReport & { others?: ExpectedReport[] }) | null;
}

function readFixture(name: string): { text: string; meta: FixtureMeta } {
  const text = readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');
  const meta = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.meta.json`), 'utf8')) as FixtureMeta;
  return { text, meta };
}

function runFixture(text: string, meta: FixtureMeta): ExtractedReport[] {
  return extractReports({
    text,
    title: meta.title,
    publishedAt: new Date(meta.publishedAt),
    sourceRegion: meta.sourceRegion ?? null,
    language: meta.language,
  });
}

function assertReport(report: ExtractedReport | undefined, expected: ExpectedReport, text: string): void {
  assert.ok(report, `no report for ${expected.region}`);
  if (expected.date) assert.equal(report.date, expected.date, 'date');
  if (expected.window) assert.equal(report.window.kind, expected.window, 'window');
  if (expected.isCorrection !== undefined)
    assert.equal(report.isCorrection, expected.isCorrection, 'isCorrection');
  for (const [name, figure] of Object.entries(expected.metrics) as Array<[MetricName, ExpectedFigure]>) {
    const got: ExtractedReport['metrics'][MetricName] = report.metrics[name];
    if (figure === null) {
      assert.equal(got, null, `${name} should be null`);
      continue;
    }
    const want = typeof figure === 'number' ? { value: figure, qualifier: null } : figure;
    assert.ok(got, `${name} missing`);
    assert.equal(got.value, want.value, name);
    if (want.qualifier) assert.equal(got.qualifier, want.qualifier, `${name} qualifier`);
    else
      assert.ok(
        got.qualifier === 'exact' || got.qualifier === 'at_least',
        `${name} qualifier ${got.qualifier}`,
      );
    // Evidence must point at the phrase the number came from.
    if (!got.evidence.field)
      assert.ok(text.slice(got.evidence.start, got.evidence.end).length > 0, `${name} evidence`);
  }
}

const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.txt'))
  .map((file) => file.slice(0, -'.txt'.length))
  .sort();

describe('extractReports on golden fixtures', () => {
  it('has fixtures to run', () => {
    assert.ok(names.length >= 20);
  });

  for (const name of names) {
    it(`${name}: yields the hand-checked figures and matches its snapshot`, () => {
      const { text, meta } = readFixture(name);
      const reports = runFixture(text, meta);
      if (meta.expect === null) {
        assert.deepEqual(reports, [], 'a text that is not a daily tally yields nothing');
      } else {
        assertReport(reports[0], meta.expect, text);
        for (const other of meta.expect.others ?? []) {
          assertReport(
            reports.find((r) => r.region === other.region),
            other,
            text,
          );
        }
      }
      const snapshotPath = path.join(FIXTURES, `${name}.expected.json`);
      const actual = `${JSON.stringify(reports, null, 2)}\n`;
      if (UPDATE) {
        writeFileSync(snapshotPath, actual);
        return;
      }
      assert.ok(existsSync(snapshotPath), `${name}.expected.json is missing; create it with UPDATE_GOLDEN=1`);
      assert.equal(
        actual,
        readFileSync(snapshotPath, 'utf8'),
        `${name}.expected.json differs; rerun with UPDATE_GOLDEN=1`,
      );
    });
  }
});
