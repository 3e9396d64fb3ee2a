import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findCommunityMentions } from '../../domain/gazetteer/find-community-mentions.js';
import { findRegionMentions } from '../../domain/gazetteer/find-region-mentions.js';
import { matchCommunity } from '../../domain/gazetteer/match-community.js';
import { describeGrowth, GROWTH_HANG_GUARD_MS, measureGrowth, repeatToLength } from '../setup/growth.js';

const PIECES = [
  'Сумщини',
  'Сумській',
  'області',
  'громади',
  'Білопільська',
  ', ',
  ' та ',
  'Sumy',
  ' Oblast',
  ' community',
  'Kyiv',
  '-',
  '’',
  ' ',
  '\n',
  'ХОВА',
  'Belopolskaya',
  ' and ',
  ':',
  'Нове',
];

function assertSpans(text: string, spans: ReadonlyArray<{ start: number; end: number }>): void {
  let previous = -1;
  for (const span of spans) {
    assert.ok(span.start >= 0 && span.end <= text.length && span.start < span.end);
    assert.ok(span.start >= previous, 'mentions come in text order');
    previous = span.start;
  }
}

describe('gazetteer matchers on arbitrary input', () => {
  it('never throw on random strings and return spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        assertSpans(text, findRegionMentions(text));
        assertSpans(text, findCommunityMentions(text, 'sumy'));
        matchCommunity(text, 'sumy');
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on adversarial mixes of names, nouns and separators', () => {
    const adversarial = fc
      .array(fc.constantFrom(...PIECES), { maxLength: 80 })
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(adversarial, (text) => {
        assertSpans(text, findRegionMentions(text));
        assertSpans(text, findCommunityMentions(text, null));
      }),
      { numRuns: 300 },
    );
  });

  it('scan 1 MB of report-like text in linear time', function () {
    // A hang guard, not a speed limit: the timed runs take a few seconds on a quiet machine.
    this.timeout(GROWTH_HANG_GUARD_MS);
    const paragraph =
      'Протягом доби росіяни здійснили 66 обстрілів прикордонних територій Сумської області. Обстрілів зазнали ' +
      'Хотінська, Юнаківська, Білопільська та Краснопільська громади. Russian forces struck the Sumy Oblast, ' +
      'the Bilopillia hromada and Krasnopillia, firing 15 times. Оккупанты обстреляли Харьковщину. ';
    const large = repeatToLength(paragraph, 1_000_000);
    const small = large.slice(0, large.length / 8);
    assert.ok(findRegionMentions(large).length > 1000 && findCommunityMentions(large, 'sumy').length > 1000);
    const scan = (text: string) => [findRegionMentions(text), findCommunityMentions(text, 'sumy')];
    const growth = measureGrowth(scan, small, large);
    assert.ok(growth.ratio < 24, describeGrowth(growth, 8));
  });

  it('stay linear on one long list of names with no noun', function () {
    // A hang guard, not a speed limit: the timed runs take a few seconds on a quiet machine.
    this.timeout(GROWTH_HANG_GUARD_MS);
    const growth = measureGrowth(
      (text: string) => findCommunityMentions(text, 'sumy'),
      'Білопільська, '.repeat(6_250),
      'Білопільська, '.repeat(50_000),
    );
    assert.ok(growth.ratio < 24, describeGrowth(growth, 8));
  });
});
