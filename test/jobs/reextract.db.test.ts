import assert from 'node:assert/strict';
import { EXTRACTOR_VERSION, extractReports } from '../../domain/extraction/extract-reports.js';
import type { ReportInput } from '../../domain/extraction/types.js';
import { reextractReports } from '../../jobs/reextract.job.js';
import { parseConfig } from '../../lib/config.js';
import { storeFeedItems } from '../../lib/feeds/store-items.js';
import { createLogger } from '../../lib/logger.js';
import { settlePendingReports } from '../../lib/tallies/settle-pending-reports.js';
import { readDataVersion } from '../../models/data-version.model.js';
import { Source } from '../../models/source.model.js';
import { snapshotReports, snapshotTallies } from '../setup/ingest-snapshots.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2025-11-04T07:00:00Z');
const OLD_VERSION = '0.9.0-test';

/** An older extractor that misread every attack count by one, to be corrected by the current one. */
function extractWithOldVersion(input: ReportInput) {
  return extractReports(input).map((report) => ({
    ...report,
    extractorVersion: OLD_VERSION,
    metrics: {
      ...report.metrics,
      attacks: report.metrics.attacks
        ? { ...report.metrics.attacks, value: report.metrics.attacks.value - 1 }
        : null,
    },
  }));
}

describe('jobs/reextract', () => {
  setupTestDB('jobs-reextract');

  function run(now = NOW) {
    return reextractReports({
      config: parseConfig({}),
      logger,
      now: () => now,
      signal: new AbortController().signal,
    });
  }

  beforeEach(async () => {
    await Source.create({
      key: 'sumy-oda',
      name: 'Sumy',
      region: 'sumy',
      url: 'https://example.org/feed',
      kind: 'rss',
      language: 'uk',
      official: true,
    });
    await storeFeedItems(
      { key: 'sumy-oda', region: 'sumy', language: 'uk' },
      [
        {
          guid: 'n-1',
          url: null,
          title: null,
          text: 'Вночі та зранку 3 листопада ворог 21 раз обстріляв прикордоння Сумщини. Зафіксовано 64 вибухи.',
          publishedAt: new Date('2025-11-03T06:30:00Z'),
        },
        {
          guid: 'd-1',
          url: null,
          title: null,
          text: 'Протягом дня росіяни здійснили 47 обстрілів прикордонних територій Сумської області. Зафіксовано 183 вибухи.',
          publishedAt: new Date('2025-11-03T19:10:00Z'),
        },
      ],
      { now: NOW, extraction: { extract: extractWithOldVersion, extractorVersion: OLD_VERSION } },
    );
    await settlePendingReports({ now: NOW, reason: 'new or edited reports', bumpedBy: 'test', logger });
  });

  it('re-extracts the stored reports, keeps the older extraction beside the newer and revises the tallies', async () => {
    const before = await snapshotTallies();
    assert.deepEqual(
      before.map((t) => [t.slot, t.metrics.attacks]),
      [
        ['sumy 2025-11-03 day', 'exact:46'],
        ['sumy 2025-11-03 night_and_morning', 'exact:20'],
        ['sumy 2025-11-03 total', 'exact:66'],
      ],
    );
    const versionBefore = await readDataVersion();
    const later = new Date(NOW.getTime() + 3_600_000);
    const { alerts, ...summary } = await run(later);
    assert.ok(alerts);
    assert.deepEqual(summary, {
      extractorVersion: EXTRACTOR_VERSION,
      reportsReextracted: 2,
      talliesWritten: 3,
      talliesDeleted: 0,
      tallySlotsChanged: 3,
    });
    const reports = await snapshotReports();
    for (const report of reports) {
      assert.deepEqual(
        report.extractions.map((e) => [e.extractorVersion, e.ofCurrentText]),
        [
          [OLD_VERSION, true],
          [EXTRACTOR_VERSION, true],
        ],
      );
      assert.equal(report.pendingTally, false);
    }
    const reason = `re-extracted with extractor ${EXTRACTOR_VERSION}`;
    assert.deepEqual(
      (await snapshotTallies()).map((t) => [
        t.slot,
        t.metrics,
        t.revisions,
        t.contributions.map((c) => c.report),
      ]),
      [
        [
          'sumy 2025-11-03 day',
          { attacks: 'exact:47', explosions: 'exact:183' },
          [{ previous: { attacks: 'exact:46', explosions: 'exact:183' }, reason }],
          ['sumy-oda/d-1'],
        ],
        [
          'sumy 2025-11-03 night_and_morning',
          { attacks: 'exact:21', explosions: 'exact:64' },
          [{ previous: { attacks: 'exact:20', explosions: 'exact:64' }, reason }],
          ['sumy-oda/n-1'],
        ],
        [
          'sumy 2025-11-03 total',
          { attacks: 'exact:68', explosions: 'exact:247' },
          [{ previous: { attacks: 'exact:66', explosions: 'exact:247' }, reason }],
          ['sumy-oda/d-1', 'sumy-oda/n-1'],
        ],
      ],
    );
    assert.equal(await readDataVersion(), versionBefore + 1);
  });

  it('does nothing on a second run with the same version', async () => {
    await run();
    const tallies = await snapshotTallies();
    const reports = await snapshotReports();
    const again = await run();
    assert.equal(again.reportsReextracted, 0);
    assert.equal(again.talliesWritten, 0);
    assert.deepEqual(await snapshotTallies(), tallies);
    assert.deepEqual(await snapshotReports(), reports);
  });
});
