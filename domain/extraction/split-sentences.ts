/**
 * Groups the token stream into sentences. A full stop ends a sentence unless it follows a lowercase
 * abbreviation ("с.", "м.", "смт.", "н.п.") or an English month abbreviation ("Oct. 28"); line breaks,
 * bullets, "!" and "?" always end one.
 */
import type { Token } from './scan-text.js';

export interface Sentence {
  /** Index of the first token. */
  first: number;
  /** Index one past the last token. */
  end: number;
  /** Character offsets of the sentence in the text. */
  start: number;
  stop: number;
}

const MONTH_ABBREVIATIONS = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'st',
  'mr',
  'vs',
]);

/** Short nouns that end a sentence after a number ("9 мин.", "4 міни" is not short). */
const COUNTED_SHORT_NOUNS = new Set(['мин', 'мін']);

export function splitSentences(text: string, tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || !endsSentence(text, tokens, i)) continue;
    if (i >= first) pushSentence(sentences, tokens, first, i + 1);
    first = i + 1;
  }
  if (first < tokens.length) pushSentence(sentences, tokens, first, tokens.length);
  return sentences;
}

function pushSentence(sentences: Sentence[], tokens: readonly Token[], first: number, end: number): void {
  const head = tokens[first];
  const tail = tokens[end - 1];
  if (!head || !tail) return;
  sentences.push({ first, end, start: head.start, stop: tail.end });
}

function endsSentence(text: string, tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token || token.kind !== 'punct') return false;
  if (
    token.norm === '\n' ||
    token.norm === '!' ||
    token.norm === '?' ||
    token.norm === '•' ||
    token.norm === '▪'
  ) {
    return true;
  }
  if (token.norm !== '.') return false;
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  if (!next) return true;
  if (previous && previous.kind === 'word' && previous.end === token.start) {
    const raw = text.slice(previous.start, previous.end);
    const isLowerAbbreviation =
      raw.length <= 3 && raw === raw.toLowerCase() && /^\p{Script=Cyrillic}+$/u.test(raw);
    // "разорвались 9 мин. На ...": a counted noun after a number, not an abbreviation before a name.
    const countedNoun = tokens[index - 2]?.kind === 'number' && COUNTED_SHORT_NOUNS.has(previous.norm);
    if ((isLowerAbbreviation && !countedNoun) || MONTH_ABBREVIATIONS.has(previous.norm)) return false;
  }
  // "24.02.22" style dates are single tokens; a full stop before a lowercase word is an abbreviation.
  const nextChar = text.charAt(next.start);
  return !(
    next.kind === 'word' &&
    nextChar === nextChar.toLowerCase() &&
    nextChar !== nextChar.toUpperCase()
  );
}
