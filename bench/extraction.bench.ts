/**
 * Extractor throughput: reports extracted per second on one core over the dev set (repeated), reported as a
 * ratio against a single `/\d+/g` pass over the same texts in the same run. Falls back to the project's own
 * golden fixtures when the shared dev set is not on this machine.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractReports } from '../domain/extraction/extract-reports.js';
import type { ReportInput } from '../domain/extraction/types.js';
import { measure, reportRatio, type Benchmark } from './harness.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** The shared dev set sits beside the project checkout; BENCH_DEV_SET points at another copy. */
const DEV_SET = process.env.BENCH_DEV_SET ?? path.resolve(BENCH_DIR, '../../shared/eval/dev.jsonl');
const FIXTURES = path.resolve(BENCH_DIR, '../test/fixtures/extraction');
const REPEAT = 20;

interface DevLine {
  text: string;
  title: string | null;
  published: string | null;
}

function loadInputs(): { inputs: ReportInput[]; source: string } {
  if (existsSync(DEV_SET)) {
    const inputs = readFileSync(DEV_SET, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as DevLine)
      .map((item) => ({
        text: item.text,
        title: item.title,
        publishedAt: new Date(`${item.published ?? '2025-01-01'}T09:00:00+02:00`),
      }));
    return { inputs, source: DEV_SET };
  }
  const inputs = readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => {
      const meta = JSON.parse(
        readFileSync(path.join(FIXTURES, file.replace(/\.txt$/, '.meta.json')), 'utf8'),
      ) as {
        publishedAt: string;
        title: string | null;
      };
      return {
        text: readFileSync(path.join(FIXTURES, file), 'utf8'),
        title: meta.title,
        publishedAt: new Date(meta.publishedAt),
      };
    });
  return { inputs, source: FIXTURES };
}

export const benchmark: Benchmark = {
  name: 'report extraction throughput',
  async run() {
    const { inputs, source } = loadInputs();
    const corpus = Array.from({ length: REPEAT }, () => inputs).flat();
    let reports = 0;
    let digits = 0;
    const extraction = await measure(
      'extractReports',
      () => {
        reports = 0;
        for (const input of corpus) reports += extractReports(input).length;
      },
      { opsPerCall: corpus.length, samples: 5, warmup: 1 },
    );
    const baseline = await measure(
      '/\\d+/g pass',
      () => {
        digits = 0;
        for (const input of corpus) digits += (input.text.match(/\d+/g) ?? []).length;
      },
      { opsPerCall: corpus.length, samples: 5, warmup: 1 },
    );
    console.log(
      `  corpus: ${inputs.length} texts x ${REPEAT} from ${source}; ${reports} reports, ${digits} digit runs per pass`,
    );
    console.log(
      `  reports extracted per second: ${Math.round((reports / corpus.length) * extraction.opsPerSecond).toLocaleString('en-US')}`,
    );
    reportRatio(extraction, baseline);
  },
};
