/**
 * Caches a pure function of one normalised word. Reports reuse a small vocabulary, so most words are looked up
 * against the lexicon's patterns once instead of once per occurrence. The cache is bounded: it is cleared when
 * it grows past `limit`, which keeps memory flat on junk input.
 */
export function memoiseWord<T>(compute: (word: string) => T, limit = 20_000): (word: string) => T {
  const cache = new Map<string, T>();
  return (word: string): T => {
    const hit = cache.get(word);
    if (hit !== undefined || cache.has(word)) return hit as T;
    if (cache.size >= limit) cache.clear();
    const value = compute(word);
    cache.set(word, value);
    return value;
  };
}

/** A memoised "does any of these patterns match the whole word" test. */
export function memoiseAnyPattern(patterns: readonly RegExp[]): (word: string) => boolean {
  return memoiseWord((word) => patterns.some((pattern) => pattern.test(word)));
}
