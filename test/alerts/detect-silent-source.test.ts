import assert from 'node:assert/strict';
import { addDays, listDates } from '../../domain/alerts/calendar.js';
import { detectSilentSource } from '../../domain/alerts/detect-silent-source.js';
import { DEFAULT_THRESHOLDS } from '../../domain/alerts/thresholds.js';
import { createRandom, printScore, scoreEvents } from './synthetic-series.js';

const START = '2024-01-01';
const DATES = listDates(START, addDays(START, 299));

function check(datesWithTally: Set<string>, today: string, timeNow = '12:00') {
  return detectSilentSource(
    { region: 'sumy', today, timeNow, datesWithTally, usualSource: 'sumy-oda' },
    DEFAULT_THRESHOLDS,
  );
}

describe('domain/alerts detectSilentSource', () => {
  it('finds injected silences of regular reporters with high precision and recall', () => {
    let injected = 0;
    let found = 0;
    let truePositives = 0;
    for (let seed = 0; seed < 10; seed++) {
      const random = createRandom(8000 + seed);
      // A reporter that misses one day in a hundred by chance, besides the injected silences.
      const present = new Set(DATES.filter(() => random() < 0.99));
      const chanceGaps = new Set(DATES.filter((date) => !present.has(date)));
      const silences = new Set<string>();
      for (let i = 40 + Math.floor(random() * 10); i < DATES.length; i += 30 + Math.floor(random() * 10)) {
        const date = DATES[i];
        if (date && present.delete(date)) silences.add(date);
      }
      for (const today of DATES.slice(35).map((date) => addDays(date, 1))) {
        const alert = check(present, today);
        if (!alert) continue;
        found++;
        if (silences.has(alert.date)) truePositives++;
        // A chance gap is a real silence too, so neither a hit nor a false alarm.
        else if (chanceGaps.has(alert.date)) found--;
      }
      injected += silences.size;
    }
    const score = scoreEvents(found, truePositives, injected);
    printScore('silent sources', score, `${truePositives} of ${injected} injected, ${found} alerts`);
    assert.equal(score.recall, 1);
    assert.equal(score.precision, 1);
  });

  it('waits until the configured Kyiv time', () => {
    const present = new Set(DATES.slice(0, 60));
    const today = addDays(DATES[60] ?? START, 1);
    assert.equal(check(present, today, '10:59'), null);
    const alert = check(present, today, '11:00');
    assert.equal(alert?.kind, 'silent_source');
    assert.equal(alert?.date, DATES[60]);
    assert.equal(alert?.source, 'sumy-oda');
    assert.match(alert?.explanation ?? '', /no summary for .* by 11:00 Kyiv time/);
  });

  it('never fires for a region that reports only now and then', () => {
    const random = createRandom(9);
    const present = new Set(DATES.filter(() => random() < 0.5));
    const alerts = DATES.slice(35).filter((date) => check(present, addDays(date, 1)) !== null);
    assert.deepEqual(alerts, []);
  });

  it('is quiet once yesterday has a tally', () => {
    const present = new Set(DATES.slice(0, 61));
    assert.equal(check(present, addDays(DATES[60] ?? START, 1)), null);
  });
});
