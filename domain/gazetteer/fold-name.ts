/**
 * Folds a place-name word to a key that ignores the differences that do not change which place it is:
 * Ukrainian against Russian spelling of the same letters (і/и/ы, є/е/э, the soft sign, the apostrophe) and
 * English transliteration variants (Kupiansk/Kupyansk/Kup'iansk, Bilopillia/Bilopillya, Kharkiv/Harkiv,
 * Shalyhyne/Shalygine). A second, coarser key (`skeletonOf`) keeps only the consonants of the stem, which
 * also makes Russian-derived forms such as "Belopolskaya" meet "Bilopilska".
 */
import { normaliseWord } from './tokenise-text.js';

const CYRILLIC = /[\u0400-\u04ff]/;

// Cyrillic letters that fold to another letter, or vanish (soft and hard signs, apostrophes).
const CYRILLIC_FOLDS: Readonly<Record<string, string>> = {
  і: 'и',
  ї: 'и',
  ы: 'и',
  є: 'е',
  э: 'е',
  ё: 'е',
  ґ: 'г',
  ь: '',
  ъ: '',
  "'": '',
};

// Latin digraphs, longest first, and single letters; "ia", "ie", "iu", "io" lose the i that only marks
// softness (Kup'iansk = Kupyansk = Kupansk); then doubled consonants collapse (Bilopillia = Bilopila).
const LATIN_DIGRAPHS: ReadonlyArray<[string, string]> = [
  ['shch', 's'],
  ['sch', 's'],
  ['zh', 'z'],
  ['kh', 'h'],
  ['ch', 'c'],
  ['sh', 's'],
  ['ts', 'c'],
  ['tz', 'c'],
];
const LATIN_LETTERS: Readonly<Record<string, string>> = { g: 'h', j: 'i', y: 'i', w: 'v', x: 'ks', "'": '' };

const FOLDED = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** The folded key of one word; Latin and Cyrillic words fold by their own rules. */
export function foldWord(word: string): string {
  let folded = FOLDED.get(word);
  if (folded === undefined) {
    const norm = normaliseWord(word);
    folded = CYRILLIC.test(norm) ? foldCyrillic(norm) : foldLatin(norm);
    // Report texts repeat their words; the cache is bounded so that a huge text cannot grow it forever.
    if (FOLDED.size >= CACHE_LIMIT) FOLDED.clear();
    FOLDED.set(word, folded);
  }
  return folded;
}

function foldCyrillic(norm: string): string {
  let folded = '';
  for (const letter of norm) folded += CYRILLIC_FOLDS[letter] ?? letter;
  return folded;
}

function foldLatin(norm: string): string {
  let mapped = '';
  let i = 0;
  while (i < norm.length) {
    const digraph = LATIN_DIGRAPHS.find(([from]) => norm.startsWith(from, i));
    if (digraph) {
      mapped += digraph[1];
      i += digraph[0].length;
      continue;
    }
    const letter = norm.charAt(i);
    mapped += LATIN_LETTERS[letter] ?? letter;
    i += 1;
  }
  // First drop the i that only marks softness, then collapse doubles: "skaya" -> "skaia" -> "skaa" -> "ska".
  let softened = '';
  for (let k = 0; k < mapped.length; k++) {
    const letter = mapped.charAt(k);
    const next = mapped.charAt(k + 1);
    if (letter === 'i' && next !== '' && 'aeuo'.includes(next)) continue;
    softened += letter;
  }
  // Doubled consonants collapse anywhere; a doubled i only at the end (Pervomaiskyi = Pervomaisky), since
  // inside a word it tells names apart (Andriivka is not Andrivka).
  let folded = '';
  for (const letter of softened) {
    if (letter === folded.charAt(folded.length - 1) && letter !== 'i') continue;
    folded += letter;
  }
  if (folded.endsWith('ii')) folded = folded.slice(0, -1);
  return folded;
}

const VOWELS = /[aeiouаеиоуяю]/g;

/**
 * The consonants of a folded name without its adjective or "-ka" ending: "bilopilska", "belopolskaia" and
 * "bilopila" all give "blpl"; "хотинска" and "хотенская" give "хтн". Null when too short to be distinctive.
 */
export function skeletonOf(folded: string): string | null {
  const consonants = folded.replace(/[-\s]/g, '').replace(VOWELS, '').replace(/й/g, '');
  const stem = consonants.replace(/(?:sk|ск|k|к)$/, '');
  return stem.length >= 3 ? stem : null;
}
