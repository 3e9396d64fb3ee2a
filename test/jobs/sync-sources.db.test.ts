import assert from 'node:assert/strict';
import { syncSourcesJob } from '../../jobs/sync-sources.job.js';
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { Source } from '../../models/source.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

const logger = createLogger({ level: 'silent' });

function runSync(env: NodeJS.ProcessEnv = {}) {
  return syncSourcesJob.run({
    config: parseConfig(env),
    logger,
    now: () => new Date(),
    signal: new AbortController().signal,
  });
}

describe('jobs/sync-sources against the database', () => {
  setupTestDB('jobs-sync-sources');

  it('inserts every seed source on the first run', async () => {
    const summary = await runSync();
    assert.equal(summary.inserted, summary.sources);
    assert.equal(await Source.countDocuments({}), summary.sources);
    const sumy = await Source.findOne({ key: 'sumy-oda' }).lean();
    assert.equal(sumy?.url, 'http://127.0.0.1:1200/telegram/channel/Sumy_news_ODA');
    assert.equal(sumy?.consecutiveFailures, 0);
  });

  it('inserts nothing on a second run', async () => {
    const first = await runSync();
    const second = await runSync();
    assert.equal(second.inserted, 0);
    assert.equal(second.existing, first.sources);
    assert.equal(await Source.countDocuments({}), first.sources);
  });

  it('follows a change of RSS_BRIDGE_URL but keeps enabled and fetch state set in the database', async () => {
    await runSync();
    const lastSuccessAt = new Date('2025-04-20T06:00:00Z');
    await Source.updateOne(
      { key: 'kharkiv-oda' },
      { $set: { enabled: false, lastSuccessAt, etag: '"abc"' } },
    );
    await runSync({ RSS_BRIDGE_URL: 'https://rsshub.example.org' });
    const kharkiv = await Source.findOne({ key: 'kharkiv-oda' }).lean();
    assert.equal(kharkiv?.url, 'https://rsshub.example.org/telegram/channel/kharkivoda');
    assert.equal(kharkiv?.enabled, false);
    assert.deepEqual(kharkiv?.lastSuccessAt, lastSuccessAt);
    assert.equal(kharkiv?.etag, '"abc"');
  });

  it('counts sources that are in the database but no longer in the file, without deleting them', async () => {
    await Source.create({
      key: 'retired-feed',
      name: 'Old',
      url: 'https://old.example/rss',
      kind: 'rss',
      language: 'en',
    });
    const summary = await runSync();
    assert.equal(summary.notInFile, 1);
    assert.equal(await Source.countDocuments({ key: 'retired-feed' }), 1);
  });
});
