import assert from 'node:assert/strict';
import request from 'supertest';
import { Source } from '../../models/source.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { ADMIN_KEY, buildTestApp } from './api-test-app.js';

const NEW_SOURCE = {
  key: 'kherson-oda',
  name: 'Херсонська ОВА',
  region: 'kherson',
  url: 'https://example.org/kherson.rss',
  kind: 'rss' as const,
  language: 'uk' as const,
  enabled: true,
};

type ErrorResponse = {
  error: { code: string; details?: { issues: Array<{ parameter: string; reason: string }> } };
};

describe('sources', () => {
  setupTestDB('api-sources');
  const app = buildTestApp();
  const auth = `Bearer ${ADMIN_KEY}`;

  describe('GET /api/v1/sources', () => {
    it('lists sources with their health', async () => {
      await Source.create({
        ...NEW_SOURCE,
        lastFetchedAt: new Date('2026-03-01T10:00:00Z'),
        lastSuccessAt: new Date('2026-03-01T09:00:00Z'),
        consecutiveFailures: 2,
        lastError: 'HTTP 503',
      });
      const res = await request(app).get('/api/v1/sources').expect(200);
      assert.deepEqual(res.body, {
        sources: [
          {
            key: 'kherson-oda',
            name: 'Херсонська ОВА',
            region: 'kherson',
            url: 'https://example.org/kherson.rss',
            kind: 'rss',
            language: 'uk',
            official: false,
            enabled: true,
            health: {
              lastFetchedAt: '2026-03-01T10:00:00.000Z',
              lastSuccessAt: '2026-03-01T09:00:00.000Z',
              consecutiveFailures: 2,
              lastError: 'HTTP 503',
              nextAttemptAt: null,
            },
          },
        ],
      });
    });
  });

  describe('POST /api/v1/sources', () => {
    it('with the right admin key, creates the source and answers 201', async () => {
      const res = await request(app)
        .post('/api/v1/sources')
        .set('authorization', auth)
        .send(NEW_SOURCE)
        .expect(201);
      assert.equal(res.headers['location'], '/api/v1/sources/kherson-oda');
      assert.equal((res.body as { source: { key: string } }).source.key, 'kherson-oda');
      assert.equal(await Source.countDocuments({ key: 'kherson-oda' }), 1);
    });

    it('without a key responds 401, with a wrong key 401, and writes nothing', async () => {
      await request(app).post('/api/v1/sources').send(NEW_SOURCE).expect(401);
      const wrong = await request(app)
        .post('/api/v1/sources')
        .set('authorization', 'Bearer not-the-admin-key')
        .send(NEW_SOURCE)
        .expect(401);
      assert.equal((wrong.body as ErrorResponse).error.code, 'UNAUTHORIZED');
      assert.equal(await Source.countDocuments({}), 0);
    });

    it('responds 403 ADMIN_DISABLED when no admin key is configured', async () => {
      const open = buildTestApp({ ADMIN_API_KEY: '' });
      const res = await request(open)
        .post('/api/v1/sources')
        .set('authorization', auth)
        .send(NEW_SOURCE)
        .expect(403);
      assert.equal((res.body as ErrorResponse).error.code, 'ADMIN_DISABLED');
    });

    it('responds 409 CONFLICT for a key that exists', async () => {
      await request(app).post('/api/v1/sources').set('authorization', auth).send(NEW_SOURCE).expect(201);
      const res = await request(app)
        .post('/api/v1/sources')
        .set('authorization', auth)
        .send(NEW_SOURCE)
        .expect(409);
      assert.equal((res.body as ErrorResponse).error.code, 'CONFLICT');
    });

    const invalid: Array<[string, Record<string, unknown>, string]> = [
      ['an unknown kind', { ...NEW_SOURCE, kind: 'email' }, 'kind:invalid_value'],
      ['a non-http URL', { ...NEW_SOURCE, url: 'file:///etc/passwd' }, 'url:invalid_format'],
      ['an unknown region', { ...NEW_SOURCE, region: 'atlantis' }, 'region:unknown_region'],
      ['an operator in a field', { ...NEW_SOURCE, name: { $gt: '' } }, 'name:invalid_type'],
      ['an unknown field', { ...NEW_SOURCE, etag: 'x' }, 'etag:unknown_parameter'],
      ['a missing key', { ...NEW_SOURCE, key: undefined }, 'key:required'],
    ];
    for (const [what, body, expected] of invalid) {
      it(`responds 400 VALIDATION_FAILED naming the field for ${what}`, async () => {
        const res = await request(app)
          .post('/api/v1/sources')
          .set('authorization', auth)
          .send(body)
          .expect(400);
        const error = (res.body as ErrorResponse).error;
        assert.equal(error.code, 'VALIDATION_FAILED');
        assert.deepEqual(
          error.details?.issues.map((i) => `${i.parameter}:${i.reason}`),
          [expected],
        );
      });
    }

    it('responds 413 for a body over the size limit', async () => {
      const small = buildTestApp({ JSON_BODY_LIMIT: '1kb' });
      const res = await request(small)
        .post('/api/v1/sources')
        .set('authorization', auth)
        .send({ ...NEW_SOURCE, name: 'x'.repeat(4000) })
        .expect(413);
      assert.equal((res.body as ErrorResponse).error.code, 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('PATCH /api/v1/sources/:key', () => {
    it('changes the given fields only', async () => {
      await Source.create(NEW_SOURCE);
      const res = await request(app)
        .patch('/api/v1/sources/kherson-oda')
        .set('authorization', auth)
        .send({ enabled: false })
        .expect(200);
      const source = (res.body as { source: { enabled: boolean; name: string } }).source;
      assert.equal(source.enabled, false);
      assert.equal(source.name, 'Херсонська ОВА');
    });

    it('responds 404 for an unknown source and 400 for an empty change', async () => {
      await request(app)
        .patch('/api/v1/sources/nope')
        .set('authorization', auth)
        .send({ enabled: false })
        .expect(404);
      await Source.create(NEW_SOURCE);
      await request(app).patch('/api/v1/sources/kherson-oda').set('authorization', auth).send({}).expect(400);
    });

    it('needs the admin key', async () => {
      await Source.create(NEW_SOURCE);
      await request(app).patch('/api/v1/sources/kherson-oda').send({ enabled: false }).expect(401);
      assert.equal((await Source.findOne({ key: 'kherson-oda' }).lean())?.enabled, true);
    });
  });
});
