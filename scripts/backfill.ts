/**
 * Walks one source's history back to a date, storing its reports and tallies like a poll:
 *
 *   npm run backfill -- --source kharkiv-oda --since 2025-01-01
 *   npm run backfill -- --source kharkiv-oda --since 2025-01-01 --restart   # ignore the checkpoint
 *
 * On a terminal it shows a progress bar (pages, items, tallies, ETA); otherwise one log line per page.
 * Ctrl-C stops after the current page; the checkpoint in MongoDB lets the next run continue from there.
 * Exit codes: 0 done (or stopped with the checkpoint saved), 1 failed, 2 bad usage.
 * With the embedded store, stop the service first: only one process may open DATA_DIR at a time.
 */
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { afterIngest } from '../jobs/after-ingest.js';
import { loadConfig } from '../lib/config.js';
import { startDatabase } from '../lib/db.js';
import { backfillSource } from '../lib/feeds/backfill-source.js';
import type { BackfillProgress } from '../lib/feeds/backfill-source.js';
import { logger } from '../lib/logger.js';
import { buildFetchSettings } from '../jobs/poll-sources.job.js';
import { ensureIndexes } from '../models/index.js';

const usage = 'Usage: npm run backfill -- --source <key> --since <yyyy-MM-dd> [--restart] [--max-pages N]\n';
function readArguments() {
  try {
    return parseArgs({
      options: {
        source: { type: 'string' },
        since: { type: 'string' },
        restart: { type: 'boolean', default: false },
        'max-pages': { type: 'string' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}
const values = readArguments();
if (!values.source || !values.since || !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) {
  process.stderr.write(usage);
  process.exit(2);
}
const maxPages = values['max-pages'] === undefined ? undefined : Number(values['max-pages']);
if (maxPages !== undefined && (!Number.isInteger(maxPages) || maxPages < 1)) {
  process.stderr.write(`--max-pages must be a positive integer.\n${usage}`);
  process.exit(2);
}

const config = loadConfig();
logger.level = config.LOG_LEVEL;
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());

const bar = process.stderr.isTTY
  ? new SingleBar(
      {
        format:
          ' {bar} {percentage}% of days | pages {pages} | items {items} (new {itemsNew}) | tallies {tallies} | ETA {eta_formatted}',
        stream: process.stderr,
      },
      Presets.shades_classic,
    )
  : null;

function showProgress(progress: BackfillProgress): void {
  const fields = {
    pages: progress.pages,
    items: progress.items,
    itemsNew: progress.itemsNew,
    tallies: progress.tallies,
  };
  if (bar) {
    bar.setTotal(progress.daysTotal);
    bar.update(progress.daysCovered, fields);
    return;
  }
  logger.info(
    { event: 'backfill.page', source: values.source, ...fields, oldestSeenAt: progress.oldestSeenAt },
    `backfill: ${progress.daysCovered}/${progress.daysTotal} days`,
  );
}

const database = await startDatabase({ config, logger });
let exitCode = 1;
try {
  await ensureIndexes();
  bar?.start(1, 0, { pages: 0, items: 0, itemsNew: 0, tallies: 0 });
  const outcome = await backfillSource({
    sourceKey: values.source,
    since: values.since,
    ...buildFetchSettings(config),
    logger,
    now: () => new Date(),
    zone: config.REPORT_TIMEZONE,
    signal: abort.signal,
    restart: values.restart,
    ...(maxPages !== undefined ? { maxPages } : {}),
    onProgress: showProgress,
  });
  bar?.stop();
  const after = await afterIngest(outcome.changed, {
    config,
    logger,
    now: () => new Date(),
    signal: abort.signal,
  });
  const { changed: _changed, ...summary } = outcome;
  logger.info(
    { event: 'backfill.finished', source: values.source, summary, after },
    outcome.done ? 'backfill done' : 'backfill stopped; run again to continue',
  );
  exitCode = 0;
} catch (error) {
  bar?.stop();
  logger.error(
    { event: 'backfill.failed', source: values.source, err: error },
    'backfill failed; run again to continue from the checkpoint',
  );
} finally {
  await database.stop();
}
process.exitCode = exitCode;
