import assert from 'node:assert/strict';
import request from 'supertest';
import { afterIngest } from '../../jobs/after-ingest.js';
import { deliverAlerts } from '../../lib/alerts/deliver-alerts.js';
import { createWebhookGuard, createWebhookPoster } from '../../lib/alerts/post-webhook.js';
import { runDetectionPass } from '../../lib/alerts/run-detection.js';
import { verifySignature } from '../../lib/alerts/webhook-signature.js';
import type { AppConfig } from '../../lib/config.js';
import { AlertDelivery } from '../../models/alert-delivery.model.js';
import { Alert } from '../../models/alert.model.js';
import { readDataVersion } from '../../models/data-version.model.js';
import { Tally } from '../../models/tally.model.js';
import { buildApp } from '../../server/app.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import {
  SECRET,
  channelsEnv,
  logger,
  makeConfig,
  makeJobDeps,
  startReceiver,
  writeSeries,
} from './alert-fixtures.js';
import type { WebhookReceiver } from './alert-fixtures.js';

const DAY = '2025-04-20';
const NOW = new Date('2025-04-20T09:00:00Z');

function deliverAt(config: AppConfig, now: Date) {
  return deliverAlerts({ config, now, post: createWebhookPoster(createWebhookGuard(config)) });
}

function ingestSpike(config: AppConfig, clock: { now: Date }, region = 'sumy') {
  return afterIngest([{ region, date: DAY, window: 'total' }], makeJobDeps(config, clock));
}

const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe('alert delivery to a local webhook receiver', () => {
  setupTestDB('alerts-delivery');
  let receiver: WebhookReceiver;

  afterEach(async () => {
    await receiver.close();
  });

  it('delivers a spike found after an ingest with a valid signature and an idempotency key', async () => {
    receiver = await startReceiver([200]);
    const config = makeConfig(channelsEnv([{ key: 'ops', url: receiver.url, secret: SECRET }]));
    const { reportId } = await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    const versionBefore = await readDataVersion();

    const summary = await ingestSpike(config, { now: NOW });

    assert.equal(receiver.requests.length, 1);
    const [received] = receiver.requests;
    assert.ok(received);
    const timestamp = String(received.headers['x-signature-timestamp']);
    const signature = String(received.headers['x-signature-256']);
    assert.ok(verifySignature(SECRET, timestamp, received.body, signature));
    assert.equal(verifySignature('another-secret-entirely', timestamp, received.body, signature), false);
    const delivery = await AlertDelivery.findOne({}).lean();
    assert.equal(received.headers['idempotency-key'], delivery?.idempotencyKey);
    const body = JSON.parse(received.body) as { alerts: Array<Record<string, unknown>>; count: number };
    assert.equal(body.count, 1);
    assert.equal(body.alerts[0]?.kind, 'spike');
    assert.equal(body.alerts[0]?.value, 200);
    assert.deepEqual(body.alerts[0]?.reports, [
      { id: reportId, url: `https://t.me/sumy_oda/20250420`, source: 'sumy-oda' },
    ]);
    assert.match(String(body.alerts[0]?.explanation), /^Sumy Oblast: 200 attacks on 2025-04-20/);
    assert.equal(delivery?.status, 'delivered');
    assert.equal(delivery?.attempts.length, 1);
    assert.equal(delivery?.attempts[0]?.statusCode, 200);
    assert.ok((await readDataVersion()) > versionBefore);
    // The same run found it and delivered it: exactly one alert and one delivery.
    assert.equal((summary.alerts as { created: number }).created, 1);
    assert.equal(await Alert.countDocuments({}), 1);
    assert.equal(await AlertDelivery.countDocuments({ status: 'delivered' }), 1);
  });

  it('keeps one alert and sends nothing more when the same ingest is processed again', async () => {
    receiver = await startReceiver([200]);
    const config = makeConfig(channelsEnv([{ key: 'ops', url: receiver.url }]));
    await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    await ingestSpike(config, { now: NOW });
    await ingestSpike(config, { now: later(NOW, 60_000) });
    assert.equal(await Alert.countDocuments({}), 1);
    assert.equal(await AlertDelivery.countDocuments({}), 1);
    assert.equal(receiver.requests.length, 1);
  });

  it('updates the alert when the tally is revised, and resolves it when the spike goes away', async () => {
    receiver = await startReceiver([200]);
    const config = makeConfig(channelsEnv([{ key: 'ops', url: receiver.url }]));
    await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    await ingestSpike(config, { now: NOW });
    await Tally.updateOne(
      { region: 'sumy', date: DAY, window: 'total' },
      { $set: { 'metrics.attacks.value': 260 } },
    );
    await ingestSpike(config, { now: later(NOW, 3_600_000) });
    const revised = await Alert.findOne({}).lean();
    assert.equal(await Alert.countDocuments({}), 1);
    assert.equal(revised?.value, 260);
    assert.equal(revised?.revision, 1);
    assert.equal(revised?.revisions[0]?.value, 200);

    await Tally.updateOne(
      { region: 'sumy', date: DAY, window: 'total' },
      { $set: { 'metrics.attacks.value': 41 } },
    );
    await ingestSpike(config, { now: later(NOW, 7_200_000) });
    const resolved = await Alert.findOne({}).lean();
    assert.equal(resolved?.status, 'resolved');
    assert.equal(resolved?.revision, 2);
    assert.equal(receiver.requests.length, 1);
  });

  it('retries a receiver that fails twice: three attempts recorded, one delivery', async () => {
    receiver = await startReceiver([500, 503, 200]);
    const config = makeConfig(channelsEnv([{ key: 'ops', url: receiver.url }]));
    await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    await ingestSpike(config, { now: NOW });
    // Before the first backoff (1 s) is over, nothing is due.
    assert.equal((await deliverAt(config, later(NOW, 500))).retrying, 0);
    await deliverAt(config, later(NOW, 1_001));
    const third = await deliverAt(config, later(NOW, 1_001 + 2_001));
    assert.equal(third.delivered, 1);

    const deliveries = await AlertDelivery.find({}).lean();
    assert.equal(deliveries.length, 1);
    const [delivery] = deliveries;
    assert.equal(delivery?.status, 'delivered');
    assert.deepEqual(
      delivery?.attempts.map((attempt) => attempt.statusCode),
      [500, 503, 200],
    );
    assert.equal(receiver.requests.length, 3);
    const keys = new Set(receiver.requests.map((received) => received.headers['idempotency-key']));
    assert.equal(keys.size, 1);
  });

  it('backs off exponentially from an always failing receiver, gives up, and shows it in the API', async () => {
    receiver = await startReceiver([500]);
    const config = makeConfig({
      ...channelsEnv([{ key: 'ops', url: receiver.url }]),
      ALERT_DELIVERY_MAX_ATTEMPTS: '4',
    });
    await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    await ingestSpike(config, { now: NOW });
    let now = NOW;
    for (let pass = 0; pass < 10; pass++) {
      const delivery = await AlertDelivery.findOne({}).lean();
      if (!delivery?.nextAttemptAt) break;
      now = delivery.nextAttemptAt;
      await deliverAt(config, now);
    }
    const delivery = await AlertDelivery.findOne({}).lean();
    assert.equal(delivery?.status, 'given_up');
    assert.equal(delivery?.attempts.length, 4);
    assert.equal(delivery?.nextAttemptAt, null);
    const gaps = (delivery?.attempts ?? [])
      .slice(1)
      .map((attempt, i) => attempt.at.getTime() - (delivery?.attempts[i]?.at.getTime() ?? 0));
    assert.deepEqual(gaps, [1_000, 2_000, 4_000]);
    assert.equal(receiver.requests.length, 4);

    const app = buildApp({
      logger,
      jsonBodyLimit: '100kb',
      checkReadiness: () => Promise.reject(new Error('unused')),
      config,
    });
    const response = await request(app).get('/api/v1/alerts?region=sumy').expect(200);
    const [alert] = (response.body as { alerts: Array<{ deliveries: Array<Record<string, unknown>> }> })
      .alerts;
    assert.equal(alert?.deliveries[0]?.status, 'given_up');
    assert.equal(alert?.deliveries[0]?.attempts, 4);
    assert.equal(alert?.deliveries[0]?.lastStatusCode, 500);
  });

  it('holds alerts during a channel cooldown and then sends them together in one message', async () => {
    receiver = await startReceiver([200]);
    const config = makeConfig(channelsEnv([{ key: 'ops', url: receiver.url, cooldownSeconds: 600 }]));
    await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    await ingestSpike(config, { now: NOW });
    assert.equal(receiver.requests.length, 1);

    await writeSeries({ region: 'kharkiv', lastDate: DAY, lastValue: 300 });
    await writeSeries({ region: 'kherson', lastDate: DAY, lastValue: 250, metric: 'explosions' });
    const held = await afterIngest(
      [
        { region: 'kharkiv', date: DAY, window: 'total' },
        { region: 'kherson', date: DAY, window: 'total' },
      ],
      makeJobDeps(config, { now: later(NOW, 60_000) }),
    );
    assert.equal((held.alerts as { delivery: { held: number } }).delivery.held, 1);
    assert.equal(receiver.requests.length, 1);

    const summary = await deliverAt(config, later(NOW, 601_000));
    assert.equal(summary.queued, 1);
    assert.equal(receiver.requests.length, 2);
    const grouped = JSON.parse(receiver.requests[1]?.body ?? '{}') as {
      count: number;
      alerts: Array<{ region: string }>;
    };
    assert.equal(grouped.count, 2);
    assert.deepEqual(grouped.alerts.map((alert) => alert.region).sort(), ['kharkiv', 'kherson']);
  });

  it('groups the alerts of one run into one message per channel, in each channel’s payload', async () => {
    receiver = await startReceiver([200]);
    const config = makeConfig(
      channelsEnv([
        { key: 'generic', url: receiver.url },
        { key: 'slack', url: `${receiver.url}/slack`, payloadKind: 'slack' },
        {
          key: 'telegram',
          url: `${receiver.url}/bot123:abc/sendMessage`,
          payloadKind: 'telegram',
          telegramChatId: '@alerts',
        },
      ]),
    );
    await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    await writeSeries({ region: 'kharkiv', lastDate: DAY, lastValue: 300 });
    await afterIngest(
      [
        { region: 'sumy', date: DAY, window: 'total' },
        { region: 'kharkiv', date: DAY, window: 'total' },
      ],
      makeJobDeps(config, { now: NOW }),
    );
    assert.equal(receiver.requests.length, 3);
    const bodies = receiver.requests.map((received) => JSON.parse(received.body) as Record<string, unknown>);
    const generic = bodies.find((body) => body.type === 'alerts');
    const slack = bodies.find((body) => Array.isArray(body.blocks));
    const telegram = bodies.find((body) => body.chat_id !== undefined);
    assert.equal(generic?.count, 2);
    assert.match(String(slack?.text), /^2 new alerts: /);
    assert.equal((slack?.blocks as unknown[]).length, 3);
    assert.equal(telegram?.chat_id, '@alerts');
    assert.equal(telegram?.parse_mode, 'HTML');
    assert.match(String(telegram?.text), /<b>Spike<\/b>: Kharkiv Oblast: 300 attacks/);
    assert.match(String(telegram?.text), /<a href="https:\/\/t\.me\/sumy_oda\/20250420">report 1<\/a>/);
  });

  it('refuses a loopback webhook URL unless private addresses are allowed, recording the attempt', async () => {
    receiver = await startReceiver([200]);
    const config = makeConfig({
      ...channelsEnv([{ key: 'ops', url: receiver.url }]),
      ALLOW_PRIVATE_SOURCES: 'false',
      ALERT_DELIVERY_MAX_ATTEMPTS: '1',
    });
    await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    await ingestSpike(config, { now: NOW });
    assert.equal(receiver.requests.length, 0);
    const delivery = await AlertDelivery.findOne({}).lean();
    assert.equal(delivery?.status, 'given_up');
    assert.equal(delivery?.attempts[0]?.statusCode, null);
    assert.match(delivery?.attempts[0]?.error ?? '', /loopback/);
  });

  it('does not deliver an alert of a muted series', async () => {
    receiver = await startReceiver([200]);
    const config = makeConfig(channelsEnv([{ key: 'ops', url: receiver.url }]));
    await writeSeries({ region: 'sumy', lastDate: DAY, lastValue: 200 });
    await runDetectionPass({ config, now: NOW, slots: [{ region: 'sumy', date: DAY }], writer: 'test' });
    // An earlier alert of the same series, muted for a day.
    await Alert.create({
      kind: 'spike',
      region: 'sumy',
      metric: 'attacks',
      date: '2025-04-19',
      method: 'robust-z(28d) > 3.5',
      explanation: 'earlier',
      status: 'muted',
      mutedUntil: later(NOW, 86_400_000),
    });
    await deliverAt(config, NOW);
    assert.equal(receiver.requests.length, 0);
    assert.equal((await Alert.findOne({ date: DAY }).lean())?.status, 'muted');
  });
});
