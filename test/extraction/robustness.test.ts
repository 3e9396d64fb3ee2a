/**
 * Property-based robustness: the extractor is fed untrusted scraped text, so no string may make it throw,
 * and its regular expressions must stay linear (a megabyte finishes well within 100 ms).
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { extractReports, MAX_TEXT_LENGTH } from '../../domain/extraction/extract-reports.js';
import { scanText } from '../../domain/extraction/scan-text.js';
import { readCountPhrases } from '../../domain/extraction/read-count-phrases.js';

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

  it('finishes a 1 MB adversarial input in under 100 ms', () => {
    const adversarial = [
      'понад '.repeat(2000),
      '1 '.repeat(20000),
      'громади громади громада: '.repeat(3000),
      FRAGMENTS.join('').repeat(200),
      'a'.repeat(100000),
      '((((""""'.repeat(10000),
      'За минулу добу '.repeat(5000),
    ].join(' ');
    let text = adversarial;
    while (text.length < 1_000_000) text += adversarial;
    text = text.slice(0, 1_000_000);
    extractReports({ text: text.slice(0, 10000), publishedAt: PUBLISHED });
    const start = performance.now();
    extractReports({ text, publishedAt: PUBLISHED });
    const elapsed = performance.now() - start;
    assert.ok(elapsed < 100, `took ${elapsed.toFixed(1)} ms`);
  });

  it('tokenises and reads count phrases over a whole megabyte (past the extractor cap) in linear time', () => {
    const unit = FRAGMENTS.join('') + 'понад '.repeat(50) + '1 '.repeat(50);
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);
    assert.ok(text.length > MAX_TEXT_LENGTH);
    const start = performance.now();
    const tokens = scanText(text);
    const phrases = readCountPhrases(tokens, 0, tokens.length);
    const elapsed = performance.now() - start;
    assert.ok(phrases.length > 0);
    assert.ok(elapsed < 400, `took ${elapsed.toFixed(1)} ms`);
  });
});
