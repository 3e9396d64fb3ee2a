import assert from 'node:assert/strict';
import request from 'supertest';
import { startEmbeddedMongo } from '../../embedded-mongo/index.js';
import type { EmbeddedMongo } from '../../embedded-mongo/index.js';
import { startDatabase } from '../../lib/db.js';
import type { Database } from '../../lib/db.js';
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { ensureIndexes } from '../../models/index.js';
import { Source } from '../../models/source.model.js';
import { buildApp } from '../../server/app.js';
import { createReadinessCheck } from '../../server/readiness.js';

const logger = createLogger({ level: 'silent' });

describe('GET /readyz', () => {
  // A database of its own, on an engine this file can stop without disturbing other tests.
  let engine: EmbeddedMongo;
  let database: Database;
  let app: ReturnType<typeof buildApp>;

  beforeEach(async () => {
    engine = await startEmbeddedMongo();
    const config = parseConfig({ MONGODB_URI: `${engine.uri}readyz`, DB_CONNECT_ATTEMPTS: '1' });
    database = await startDatabase({ config, logger, serverSelectionTimeoutMS: 1_000 });
    await ensureIndexes();
    app = buildApp({
      logger,
      jsonBodyLimit: '100kb',
      checkReadiness: createReadinessCheck({ database, getScheduler: () => null, timeoutMs: 1_000 }),
    });
  });

  afterEach(async () => {
    await database.stop();
    await engine.stop();
  });

  describe('when the database answers', () => {
    it("responds 200 with the round trip and each source's last success", async () => {
      const lastSuccessAt = new Date('2025-04-20T06:00:00Z');
      await Source.create({
        key: 'sumy-oda',
        name: 'Sumy',
        region: 'sumy',
        url: 'http://bridge/telegram/channel/Sumy_news_ODA',
        kind: 'rss',
        language: 'uk',
        lastSuccessAt,
      });
      const res = await request(app).get('/readyz').expect(200);
      const body = res.body as {
        status: string;
        database: { ok: boolean; latencyMs: number };
        scheduler: { running: boolean };
        sources: Array<{ key: string; lastSuccessAt: string }>;
      };
      assert.equal(body.status, 'ready');
      assert.equal(body.database.ok, true);
      assert.equal(typeof body.database.latencyMs, 'number');
      assert.equal(body.scheduler.running, false);
      assert.deepEqual(body.sources[0]?.key, 'sumy-oda');
      assert.equal(body.sources[0]?.lastSuccessAt, lastSuccessAt.toISOString());
    });
  });

  describe('when the database is stopped', () => {
    it('responds 503 DATABASE_UNAVAILABLE within the probe timeout', async () => {
      await request(app).get('/readyz').expect(200);
      await engine.stop();
      // A hang guard, not a speed test: the probe gives up after its own 1 s timeout, and the bound is
      // tenfold that. Only a probe that waited for the driver's 30 s default could exceed it.
      const startedAt = Date.now();
      const res = await request(app).get('/readyz').expect(503);
      assert.ok(Date.now() - startedAt < 10_000, 'the probe must not wait for the driver’s own timeouts');
      const body = res.body as { status: string; error: { code: string }; database: { ok: boolean } };
      assert.equal(body.status, 'unavailable');
      assert.equal(body.error.code, 'DATABASE_UNAVAILABLE');
      assert.equal(body.database.ok, false);
    });
  });

  describe('when mongoose is disconnected', () => {
    it('responds 503', async () => {
      await database.stop();
      await request(app).get('/readyz').expect(503);
    });
  });
});
