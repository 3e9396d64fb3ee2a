import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findCommunityMentions } from '../../domain/gazetteer/find-community-mentions.js';
import { findRegionMentions } from '../../domain/gazetteer/find-region-mentions.js';
import { matchCommunity } from '../../domain/gazetteer/match-community.js';

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

  it('scan 1 MB of report-like text in well under a second', () => {
    const paragraph =
      'Протягом доби росіяни здійснили 66 обстрілів прикордонних територій Сумської області. Обстрілів зазнали ' +
      'Хотінська, Юнаківська, Білопільська та Краснопільська громади. Russian forces struck the Sumy Oblast, ' +
      'the Bilopillia hromada and Krasnopillia, firing 15 times. Оккупанты обстреляли Харьковщину. ';
    const text = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length)).slice(0, 1_000_000);
    const started = performance.now();
    const regions = findRegionMentions(text);
    const communities = findCommunityMentions(text, 'sumy');
    const elapsed = performance.now() - started;
    assert.ok(regions.length > 1000 && communities.length > 1000);
    // Measured at about 100 ms on one shared core; the bound leaves room for a busy machine.
    assert.ok(elapsed < 1500, `took ${elapsed.toFixed(0)} ms`);
  });

  it('stay linear on one long list of names with no noun', () => {
    const text = 'Білопільська, '.repeat(50_000);
    const started = performance.now();
    findCommunityMentions(text, 'sumy');
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1500, `took ${elapsed.toFixed(0)} ms`);
  });
});
