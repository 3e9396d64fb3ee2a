/**
 * Splits a report into a flat token stream (words, numbers and punctuation) with character offsets into the
 * original text. Every later stage matches phrasings over this stream instead of running large regexes over
 * the raw text, which keeps the extractor linear in the input length.
 */

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Lowercased, apostrophes and hyphens unified, `ё` folded to `е`. */
  norm: string;
  start: number;
  end: number;
  /** Written with a capital first letter in the original text (names of places and people). */
  capitalised?: boolean;
  /** For numbers: the numeric value. */
  value?: number;
  /**
   * For numbers that cannot be a count: clock times and dates ("9:23", "06.00"), decimals, compounds
   * ("63-річний", "120-mm", "Х-22") and years. They stay in the stream so that phrases do not jump over them.
   */
  notCount?: boolean;
}

// One alternative per token kind, each a single linear pass:
// - digits grouped by thin/normal spaces or commas into thousands ("122 883", "4,000"), then plain digits
//   with an optional decimal, time or date tail;
// - words made of letters joined by single apostrophes or hyphens;
// - single punctuation characters that matter for phrase boundaries.
const TOKEN_PATTERN =
  /(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,:])|\d{1,3}(?:,\d{3})+(?![\d.,:])|\d+(?:[.,:]\d+)*)|([\p{L}\p{M}]+(?:['-][\p{L}\p{M}]+)*)|([.!?;:,()«»"“”„\-–—\n•▪*[\]/+])/gu;

/** Lowercases and folds apostrophes, hyphens and "ё", keeping every character at its offset. */
export function normaliseText(text: string): string {
  let lower = text.toLowerCase();
  // A few characters ("İ") lowercase to two; fall back to a per-character pass to keep offsets aligned.
  if (lower.length !== text.length) lower = lowerCharByChar(text);
  return lower.replace(FOLDED_CHARACTERS, (ch) => FOLDS[ch] ?? ch);
}

const FOLDED_CHARACTERS = /[’ʼ`‘′‐‑ё]/g;
const FOLDS: Readonly<Record<string, string>> = {
  '’': "'",
  ʼ: "'",
  '`': "'",
  '‘': "'",
  '′': "'",
  '‐': '-',
  '‑': '-',
  ё: 'е',
};

function lowerCharByChar(text: string): string {
  const parts: string[] = [];
  for (const ch of text) {
    const lower = ch.toLowerCase();
    parts.push(lower.length === ch.length ? lower : ch);
  }
  return parts.join('');
}

/** Tokenises a whole text. */
export function scanText(text: string): Token[] {
  const norm = normaliseText(text);
  const tokens: Token[] = [];
  for (const match of norm.matchAll(TOKEN_PATTERN)) {
    const start = match.index;
    const raw = match[0];
    const end = start + raw.length;
    if (match[1] !== undefined) {
      tokens.push(readNumberToken(norm, raw, start, end));
    } else if (match[2] !== undefined) {
      const first = text.charAt(start);
      const token: Token = { kind: 'word', norm: raw, start, end };
      if (first !== raw.charAt(0)) token.capitalised = true;
      tokens.push(token);
    } else {
      tokens.push({ kind: 'punct', norm: raw, start, end });
    }
  }
  return tokens;
}

function readNumberToken(norm: string, raw: string, start: number, end: number): Token {
  const token: Token = { kind: 'number', norm: raw, start, end };
  const before = norm.charAt(start - 1);
  const after = norm.charAt(end);
  const afterNext = norm.charAt(end + 1);
  if (/^\d{1,3}(?:,\d{3})+$/.test(raw) || /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$/.test(raw)) {
    token.value = Number(raw.replace(/[^\d]/g, ''));
  } else if (/[.:]/.test(raw) || raw.includes(',')) {
    token.value = Number(raw.replace(',', '.'));
    token.notCount = true;
  } else {
    token.value = Number(raw);
  }
  // "63-річний", "120-mm", "5-кілометрову", "Х-22", "Герань-2", "24hrs", "3,5-річну".
  if ((after === '-' && /\p{L}/u.test(afterNext)) || /\p{L}/u.test(after)) token.notCount = true;
  if (before === '-' && /\p{L}/u.test(norm.charAt(start - 2))) token.notCount = true;
  if (/\p{L}/u.test(before)) token.notCount = true;
  return token;
}

/** True for punctuation that ends a clause ("." "!" "?" ";" and line breaks). */
export function isClauseEnd(token: Token): boolean {
  return token.kind === 'punct' && /^[.!?;\n•▪]$/.test(token.norm);
}

/** True for quote and bracket characters that phrase matchers may step over. */
export function isTransparentPunct(token: Token): boolean {
  return token.kind === 'punct' && /^["«»“”„()[\]*]$/.test(token.norm);
}
