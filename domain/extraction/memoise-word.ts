/**
 * Caches a pure function of one normalised word. Reports reuse a small vocabulary, so most words are looked up
 * against the lexicon's patterns once instead of once per occurrence. The cache is bounded: it is cleared when
 * it grows past `limit`, which keeps memory flat on junk input.
 */
const MISSING: unique symbol = Symbol('missing');

export function memoiseWord<T>(compute: (word: string) => T, limit = 20_000): (word: string) => T {
  // Most words are not in the lexicon, so most results are undefined: a sentinel stands for it, which keeps
  // every lookup to one hash probe instead of a get followed by a has.
  const cache = new Map<string, T | typeof MISSING>();
  return (word: string): T => {
    const hit = cache.get(word);
    if (hit !== undefined) return (hit === MISSING ? undefined : hit) as T;
    if (cache.size >= limit) cache.clear();
    const value = compute(word);
    cache.set(word, value === undefined ? MISSING : value);
    return value;
  };
}

/** A memoised "does any of these patterns match the whole word" test. */
export function memoiseAnyPattern(patterns: readonly RegExp[]): (word: string) => boolean {
  return memoiseWord((word) => patterns.some((pattern) => pattern.test(word)));
}
