import assert from 'node:assert/strict';
import { DEMO_REGIONS, defaultDemoRange, generateDemoTallies } from '../../lib/demo-data.js';
import { DEMO_NOTICE } from '../../models/tally.model.js';

describe('lib/demo-data', () => {
  const range = { from: '2025-01-01', to: '2025-03-31' };

  it('covers the eight frontline oblasts', () => {
    assert.deepEqual([...DEMO_REGIONS].sort(), [
      'chernihiv',
      'dnipropetrovsk',
      'donetsk',
      'kharkiv',
      'kherson',
      'mykolaiv',
      'sumy',
      'zaporizhzhia',
    ]);
  });

  it('produces one tally per region and day of the range', () => {
    const tallies = generateDemoTallies(range);
    assert.equal(tallies.length, 90 * 8);
    assert.equal(new Set(tallies.map((t) => `${t.region}|${t.date}|${t.window}`)).size, tallies.length);
    assert.equal(tallies[0]?.date, '2025-01-01');
    assert.equal(tallies.at(-1)?.date, '2025-03-31');
  });

  it('is deterministic: the same range gives the same documents', () => {
    assert.deepEqual(generateDemoTallies(range), generateDemoTallies(range));
  });

  it('gives a day the same figures whatever range it is generated in', () => {
    const inLongRange = generateDemoTallies(range).filter((t) => t.date === '2025-02-14');
    const alone = generateDemoTallies({ from: '2025-02-14', to: '2025-02-14' });
    assert.deepEqual(alone, inLongRange);
  });

  it('marks every document as demo with the notice', () => {
    for (const tally of generateDemoTallies(range)) {
      assert.equal(tally.demo, true);
      assert.equal(tally.notice, DEMO_NOTICE);
      assert.match(tally.notice, /SYNTHETIC DEMO DATA/);
    }
  });

  it('leaves metrics a region does not report as null, never 0', () => {
    const kharkiv = generateDemoTallies(range).filter((t) => t.region === 'kharkiv');
    assert.ok(kharkiv.every((t) => t.metrics.projectiles === null && t.metrics.explosions === null));
    assert.ok(kharkiv.every((t) => t.metrics.attacks !== null));
  });

  it('never has fewer settlements than communities', () => {
    for (const tally of generateDemoTallies(range)) {
      const { settlements, communities } = tally.metrics;
      if (settlements && communities) assert.ok(settlements.value >= communities.value);
    }
  });

  it('rejects a range that ends before it starts', () => {
    assert.throws(() => generateDemoTallies({ from: '2025-02-01', to: '2025-01-01' }), RangeError);
  });

  describe('defaultDemoRange', () => {
    it('is the 120 days up to yesterday in Kyiv', () => {
      // 23:30 UTC on 9 March is already 10 March in Kyiv, so yesterday there is 9 March.
      const r = defaultDemoRange(new Date('2026-03-09T23:30:00Z'));
      assert.deepEqual(r, { from: '2025-11-10', to: '2026-03-09' });
    });
  });
});
