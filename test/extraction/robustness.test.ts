/**
 * Property-based robustness: the extractor is fed untrusted scraped text, so no string may make it throw,
 * and its regular expressions must stay linear: the cost of 8x the text stays far below the 64x of
 * quadratic growth.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractReports, MAX_TEXT_LENGTH } from '../../domain/extraction/extract-reports.js';
import { scanText } from '../../domain/extraction/scan-text.js';
import { readCountPhrases } from '../../domain/extraction/read-count-phrases.js';
import { describeGrowth, GROWTH_HANG_GUARD_MS, measureGrowth, repeatToLength } from '../setup/growth.js';

const PUBLISHED = new Date('2024-05-14T18:00:00Z');

// Fragments that real reports are made of, so that random concatenations reach the deep code paths.
const FRAGMENTS = [
  'Протягом дня росіяни здійснили ',
  '47 обстрілів ',
  'по 21 населеному пункту ',
  'Сумської області. ',
  'Зафіксовано 183 вибухи. ',
  'Краснопільська громада: ',
  '(25 вибухів), ',
  'понад ',
  'майже два десятки разів ',
  'поранено жінку. ',
  'Постраждалих немає. ',
  'за минулу добу ',
  'станом на 06.00 23 вересня 2023 ',
  'Russian forces struck 13 communities in Sumy Oblast in 54 separate attacks ',
  'At least 283 explosions were reported. ',
  'injuring 1. ',
  'No casualties. ',
  'on Oct. 28, ',
  'the day before ',
  'випустивши 313 снарядів з мінометів, артилерії ',
  'двічі ',
  'тричі ',
  '"',
  '\n',
  '🙏91😢45 ',
  '1 234 ',
  '63-річний ',
  '��зрывов ',
  '—',
  '.',
  ',',
];

// Inputs built to make a careless regular expression or a nested scan backtrack.
const ADVERSARIAL = [
  'понад '.repeat(200),
  '1 '.repeat(2000),
  'громади громади громада: '.repeat(300),
  FRAGMENTS.join('').repeat(20),
  'a'.repeat(10000),
  '((((""""'.repeat(1000),
  'За минулу добу '.repeat(500),
].join(' ');

describe('extractReports robustness', () => {
  it('never throws on arbitrary strings and titles', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.option(fc.string({ maxLength: 80 })),
        (text, title) => {
          const reports = extractReports({ text, title, publishedAt: PUBLISHED });
          assert.ok(Array.isArray(reports));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on shuffled report fragments, and every evidence span lies inside its text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        for (const report of extractReports({ text, publishedAt: PUBLISHED })) {
          for (const metric of Object.values(report.metrics)) {
            if (!metric) continue;
            assert.ok(metric.evidence.start >= 0 && metric.evidence.end <= text.length);
            assert.ok(metric.evidence.start <= metric.evidence.end);
            assert.ok(Number.isFinite(metric.value) && metric.value >= 0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on an invalid publication date', () => {
    const reports = extractReports({
      text: 'Протягом дня росіяни здійснили 4 обстріли Сумщини.',
      publishedAt: new Date('x'),
    });
    assert.ok(Array.isArray(reports));
  });

  it('reads a 1 MB adversarial input without throwing, looking only at the capped prefix', () => {
    const text = repeatToLength(ADVERSARIAL, 1_000_000);
    const reports = extractReports({ text, publishedAt: PUBLISHED });
    assert.ok(Array.isArray(reports));
    // Past the cap nothing is read: the result is the same as for the prefix alone.
    assert.deepEqual(
      reports,
      extractReports({ text: text.slice(0, MAX_TEXT_LENGTH), publishedAt: PUBLISHED }),
    );
  });

  it('grows linearly on adversarial input up to the cap (8x the text, well under 24x the time)', function () {
    // A hang guard, not a speed limit: the timed runs take a few seconds on a quiet machine.
    this.timeout(GROWTH_HANG_GUARD_MS);
    const small = repeatToLength(ADVERSARIAL, MAX_TEXT_LENGTH / 8);
    const large = repeatToLength(ADVERSARIAL, MAX_TEXT_LENGTH);
    const growth = measureGrowth(
      (text: string) => extractReports({ text, publishedAt: PUBLISHED }),
      small,
      large,
    );
    assert.ok(growth.ratio < 24, describeGrowth(growth, 8));
  });

  it('tokenises and reads count phrases over a whole megabyte (past the extractor cap) in linear time', function () {
    // A hang guard, not a speed limit: the timed runs take a few seconds on a quiet machine.
    this.timeout(GROWTH_HANG_GUARD_MS);
    const unit = FRAGMENTS.join('') + 'понад '.repeat(50) + '1 '.repeat(50);
    const large = repeatToLength(unit, 1_000_000);
    const small = large.slice(0, large.length / 8);
    assert.ok(large.length > MAX_TEXT_LENGTH);
    const readPhrases = (text: string) => {
      const tokens = scanText(text);
      return readCountPhrases(tokens, 0, tokens.length);
    };
    assert.ok(readPhrases(small).length > 0);
    const growth = measureGrowth(readPhrases, small, large);
    assert.ok(growth.ratio < 24, describeGrowth(growth, 8));
  });
});
