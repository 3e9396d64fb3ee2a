/**
 * Scores the report extractor on a labelled JSONL set (the dev-set format).
 *
 *   npm run eval -- <file.jsonl> [--json] [--min-exact F] [--min-precision F] [--min-recall F]
 *                   [--min-region F] [--min-date F] [--max-false-positives N] [--min-per-community F]
 *                   [--published-time HH:mm] [--only ID-SUBSTRING] [--extractor MODULE]
 *                   [--by lang|outlet|region|year] [--explain ID]
 *
 * Prints per-field precision, recall and exact match, region and date accuracy, false positives on
 * negatives, exact-match rates by confidence band and a diff for every miss; `--json` prints only the summary
 * object; `--by` adds one table row per group; `--explain ID` prints one item's sentences, candidate figures
 * and the reason each was kept or dropped. Exits 1 when a threshold
 * is not met, 2 on bad usage, an unreadable set or an extractor that cannot be loaded.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseEvalJsonl } from '../domain/evaluation/eval-item.js';
import { evaluateItems, type ExtractReports } from '../domain/evaluation/evaluate-items.js';
import { buildReportInput } from '../domain/evaluation/build-report-input.js';
import { formatConfidenceBands, summariseConfidenceBands } from '../domain/evaluation/confidence-bands.js';
import type { EvalItem } from '../domain/evaluation/eval-item.js';
import { describeMisses, formatEvalReport } from '../domain/evaluation/format-eval-report.js';
import {
  formatGroupTable,
  groupScores,
  GROUP_KEYS,
  type GroupKey,
} from '../domain/evaluation/group-scores.js';
import { createTrace, formatTrace, type ExtractionTrace } from '../domain/extraction/extraction-trace.js';
import { resolveLabelledCommunity } from '../domain/evaluation/resolve-labelled-community.js';
import {
  findThresholdFailures,
  summariseScores,
  type Thresholds,
} from '../domain/evaluation/summarise-scores.js';

const DEFAULT_EXTRACTOR = path.resolve(import.meta.dirname, '../domain/extraction/extract-reports.ts');

class UsageError extends Error {}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  'min-exact': { type: 'string' },
  'min-precision': { type: 'string' },
  'min-recall': { type: 'string' },
  'min-region': { type: 'string' },
  'min-date': { type: 'string' },
  'max-false-positives': { type: 'string' },
  'min-per-community': { type: 'string' },
  'published-time': { type: 'string', default: '09:00' },
  only: { type: 'string' },
  extractor: { type: 'string', default: DEFAULT_EXTRACTOR },
  by: { type: 'string' },
  explain: { type: 'string' },
} as const;

function readArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = readArgs(argv);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('give exactly one JSONL file');
  if (!/^\d{2}:\d{2}$/.test(values['published-time'])) throw new UsageError('--published-time must be HH:mm');
  const thresholds: Thresholds = {
    minExact: readFraction(values['min-exact'], '--min-exact'),
    minPrecision: readFraction(values['min-precision'], '--min-precision'),
    minRecall: readFraction(values['min-recall'], '--min-recall'),
    minRegion: readFraction(values['min-region'], '--min-region'),
    minDate: readFraction(values['min-date'], '--min-date'),
    minPerCommunity: readFraction(values['min-per-community'], '--min-per-community'),
    maxFalsePositives: readCount(values['max-false-positives'], '--max-false-positives'),
  };

  const { items: allItems, problems } = parseEvalJsonl(await readSet(file));
  if (problems.length > 0) {
    for (const problem of problems) console.error(`${file}:${problem.line}: ${problem.message}`);
    return 2;
  }
  const items = values.only ? allItems.filter((item) => item.id.includes(values.only ?? '')) : allItems;
  if (items.length === 0)
    throw new UsageError(`${file} has no items${values.only ? ` matching ${values.only}` : ''}`);

  const by = readGroupKey(values.by);
  const extract = await loadExtractor(values.extractor);
  if (values.explain !== undefined)
    return explainItem(items, values.explain, extract, values['published-time']);
  const scores = evaluateItems(items, extract, {
    resolveCommunity: resolveLabelledCommunity,
    publishedTime: values['published-time'],
  });
  const summary = summariseScores(scores);
  const bands = summariseConfidenceBands(scores);
  const groups = by ? groupScores(scores, items, by) : undefined;
  if (values.json) {
    console.log(JSON.stringify({ ...summary, confidenceBands: bands, ...(groups && { groups }) }, null, 2));
  } else {
    console.log(formatEvalReport(summary, scores, items));
    console.log(`\n${formatConfidenceBands(bands)}`);
    if (by && groups) console.log(`\nExact match by ${by}:\n${formatGroupTable(groups, by)}`);
  }

  const failures = findThresholdFailures(summary, thresholds);
  for (const failure of failures) console.error(`below threshold: ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

function readGroupKey(raw: string | undefined): GroupKey | undefined {
  if (raw === undefined) return undefined;
  if (!(GROUP_KEYS as readonly string[]).includes(raw))
    throw new UsageError(`--by takes one of ${GROUP_KEYS.join(', ')}`);
  return raw as GroupKey;
}

/** Prints one item's trace: sentences, candidate figures with the reason for each, and the scored misses. */
function explainItem(
  items: readonly EvalItem[],
  id: string,
  extract: ExtractReports,
  publishedTime: string,
): number {
  const item = items.find((candidate) => candidate.id === id) ?? items.find((c) => c.id.includes(id));
  if (!item) throw new UsageError(`no item with id ${id}`);
  const { input } = buildReportInput(item, publishedTime);
  const trace: ExtractionTrace = createTrace();
  const traced = extract as (
    input: unknown,
    options: { trace: ExtractionTrace },
  ) => ReturnType<ExtractReports>;
  const reports = traced(input, { trace });
  const [score] = evaluateItems([item], () => reports, {
    resolveCommunity: resolveLabelledCommunity,
    publishedTime,
  });
  console.log(
    `${item.id} [${item.lang} ${item.region ?? 'negative'}] report_date=${item.reportDate ?? '-'} published=${item.published ?? '-'}`,
  );
  console.log(`labels: ${JSON.stringify(item.labels?.values ?? null)}`);
  console.log('');
  console.log(trace.sentences.length > 0 ? formatTrace(trace) : '(the extractor left no trace)');
  const misses = score ? describeMisses(score, item.text) : [];
  console.log('');
  console.log(misses.length > 0 ? misses.join('\n') : 'No misses.');
  return 0;
}

async function readSet(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Loads `extractReports` from the extractor module, with a plain message when it is missing or broken. */
async function loadExtractor(modulePath: string): Promise<ExtractReports> {
  const absolute = path.resolve(modulePath);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      code === 'ERR_MODULE_NOT_FOUND' &&
      String((error as Error).message).includes(path.basename(absolute))
    ) {
      throw new ExtractorUnavailableError(
        `the extractor module ${path.relative(process.cwd(), absolute)} does not exist yet; ` +
          'it must export extractReports(input: ReportInput): ExtractedReport[]',
      );
    }
    throw new ExtractorUnavailableError(`the extractor module failed to load: ${(error as Error).message}`);
  }
  const extract = loaded.extractReports;
  if (typeof extract !== 'function') {
    throw new ExtractorUnavailableError(
      `${path.relative(process.cwd(), absolute)} does not export extractReports()`,
    );
  }
  return extract as ExtractReports;
}

class ExtractorUnavailableError extends Error {}

function readFraction(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new UsageError(`${flag} takes a number from 0 to 1`);
  return value;
}

function readCount(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`${flag} takes a whole number`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`eval: ${error.message}`);
      console.error(
        'usage: npm run eval -- <file.jsonl> [--json] [--min-exact F] [--min-region F] [--min-date F] ...',
      );
    } else if (error instanceof ExtractorUnavailableError) {
      console.error(`eval: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 2;
  },
);
