/**
 * Walks a text by words without tokenising all of it. Names start with a capital letter, so the matchers
 * jump from one capitalised word to the next (the regex engine skips the lower-case text) and read the
 * few words after it on demand. This keeps a 1 MB text to a few hundred thousand regex steps and few objects.
 */
import { makeToken, type Token } from './tokenise-text.js';

// The same word shape as tokeniseText: letters/digits joined by single apostrophes or hyphens.
const CAPITALISED = /\p{Lu}[\p{L}\p{N}\p{M}]*(?:['’ʼ`‘\-‐‑–][\p{L}\p{N}\p{M}]+)*/gu;
const NEXT_WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ`‘\-‐‑–][\p{L}\p{N}\p{M}]+)*/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

export class WordCursor {
  constructor(readonly text: string) {}

  /** The next word that starts with a capital letter at or after `from` (a whole word, not a word's tail). */
  nextCapitalised(from: number): Token | null {
    let position = from;
    while (position < this.text.length) {
      CAPITALISED.lastIndex = position;
      const match = CAPITALISED.exec(this.text);
      if (!match) return null;
      const start = match.index;
      if (start > 0 && WORD_CHAR.test(this.text.charAt(start - 1))) {
        // A capital inside a word ("ДніпроОВА" is one word, found from its start): skip the word.
        position = start + match[0].length;
        continue;
      }
      return makeToken(match[0], start);
    }
    return null;
  }

  /** The first word starting at or after `from`, or null. */
  wordAfter(from: number): Token | null {
    NEXT_WORD.lastIndex = from;
    const match = NEXT_WORD.exec(this.text);
    return match ? makeToken(match[0], match.index) : null;
  }
}
