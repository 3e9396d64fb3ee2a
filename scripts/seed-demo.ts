/**
 * Loads (or removes) the SYNTHETIC demo data set: daily tallies for the eight frontline oblasts. The
 * figures are generated, never real; every document has `demo: true` and a notice saying so.
 *
 *   npm run seed:demo                                  # the 120 days up to yesterday (Kyiv time)
 *   npm run seed:demo -- --from 2025-01-01 --to 2025-06-30
 *   npm run seed:demo -- --remove                      # delete every demo document
 *
 * With the embedded store, stop the service first: only one process may open DATA_DIR at a time.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.js';
import { startDatabase } from '../lib/db.js';
import { defaultDemoRange, loadDemoData, removeDemoData } from '../lib/demo-data.js';
import { logger } from '../lib/logger.js';
import { ensureIndexes } from '../models/index.js';

const { values } = parseArgs({
  options: { from: { type: 'string' }, to: { type: 'string' }, remove: { type: 'boolean' } },
});

const config = loadConfig();
logger.level = config.LOG_LEVEL;
const database = await startDatabase({ config, logger });
try {
  await ensureIndexes();
  if (values.remove) {
    const removed = await removeDemoData();
    logger.info({ event: 'demo.removed', tallies: removed }, `removed ${removed} demo tallies`);
  } else {
    const fallback = defaultDemoRange(new Date(), config.REPORT_TIMEZONE);
    const range = { from: values.from ?? fallback.from, to: values.to ?? fallback.to };
    const { written, skipped } = await loadDemoData(range, config.REPORT_TIMEZONE);
    logger.warn(
      { event: 'demo.loaded', reason: 'seed:demo', tallies: written, skippedRealSlots: skipped, ...range },
      `Loaded the SYNTHETIC DEMO data set: ${written} tallies from ${range.from} to ${range.to}. ` +
        'These figures are generated, not real reports; every demo document has demo: true.',
    );
  }
} finally {
  await database.stop();
}
