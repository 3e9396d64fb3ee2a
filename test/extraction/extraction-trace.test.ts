import assert from 'node:assert/strict';
import { extractReports } from '../../domain/extraction/extract-reports.js';
import { createTrace, formatTrace } from '../../domain/extraction/extraction-trace.js';
import { REVIEW_THRESHOLD } from '../../domain/extraction/rate-confidence.js';

const MORNING = new Date('2024-05-15T06:00:00Z');

describe('the extraction trace', () => {
  const text =
    'Минулої доби ворог 14 разів обстріляв Сумщину, зафіксовано 52 вибухи.\n' +
    'Хотінська громада: 9 вибухів.\n' +
    'У березні росіяни обстріляли область 2 134 рази.';

  it('leaves the output unchanged', () => {
    const plain = extractReports({ text, publishedAt: MORNING });
    const traced = extractReports({ text, publishedAt: MORNING }, { trace: createTrace() });
    assert.deepEqual(traced, plain);
  });

  it('records each sentence with its region and roles, and every figure with why it was kept or dropped', () => {
    const trace = createTrace();
    extractReports({ text, publishedAt: MORNING }, { trace });
    assert.equal(trace.sentences[0]?.region, 'sumy');
    assert.equal(trace.sentences[0]?.window, 'past_24h');
    const reasons = trace.candidates.map((c) => `${c.metric} ${c.value} ${c.kept ? '+' : '-'} ${c.reason}`);
    assert.ok(reasons.includes('attacks 14 + picked for the oblast'), reasons.join('\n'));
    assert.ok(reasons.includes('explosions 52 + picked for the oblast'), reasons.join('\n'));
    assert.ok(
      reasons.includes("explosions 9 - one community's figure: goes to the breakdown"),
      reasons.join('\n'),
    );
    assert.ok(reasons.includes('attacks 2134 - background sentence'), reasons.join('\n'));
    assert.match(formatTrace(trace), /report sumy date=2024-05-14 window=past_24h confidence=/);
  });
});

describe('confidence', () => {
  it('rates a named region with several counts and a date above one inferred from a city name alone', () => {
    const [full] = extractReports({
      text: '14 травня ворог 14 разів обстріляв Сумщину, зафіксовано 52 вибухи.',
      publishedAt: MORNING,
    });
    const [thin] = extractReports({ text: 'У Сумах поранено двох людей.', publishedAt: MORNING });
    assert.ok(full && thin);
    assert.ok(full.confidence > thin.confidence, `${full.confidence} <= ${thin.confidence}`);
    assert.equal(full.needsReview, false);
    assert.equal(thin.needsReview, thin.confidence < REVIEW_THRESHOLD);
    assert.equal(thin.needsReview, true);
  });
});
