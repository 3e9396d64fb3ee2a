import assert from 'node:assert/strict';
import request from 'supertest';
import { Alert } from '../../models/alert.model.js';
import { AlertChannel } from '../../models/alert-channel.model.js';
import { buildApp } from '../../server/app.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { logger, makeConfig } from './alert-fixtures.js';

const ADMIN_KEY = 'an-admin-key-for-the-tests';
const AUTH = { Authorization: `Bearer ${ADMIN_KEY}` };

function makeApp(env: NodeJS.ProcessEnv = { ADMIN_API_KEY: ADMIN_KEY }) {
  return buildApp({
    logger,
    jsonBodyLimit: '100kb',
    checkReadiness: () => Promise.reject(new Error('unused')),
    config: makeConfig(env),
  });
}

function makeAlert(fields: Record<string, unknown> = {}) {
  return Alert.create({
    kind: 'spike',
    region: 'sumy',
    metric: 'attacks',
    date: '2025-04-20',
    value: 200,
    baseline: 40,
    spread: 3,
    threshold: 52,
    method: 'robust-z(28d) > 3.5',
    explanation: 'Sumy Oblast: 200 attacks on 2025-04-20.',
    ...fields,
  });
}

describe('the alerts API', () => {
  setupTestDB('alerts-routes');

  describe('GET /api/v1/alerts', () => {
    it('lists alerts in the contract shape, newest date first', async () => {
      await makeAlert();
      await makeAlert({
        date: '2025-04-21',
        region: 'kharkiv',
        kind: 'new_front',
        community: 'UA63120010000000000',
      });
      const response = await request(makeApp()).get('/api/v1/alerts').expect(200);
      const { alerts } = response.body as { alerts: Array<Record<string, unknown>> };
      assert.deepEqual(
        alerts.map((alert) => alert.date),
        ['2025-04-21', '2025-04-20'],
      );
      const spike = alerts[1];
      for (const field of [
        'id',
        'kind',
        'region',
        'community',
        'source',
        'metric',
        'date',
        'value',
        'baseline',
        'spread',
        'threshold',
        'method',
        'explanation',
        'status',
        'reports',
      ]) {
        assert.ok(spike && field in spike, `missing ${field}`);
      }
      assert.equal(spike?.status, 'open');
    });

    it('filters by date range, region, kind and status', async () => {
      await makeAlert();
      await makeAlert({ date: '2025-04-10' });
      await makeAlert({ region: 'kharkiv' });
      await makeAlert({ kind: 'sustained_rise' });
      await makeAlert({ metric: 'explosions', status: 'acknowledged' });
      const app = makeApp();
      const count = async (query: string) =>
        ((await request(app).get(`/api/v1/alerts?${query}`).expect(200)).body as { alerts: unknown[] }).alerts
          .length;
      assert.equal(await count('from=2025-04-15&to=2025-04-30'), 4);
      assert.equal(await count('region=kharkiv'), 1);
      assert.equal(await count('region=sumy,kharkiv'), 5);
      assert.equal(await count('kind=sustained_rise'), 1);
      assert.equal(await count('status=acknowledged'), 1);
      assert.equal(await count('status=open&region=sumy&kind=spike'), 2);
    });

    for (const [query, parameter] of [
      ['from=2025-13-01', 'from'],
      ['from=yesterday', 'from'],
      ['from=2025-04-20&to=2025-04-01', 'from'],
      ['region=atlantis', 'region'],
      ['kind=earthquake', 'kind'],
      ['status=closed', 'status'],
      ['limit=0', 'limit'],
      ['colour=red', 'colour'],
    ] as const) {
      it(`when ${query}, responds 400 VALIDATION_FAILED naming ${parameter}`, async () => {
        const response = await request(makeApp()).get(`/api/v1/alerts?${query}`).expect(400);
        const body = response.body as {
          error: { code: string; details: { issues: Array<{ parameter: string }> } };
        };
        assert.equal(body.error.code, 'VALIDATION_FAILED');
        assert.equal(body.error.details.issues[0]?.parameter, parameter);
      });
    }
  });

  describe('POST /api/v1/alerts/:id/ack', () => {
    it('acknowledges with the admin key', async () => {
      const alert = await makeAlert();
      const response = await request(makeApp())
        .post(`/api/v1/alerts/${String(alert._id)}/ack`)
        .set(AUTH)
        .expect(200);
      const body = response.body as { alert: { status: string; acknowledgedAt: string } };
      assert.equal(body.alert.status, 'acknowledged');
      assert.ok(body.alert.acknowledgedAt);
    });

    it('responds 401 without the key and 403 ADMIN_DISABLED when no key is configured', async () => {
      const alert = await makeAlert();
      await request(makeApp())
        .post(`/api/v1/alerts/${String(alert._id)}/ack`)
        .expect(401);
      const response = await request(makeApp({}))
        .post(`/api/v1/alerts/${String(alert._id)}/ack`)
        .set(AUTH)
        .expect(403);
      assert.equal((response.body as { error: { code: string } }).error.code, 'ADMIN_DISABLED');
      assert.equal((await Alert.findById(alert._id).lean())?.status, 'open');
    });

    it('responds 404 for an unknown or malformed id', async () => {
      await request(makeApp()).post('/api/v1/alerts/64b7f0c2a1b2c3d4e5f60718/ack').set(AUTH).expect(404);
      await request(makeApp()).post('/api/v1/alerts/not-an-id/ack').set(AUTH).expect(404);
    });
  });

  describe('POST /api/v1/alerts/:id/mute', () => {
    it('mutes for the given hours', async () => {
      const alert = await makeAlert();
      const response = await request(makeApp())
        .post(`/api/v1/alerts/${String(alert._id)}/mute`)
        .set(AUTH)
        .send({ hours: 2 })
        .expect(200);
      const body = response.body as { alert: { status: string; mutedUntil: string } };
      assert.equal(body.alert.status, 'muted');
      const hours = (Date.parse(body.alert.mutedUntil) - Date.now()) / 3_600_000;
      assert.ok(hours > 1.9 && hours <= 2, `muted for ${hours} h`);
    });

    it('responds 400 for a malformed body', async () => {
      const alert = await makeAlert();
      const response = await request(makeApp())
        .post(`/api/v1/alerts/${String(alert._id)}/mute`)
        .set(AUTH)
        .send({ until: 'tomorrow' })
        .expect(400);
      assert.equal((response.body as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
    });
  });
});

describe('the alert channels API', () => {
  setupTestDB('alert-channels-routes');

  it('creates, lists, changes and deletes a channel, never returning its secret', async () => {
    const app = makeApp();
    const created = await request(app)
      .post('/api/v1/alert-channels')
      .set(AUTH)
      .send({
        key: 'newsroom',
        url: 'https://hooks.example.org/services/T000/B000/abcdefghijklmnopqrstuvwx',
        payloadKind: 'slack',
        secret: 'sixteen-chars-or-more',
        cooldownSeconds: 900,
      })
      .expect(201);
    const channel = (created.body as { channel: Record<string, unknown> }).channel;
    assert.equal(channel.hasSecret, true);
    assert.equal('secret' in channel, false);
    assert.equal(channel.url, 'https://hooks.example.org/services/T000/B000/***');
    assert.equal((await AlertChannel.findOne({ key: 'newsroom' }).lean())?.secret, 'sixteen-chars-or-more');

    const listed = await request(app).get('/api/v1/alert-channels').set(AUTH).expect(200);
    assert.equal((listed.body as { channels: unknown[] }).channels.length, 1);

    const patched = await request(app)
      .patch('/api/v1/alert-channels/newsroom')
      .set(AUTH)
      .send({ enabled: false })
      .expect(200);
    assert.equal((patched.body as { channel: { enabled: boolean } }).channel.enabled, false);

    await request(app)
      .post('/api/v1/alert-channels')
      .set(AUTH)
      .send({ key: 'newsroom', url: 'https://a.example.org/' })
      .expect(409);
    const deliveries = await request(app)
      .get('/api/v1/alert-channels/newsroom/deliveries')
      .set(AUTH)
      .expect(200);
    assert.deepEqual((deliveries.body as { deliveries: unknown[] }).deliveries, []);
    await request(app).delete('/api/v1/alert-channels/newsroom').set(AUTH).expect(204);
    await request(app).get('/api/v1/alert-channels/newsroom').set(AUTH).expect(404);
  });

  it('refuses a private or non-http URL, and a telegram channel without a chat id', async () => {
    const app = makeApp({ ADMIN_API_KEY: ADMIN_KEY, ALLOW_PRIVATE_SOURCES: 'false' });
    const refused = await request(app)
      .post('/api/v1/alert-channels')
      .set(AUTH)
      .send({ key: 'inside', url: 'http://169.254.169.254/latest' })
      .expect(400);
    assert.equal((refused.body as { error: { code: string } }).error.code, 'OUTBOUND_REFUSED');
    await request(app)
      .post('/api/v1/alert-channels')
      .set(AUTH)
      .send({ key: 'ftp', url: 'ftp://example.org/' })
      .expect(400);
    const telegram = await request(app)
      .post('/api/v1/alert-channels')
      .set(AUTH)
      .send({ key: 'tg', url: 'https://api.telegram.org/bot123:abc/sendMessage', payloadKind: 'telegram' })
      .expect(400);
    assert.equal((telegram.body as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
    assert.equal(await AlertChannel.countDocuments({}), 0);
  });

  it('requires the admin key for every channel endpoint', async () => {
    const app = makeApp();
    await request(app).get('/api/v1/alert-channels').expect(401);
    await request(app)
      .post('/api/v1/alert-channels')
      .send({ key: 'x', url: 'https://a.example.org/' })
      .expect(401);
    assert.equal(await AlertChannel.countDocuments({}), 0);
  });
});
