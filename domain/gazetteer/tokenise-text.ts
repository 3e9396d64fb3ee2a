/**
 * Splits report text into word tokens with their character offsets, and normalises each token so that
 * lookups ignore case, apostrophe variants and stray Latin look-alike letters inside Cyrillic words.
 * Every gazetteer matcher works on these tokens instead of running name regexes over the text.
 */

export interface Token {
  /** The token exactly as written. */
  raw: string;
  /** Lowercased, apostrophes unified, look-alike letters folded; see `normaliseWord`. */
  norm: string;
  start: number;
  end: number;
}

// A word is letters/digits, optionally joined by one apostrophe or hyphen to more letters/digits
// ("Ivano-Frankivsk", "Куп’янськ", "oblast's"). The separator must be followed by a letter or digit,
// so the pattern cannot backtrack catastrophically.
const WORD_PATTERN = /[\p{L}\p{N}\p{M}]+(?:['’ʼ`‘\-‐‑–][\p{L}\p{N}\p{M}]+)*/gu;

const APOSTROPHES = /['’ʼ`‘]/g;
const HYPHENS = /[‐‑–]/g;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /[a-z]/;

// Latin letters that scraped Ukrainian text sometimes carries in place of their Cyrillic twins.
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  h: 'н',
  b: 'в',
};

/** Lowercases a word and folds the spelling noise that does not change which name it is. */
export function normaliseWord(word: string): string {
  let norm = word.toLowerCase().replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(/ё/g, 'е');
  if (CYRILLIC.test(norm) && LATIN.test(norm)) {
    norm = norm.replace(/[a-z]/g, (letter) => LATIN_TO_CYRILLIC[letter] ?? letter);
  }
  return norm;
}

/** Splits text into word tokens. Linear in the text length. */
export function tokeniseText(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const raw = match[0];
    const start = match.index;
    tokens.push({ raw, norm: normaliseWord(raw), start, end: start + raw.length });
  }
  return tokens;
}

/** True when the characters between two tokens are only blanks (no punctuation, no line break). */
export function isBlankGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x20 && ch !== 0xa0 && ch !== 0x09) return false;
  }
  return true;
}

/** True when the first letter is upper case (proper names; "Суми" the city, not a common word). */
export function startsUpperCase(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}
