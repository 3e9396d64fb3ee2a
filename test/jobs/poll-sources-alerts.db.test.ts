/**
 * The same-day path, end to end: a poll that ingests a spiking day raises its alert and delivers it within
 * the same job run, once, and a second poll of the unchanged feed adds neither an alert nor a message.
 */
import assert from 'node:assert/strict';
import { pollSources } from '../../jobs/poll-sources.job.js';
import { verifySignature } from '../../lib/alerts/webhook-signature.js';
import { AlertDelivery } from '../../models/alert-delivery.model.js';
import { Alert } from '../../models/alert.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';
import {
  SECRET,
  channelsEnv,
  logger,
  makeConfig,
  startReceiver,
  writeSeries,
} from '../alerts/alert-fixtures.js';
import type { WebhookReceiver } from '../alerts/alert-fixtures.js';
import { serveFixture, startFeedServer } from '../setup/feed-server.js';
import type { FeedServer } from '../setup/feed-server.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

const NOW = new Date('2025-11-04T07:00:00Z');

describe('jobs/poll-sources with alerting', () => {
  setupTestDB('jobs-poll-sources-alerts');
  let feeds: FeedServer;
  let receiver: WebhookReceiver;

  before(async () => {
    feeds = await startFeedServer();
  });
  after(async () => {
    await feeds.close();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('raises exactly one alert and sends exactly one delivery in the run that ingests a spike', async () => {
    receiver = await startReceiver([200]);
    // Five steady weeks of about 40 attacks a day up to the day before the spike.
    await writeSeries({ region: 'sumy', lastDate: '2025-11-02', lastValue: 40 });
    feeds.routes.set('/sumy.rss', serveFixture('sumy-oda-spike.rss'));
    await Source.create({
      key: 'sumy-oda',
      name: 'Сумська ОВА',
      region: 'sumy',
      url: `${feeds.base}/sumy.rss`,
      kind: 'rss',
      language: 'uk',
      official: true,
    });
    const config = makeConfig({
      ...channelsEnv([{ key: 'ops', url: receiver.url, secret: SECRET }]),
      FETCH_TIMEOUT_MS: '10000',
    });
    const poll = () =>
      pollSources({ config, logger, now: () => NOW, signal: new AbortController().signal, random: () => 0 });

    const summary = await poll();

    assert.equal(summary.itemsNew, 1);
    const total = await Tally.findOne({ region: 'sumy', date: '2025-11-03', window: 'total' }).lean();
    assert.equal(total?.metrics?.attacks?.value, 236);
    const alerts = await Alert.find({}).lean();
    assert.equal(alerts.length, 1, JSON.stringify(alerts.map((alert) => [alert.kind, alert.metric])));
    assert.equal(alerts[0]?.kind, 'spike');
    assert.equal(alerts[0]?.region, 'sumy');
    assert.equal(alerts[0]?.date, '2025-11-03');
    assert.equal(alerts[0]?.metric, 'attacks');
    assert.equal(alerts[0]?.value, 236);
    assert.equal(receiver.requests.length, 1);
    const [received] = receiver.requests;
    assert.ok(received);
    assert.ok(
      verifySignature(
        SECRET,
        String(received.headers['x-signature-timestamp']),
        received.body,
        String(received.headers['x-signature-256']),
      ),
    );
    const deliveries = await AlertDelivery.find({}).lean();
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0]?.status, 'delivered');

    // The feed answers 304 now: nothing new is ingested, alerted or sent.
    await Source.updateOne({ key: 'sumy-oda' }, { $set: { nextAttemptAt: null } });
    await poll();
    assert.equal(await Alert.countDocuments({}), 1);
    assert.equal(await AlertDelivery.countDocuments({}), 1);
    assert.equal(receiver.requests.length, 1);
  });
});
