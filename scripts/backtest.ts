/**
 * Replays a region's history day by day with only the data known on each day, and prints the alerts
 * detection would have raised and a count per kind. Writes nothing.
 *
 *   npm run backtest -- --region sumy --from 2024-01-01 --to 2024-12-31
 *
 * The thresholds are the configured ones (ALERT_*, ALERT_REGION_THRESHOLDS), so a change can be tried on
 * history before it goes live. With the embedded store, stop the service first: only one process may open
 * DATA_DIR at a time.
 */
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { isRegionKey } from '../domain/gazetteer/regions.js';
import { createThresholdLookup } from '../lib/alerts/alert-thresholds.js';
import { runBacktest } from '../lib/alerts/run-backtest.js';
import { loadConfig } from '../lib/config.js';
import { startDatabase } from '../lib/db.js';
import { logger } from '../lib/logger.js';
import { Source } from '../models/source.model.js';

function fail(message: string): never {
  console.error(
    `backtest: ${message}\nusage: npm run backtest -- --region <key> --from YYYY-MM-DD --to YYYY-MM-DD`,
  );
  process.exit(2);
}

const { values } = parseArgs({
  options: { region: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
});
const { region, from, to } = values;
if (!region || !isRegionKey(region))
  fail(`--region must be a region key such as sumy (got ${region ?? 'nothing'})`);
for (const [name, value] of [
  ['--from', from],
  ['--to', to],
] as const) {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) {
    fail(`${name} must be a date YYYY-MM-DD (got ${value ?? 'nothing'})`);
  }
}
if (!from || !to || from > to) fail('--from must not be after --to');

const config = loadConfig();
logger.level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
const database = await startDatabase({ config, logger });
try {
  const source = await Source.findOne({ region, official: true }, { key: 1 }).lean();
  const result = await runBacktest({
    region,
    from,
    to,
    thresholds: createThresholdLookup(config)(region),
    zone: config.REPORT_TIMEZONE,
    usualSource: source?.key ?? null,
  });
  console.log(`Backtest of ${region} from ${from} to ${to}: ${result.daysReplayed} days replayed.\n`);
  for (const alert of result.alerts) {
    console.log(`${alert.raisedOn}  ${alert.kind.padEnd(14)} ${alert.date}  ${alert.explanation}`);
  }
  console.log(`\n${result.alerts.length} alerts:`);
  for (const [kind, count] of Object.entries(result.counts)) console.log(`  ${kind.padEnd(14)} ${count}`);
} finally {
  await database.stop();
}
