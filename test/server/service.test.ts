/**
 * The service lifecycle in-process: start on the embedded engine with a temporary DATA_DIR, keep data
 * across a restart, shut down leaving nothing open, and load demo data only when it should.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Writable } from 'node:stream';
import request from 'supertest';
import { parseConfig } from '../../lib/config.js';
import { removeDemoData } from '../../lib/demo-data.js';
import { createLogger } from '../../lib/logger.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';
import { startService } from '../../server/service.js';
import { getTestMongoUri } from '../setup/test-db.js';

function captureLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  return { logger: createLogger({ destination: stream, level: 'info' }), lines };
}

/** Sockets, servers and handles other than the ones every process has (stdio, timers). */
function countNetworkHandles(): number {
  return process.getActiveResourcesInfo().filter((kind) => /TCP|Pipe|FSReq|Socket/i.test(kind)).length;
}

describe('server/service', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'service-test-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('on the embedded engine', () => {
    it('starts, serves /readyz 200 with the seed sources, and logs that the embedded store is in use', async () => {
      const { logger, lines } = captureLogger();
      const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, SCHEDULER_ENABLED: '1' });
      const service = await startService({ config, logger });
      try {
        const res = await request(service.url).get('/readyz').expect(200);
        const body = res.body as {
          status: string;
          database: { mode: string };
          sources: Array<{ key: string }>;
        };
        assert.equal(body.status, 'ready');
        assert.equal(body.database.mode, 'embedded');
        assert.ok(body.sources.some((source) => source.key === 'sumy-oda'));
        const embedded = lines.find((line) => line.event === 'db.embedded');
        assert.ok(embedded, 'no db.embedded log line');
        assert.match(String(embedded.msg), /MONGODB_URI/);
        assert.equal(service.scheduler?.status().running, true);
      } finally {
        await service.stop();
      }
    });

    it('loads the labelled demo data when the store starts empty, and says so in the logs', async () => {
      const { logger, lines } = captureLogger();
      const service = await startService({ config: parseConfig({ PORT: '0', DATA_DIR: dataDir }), logger });
      try {
        const tallies = await Tally.countDocuments({});
        assert.ok(tallies >= 8 * 100, `expected the demo set, found ${tallies} tallies`);
        assert.equal(
          await Tally.countDocuments({ demo: { $ne: true } }),
          0,
          'every tally must be marked demo',
        );
        const demoLine = lines.find((line) => line.event === 'demo.loaded');
        assert.match(String(demoLine?.msg), /SYNTHETIC DEMO/);
        assert.equal(demoLine?.reason, 'empty embedded store');
      } finally {
        await service.stop();
      }
    });

    it('keeps its data across a restart with the same DATA_DIR', async () => {
      const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, SCHEDULER_ENABLED: '0' });
      const logger = createLogger({ level: 'silent' });

      const first = await startService({ config, logger });
      await Source.updateOne({ key: 'kherson-oda' }, { $set: { lastError: 'HTTP 502 from the bridge' } });
      await Tally.create({
        region: 'kherson',
        date: '2020-01-01',
        window: 'day',
        metrics: { attacks: { value: 7, qualifier: 'exact', term: 'обстрілів' } },
      });
      const talliesBefore = await Tally.countDocuments({});
      await first.stop();

      const second = await startService({ config, logger });
      try {
        const source = await Source.findOne({ key: 'kherson-oda' }).lean();
        assert.equal(source?.lastError, 'HTTP 502 from the bridge');
        const real = await Tally.findOne({ region: 'kherson', date: '2020-01-01' }).lean();
        assert.equal(real?.metrics?.attacks?.value, 7);
        assert.equal(await Tally.countDocuments({}), talliesBefore);
        assert.equal(await Source.countDocuments({ key: 'kherson-oda' }), 1);
      } finally {
        await second.stop();
      }
    });

    it('does not reload demo data on a restart once the store has been used', async () => {
      const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, SCHEDULER_ENABLED: '0' });
      const logger = createLogger({ level: 'silent' });
      const first = await startService({ config, logger });
      await removeDemoData();
      await first.stop();

      const second = await startService({ config, logger });
      try {
        assert.equal(await Tally.countDocuments({ demo: true }), 0);
      } finally {
        await second.stop();
      }
    });

    it('shuts down gracefully, leaving no sockets or servers open', async () => {
      const before = countNetworkHandles();
      const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, SCHEDULER_ENABLED: '1' });
      const service = await startService({ config, logger: createLogger({ level: 'silent' }) });
      // A keep-alive client connection must not hold the shutdown open.
      await request(service.url).get('/healthz').set('connection', 'keep-alive').expect(200);
      assert.ok(countNetworkHandles() > before);
      await service.stop();
      // A closed handle leaves the list in the event loop's close phase, a turn or two after close()
      // resolves; a leaked one never does. The wait is a hang guard, thousands of times that turn.
      const deadline = Date.now() + 5_000;
      while (countNetworkHandles() > before && Date.now() < deadline) await sleep(10);
      assert.equal(countNetworkHandles(), before, JSON.stringify(process.getActiveResourcesInfo()));
      await assert.rejects(request(service.url).get('/healthz'), /ECONNREFUSED/);
    });

    it('stop() may be called twice', async () => {
      const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, SCHEDULER_ENABLED: '0' });
      const service = await startService({ config, logger: createLogger({ level: 'silent' }) });
      await Promise.all([service.stop(), service.stop()]);
    });
  });

  describe('with MONGODB_URI set', () => {
    it('connects to it and loads no demo data', async () => {
      const uri = await getTestMongoUri('service-external-no-demo');
      const { logger, lines } = captureLogger();
      const service = await startService({ config: parseConfig({ PORT: '0', MONGODB_URI: uri }), logger });
      try {
        assert.equal(await Tally.countDocuments({ demo: true }), 0);
        const res = await request(service.url).get('/readyz').expect(200);
        assert.equal((res.body as { database: { mode: string } }).database.mode, 'external');
        assert.equal(
          lines.some((line) => line.event === 'demo.loaded'),
          false,
        );
        assert.equal(
          lines.some((line) => line.event === 'db.embedded'),
          false,
        );
      } finally {
        await service.stop();
      }
    });

    it('loads the demo data when DEMO=1', async () => {
      const uri = await getTestMongoUri('service-external-demo');
      const { logger, lines } = captureLogger();
      const config = parseConfig({ PORT: '0', MONGODB_URI: uri, DEMO: '1', SCHEDULER_ENABLED: '0' });
      const service = await startService({ config, logger });
      try {
        assert.ok((await Tally.countDocuments({ demo: true })) > 0);
        assert.equal(lines.find((line) => line.event === 'demo.loaded')?.reason, 'DEMO=1');
      } finally {
        await removeDemoData();
        await service.stop();
      }
    });
  });
});
