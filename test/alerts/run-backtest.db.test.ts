import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS } from '../../domain/alerts/thresholds.js';
import { runBacktest } from '../../lib/alerts/run-backtest.js';
import { Alert } from '../../models/alert.model.js';
import { Report } from '../../models/report.model.js';
import { Tally } from '../../models/tally.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { writeSeries } from './alert-fixtures.js';

const ZONE = 'Europe/Kyiv';

function backtest(from: string, to: string) {
  return runBacktest({
    region: 'sumy',
    from,
    to,
    thresholds: DEFAULT_THRESHOLDS,
    zone: ZONE,
    usualSource: 'sumy-oda',
  });
}

describe('lib/alerts runBacktest', () => {
  setupTestDB('alerts-backtest');

  it('raises a spike once, on the day it was known, and counts alerts per kind without writing any', async () => {
    await writeSeries({ region: 'sumy', lastDate: '2024-03-10', lastValue: 200 });
    const result = await backtest('2024-03-01', '2024-03-12');
    const spikes = result.alerts.filter((alert) => alert.kind === 'spike');
    assert.equal(spikes.length, 1);
    assert.equal(spikes[0]?.date, '2024-03-10');
    assert.equal(spikes[0]?.raisedOn, '2024-03-10');
    assert.equal(result.counts.spike, 1);
    assert.equal(result.daysReplayed, 12);
    assert.equal(await Alert.countDocuments({}), 0);
  });

  it('uses a tally as it stood on each day: a later revision is undone', async () => {
    await writeSeries({ region: 'sumy', lastDate: '2024-03-10', lastValue: 40 });
    // Revised on 2024-04-01 from 40 to 200: on 2024-03-10 nobody knew about 200.
    await Tally.updateOne(
      { region: 'sumy', date: '2024-03-10', window: 'total' },
      {
        $set: { 'metrics.attacks.value': 200 },
        $push: {
          revisions: {
            revisedAt: new Date('2024-04-01T10:00:00Z'),
            previous: { attacks: { value: 40, qualifier: 'exact', term: 'attacks' } },
            reason: 'corrected',
          },
        },
      },
    );
    assert.equal((await backtest('2024-03-01', '2024-03-12')).counts.spike, 0);
  });

  it('reports a silent source when the summary was published after the expected time', async () => {
    await writeSeries({ region: 'sumy', lastDate: '2024-03-10', lastValue: 40 });
    // The summary for 2024-03-10 was published at 14:00 Kyiv the next day, after 11:00.
    const report = await Report.findOne({ guid: 'sumy-2024-03-10' });
    assert.ok(report);
    report.publishedAt = new Date('2024-03-11T12:00:00Z');
    await report.save();
    // Replayed up to 03-11: the series ends on 03-10, so 03-12 would rightly find 03-11 silent too.
    const result = await backtest('2024-03-05', '2024-03-11');
    const silences = result.alerts.filter((alert) => alert.kind === 'silent_source');
    assert.deepEqual(
      silences.map((alert) => [alert.date, alert.raisedOn, alert.source]),
      [['2024-03-10', '2024-03-11', 'sumy-oda']],
    );
  });
});
