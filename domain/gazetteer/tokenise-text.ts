/**
 * Splits report text into word tokens with their character offsets, and normalises each token so that
 * lookups ignore case, apostrophe variants and stray Latin look-alike letters inside Cyrillic words.
 * Every gazetteer matcher works on these tokens instead of running name regexes over the text.
 */

export interface Token {
  /** The token exactly as written. */
  readonly raw: string;
  /** Lowercased, apostrophes unified, look-alike letters folded; see `normaliseWord`. */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
}

/** Normalises on first use: most words of a report are never looked up, and normalising them all is slow. */
class TextToken implements Token {
  #norm: string | undefined;

  constructor(
    readonly raw: string,
    readonly start: number,
    readonly end: number,
  ) {}

  get norm(): string {
    this.#norm ??= normaliseWord(this.raw);
    return this.#norm;
  }
}

// A word is letters/digits, optionally joined by one apostrophe or hyphen to more letters/digits
// ("Ivano-Frankivsk", "Куп’янськ", "oblast's"). The separator must be followed by a letter or digit,
// so the pattern cannot backtrack catastrophically.
const WORD_PATTERN = /[\p{L}\p{N}\p{M}]+(?:['’ʼ`‘\-‐‑–][\p{L}\p{N}\p{M}]+)*/gu;

const APOSTROPHES = /['’ʼ`‘]/g;
const HYPHENS = /[‐‑–]/g;
const NEEDS_FOLDING = /['’ʼ`‘‐‑–ё]/;
const CYRILLIC = /[\u0400-\u04ff]/;
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

// Report texts repeat the same words; remembering recent results halves the cost of a long text.
const NORMALISED = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Lowercases a word and folds the spelling noise that does not change which name it is. */
export function normaliseWord(word: string): string {
  let norm = NORMALISED.get(word);
  if (norm === undefined) {
    norm = computeNormalisedWord(word);
    if (NORMALISED.size >= CACHE_LIMIT) NORMALISED.clear();
    NORMALISED.set(word, norm);
  }
  return norm;
}

function computeNormalisedWord(word: string): string {
  let norm = word.toLowerCase();
  if (NEEDS_FOLDING.test(norm))
    norm = norm.replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(/ё/g, 'е');
  if (LATIN.test(norm) && CYRILLIC.test(norm)) {
    norm = norm.replace(/[a-z]/g, (letter) => LATIN_TO_CYRILLIC[letter] ?? letter);
  }
  return norm;
}

/** Splits text into word tokens. Linear in the text length. */
export function tokeniseText(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const raw = match[0];
    tokens.push(new TextToken(raw, match.index, match.index + raw.length));
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

const UPPER_CASE_START = /^\p{Lu}/u;

/** True when the first letter is upper case (proper names; "Суми" the city, not a common word). */
export function startsUpperCase(word: string): boolean {
  const code = word.charCodeAt(0);
  // Fast paths for Latin and Cyrillic capitals (А-Я, Ѐ-Џ with Є, І, Ї, and Ґ); other scripts ask Unicode.
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x400 && code <= 0x42f) || code === 0x490) return true;
  if (code < 0x80 || (code >= 0x430 && code <= 0x45f)) return false;
  return UPPER_CASE_START.test(word);
}

/** Builds a token for a word found elsewhere (a cursor, a split of a hyphenated token). */
export function makeToken(raw: string, start: number): Token {
  return new TextToken(raw, start, start + raw.length);
}
