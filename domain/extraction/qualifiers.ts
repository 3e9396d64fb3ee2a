/**
 * Reads the hedge in front of a number: "at least 283", "понад 60", "майже два десятки", "более 250",
 * "up to 20". Matching runs backwards from the number over at most three words.
 */
import type { Qualifier } from './types.js';
import type { Token } from './scan-text.js';

// Each entry lists the words right before the number, last word first, so matching walks backwards.
const PHRASES: ReadonlyArray<readonly [Qualifier, readonly (readonly string[])[]]> = [
  [
    'at_least',
    [
      ['least', 'at'],
      ['щонайменше'],
      ['щонайменш'],
      ['менш', 'не'],
      ['менше', 'не'],
      ['менее', 'не'],
      ['меньше', 'не'],
      ['минимум'],
      ['мінімум'],
      ['least', 'the', 'at'],
    ],
  ],
  [
    'more_than',
    [
      ['понад'],
      ['більше'],
      ['більш'],
      ['як', 'більш'],
      ['як', 'більше'],
      ['ніж', 'більше'],
      ['за', 'більше'],
      ['over'],
      ['than', 'more'],
      ['более'],
      ['больше'],
      ['свыше'],
      ['чем', 'более'],
      ['than', 'over'],
      ['exceeding'],
    ],
  ],
  [
    'almost',
    [['майже'], ['почти'], ['almost'], ['nearly'], ['ледь', 'не'], ['to', 'close'], ['under', 'just']],
  ],
  [
    'about',
    [
      ['близько'],
      ['приблизно'],
      ['орієнтовно'],
      ['около'],
      ['примерно'],
      ['порядка'],
      ['about'],
      ['around'],
      ['approximately'],
      ['some'],
      ['roughly'],
      ['біля'],
    ],
  ],
  ['up_to', [['до'], ['to', 'up'], ['до', 'аж']]],
];

export interface QualifierMatch {
  qualifier: Qualifier;
  /** Index of the first token of the hedge phrase. */
  first: number;
}

/** The hedge that ends right before token `index`, or `exact` when there is none. */
export function readQualifierBefore(tokens: readonly Token[], index: number): QualifierMatch {
  for (const [qualifier, phrases] of PHRASES) {
    for (const phrase of phrases) {
      if (matchesBackwards(tokens, index - 1, phrase)) {
        return { qualifier, first: index - phrase.length };
      }
    }
  }
  return { qualifier: 'exact', first: index };
}

function matchesBackwards(tokens: readonly Token[], from: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const token = tokens[from - k];
    if (!token || token.kind !== 'word' || token.norm !== phrase[k]) return false;
  }
  return true;
}

/** True for the hedges whose figure is only approximate (everything except exact and at_least). */
export function isApproximate(qualifier: Qualifier): boolean {
  return qualifier !== 'exact' && qualifier !== 'at_least';
}
