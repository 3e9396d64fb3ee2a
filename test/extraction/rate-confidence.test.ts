import assert from 'node:assert/strict';
import { extractReports } from '../../domain/extraction/extract-reports.js';
import {
  REVIEW_THRESHOLD,
  needsReview,
  rateConfidence,
  type ConfidenceSignals,
} from '../../domain/extraction/rate-confidence.js';
import { EMPTY_METRICS } from '../../domain/extraction/pick-metrics.js';
import type { MetricValue } from '../../domain/extraction/types.js';

function value(n: number, qualifier: MetricValue['qualifier'] = 'exact'): MetricValue {
  return { value: n, qualifier, term: 'обстрілів', evidence: { start: 0, end: 1 } };
}

const CLEAN: ConfidenceSignals = {
  metrics: { ...EMPTY_METRICS, attacks: value(40), explosions: value(120) },
  datedExplicitly: true,
  regionNamed: true,
  roundUp: false,
  countsDisagree: false,
  countsRestated: false,
  fromWeaponShare: false,
  casualtyFigures: 0,
  victimsUncounted: false,
  casualtiesInCommunities: false,
  zeroBesideVictims: false,
  communityFigures: 0,
  sentenceCount: 4,
};

describe('report confidence', () => {
  it('rates a short, dated, named tally with agreeing figures near certainty', () => {
    assert.ok(rateConfidence(CLEAN) >= 0.95);
    assert.equal(needsReview(rateConfidence(CLEAN)), false);
  });

  it('lowers the score for each judgement call, and further for several at once', () => {
    const one = rateConfidence({ ...CLEAN, zeroBesideVictims: true });
    const two = rateConfidence({ ...CLEAN, zeroBesideVictims: true, casualtyFigures: 3 });
    const many = rateConfidence({
      ...CLEAN,
      zeroBesideVictims: true,
      casualtyFigures: 3,
      victimsUncounted: true,
      casualtiesInCommunities: true,
      sentenceCount: 20,
    });
    assert.ok(one < rateConfidence(CLEAN));
    assert.ok(two < one);
    assert.ok(many < two);
    assert.equal(needsReview(many), true);
  });

  it('counts an approximate figure, an inferred date and an unnamed region as risks', () => {
    const base = rateConfidence(CLEAN);
    assert.ok(
      rateConfidence({ ...CLEAN, metrics: { ...CLEAN.metrics, attacks: value(40, 'more_than') } }) < base,
    );
    assert.ok(rateConfidence({ ...CLEAN, datedExplicitly: false }) < base);
    assert.ok(rateConfidence({ ...CLEAN, regionNamed: false }) < base);
  });

  it('gives a report with no figure the floor score', () => {
    assert.equal(rateConfidence({ ...CLEAN, metrics: { ...EMPTY_METRICS } }), 0.05);
  });

  it('rates a plain tally above a story whose casualties compete, through the extractor', () => {
    const publishedAt = new Date('2025-03-12T07:00:00Z');
    const [plain] = extractReports({
      text: 'Протягом минулої доби росіяни 17 разів обстріляли прикордоння Сумщини, зафіксовано 48 вибухів.',
      publishedAt,
    });
    const [tangled] = extractReports({
      text:
        'Протягом минулої доби ворог 23 рази обстріляв Харківщину. ' +
        'У Куп’янську поранено двох людей. У Балаклії загинув чоловік, ще троє постраждали. ' +
        'У Лозовій без постраждалих. Є поранені в Ізюмі, їхня кількість уточнюється.',
      publishedAt,
    });
    assert.ok(plain && tangled);
    assert.ok(plain.confidence > tangled.confidence, `${plain.confidence} <= ${tangled.confidence}`);
    assert.equal(plain.needsReview, plain.confidence < REVIEW_THRESHOLD);
  });
});
