import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { createLogger } from '../../lib/logger.js';
import { errorHandler } from '../../server/error-handlers.js';
import { keysMatch, requireAdmin } from '../../server/admin-auth.js';

const KEY = 'a-long-enough-admin-key';

function appWith(adminKey: string | undefined) {
  const app = express();
  const silent = createLogger({ level: 'silent' });
  // The error handler logs through pino-http's per-request logger.
  app.use((req, _res, next) => {
    req.log = silent;
    next();
  });
  app.post('/admin', requireAdmin(adminKey), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler);
  return app;
}

describe('requireAdmin', () => {
  describe('with a configured key', () => {
    const app = appWith(KEY);

    it('lets the right key through', async () => {
      const res = await request(app).post('/admin').set('authorization', `Bearer ${KEY}`).expect(200);
      assert.deepEqual(res.body, { ok: true });
    });

    it('responds 401 UNAUTHORIZED when the key is missing', async () => {
      const res = await request(app).post('/admin').expect(401);
      assert.equal((res.body as { error: { code: string } }).error.code, 'UNAUTHORIZED');
    });

    it('responds 401 UNAUTHORIZED when the key is wrong, or a prefix of the right one', async () => {
      for (const wrong of ['nope', KEY.slice(0, -1), `${KEY}x`]) {
        const res = await request(app).post('/admin').set('authorization', `Bearer ${wrong}`).expect(401);
        assert.equal((res.body as { error: { code: string } }).error.code, 'UNAUTHORIZED');
      }
    });

    it('does not take the key from another header or scheme', async () => {
      await request(app).post('/admin').set('x-api-key', KEY).expect(401);
      await request(app).post('/admin').set('authorization', `Basic ${KEY}`).expect(401);
    });
  });

  describe('without a configured key', () => {
    it('responds 403 ADMIN_DISABLED, whatever is sent', async () => {
      const res = await request(appWith(undefined))
        .post('/admin')
        .set('authorization', `Bearer ${KEY}`)
        .expect(403);
      assert.equal((res.body as { error: { code: string } }).error.code, 'ADMIN_DISABLED');
    });
  });

  it('keysMatch compares whole keys', () => {
    assert.equal(keysMatch(KEY, KEY), true);
    assert.equal(keysMatch('', KEY), false);
  });
});
