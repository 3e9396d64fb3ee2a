/**
 * Lookup structures for hromada names, built once at module load: every generated form of every name
 * (Ukrainian and Russian case forms, English names and aliases), folded (fold-name.ts) and indexed by its
 * first word, plus a per-oblast index of consonant skeletons for transliteration variants no rule produced.
 */
import type { RegionKey } from '../extraction/types.js';
import { declineAdjective, declinePlaceWord } from './decline-place-name.js';
import { foldWord, skeletonOf } from './fold-name.js';
import { listHromadas, type Hromada } from './hromadas.js';

/**
 * What kind of name a form is:
 * - `adjective`: the hromada's own adjective name ("Білопільській", "Bilopilska", "Belopolskaya");
 * - `centre`: the name of its centre or its English name ("Білопілля", "Bilopillia", "Нікополі").
 */
export type NameKind = 'adjective' | 'centre';

export interface NameForm {
  hromada: Hromada;
  kind: NameKind;
  /** Folded words after the first (empty for one-word names). */
  rest: readonly string[];
}

/** Folded first word -> every form starting with it. */
export const FORMS_BY_FIRST_WORD = new Map<string, NameForm[]>();
/** Oblast -> consonant skeleton -> hromadas, for the fuzzy fallback. */
export const SKELETONS_BY_REGION = new Map<RegionKey, Map<string, Hromada[]>>();

const TYPE_RANK: Readonly<Record<Hromada['type'], number>> = { urban: 0, settlement: 1, rural: 2 };

/** Orders equally good candidates: larger hromadas are the ones texts name more often. */
export function compareHromadas(a: Hromada, b: Hromada): number {
  return TYPE_RANK[a.type] - TYPE_RANK[b.type];
}

/** Splits a name into words on spaces and hyphens ("Середина-Буда" -> Середина, Буда). */
export function splitNameWords(name: string): string[] {
  return name.split(/[\s\-‐‑–]+/).filter((word) => word.length > 0);
}

function addForm(words: readonly string[], hromada: Hromada, kind: NameKind): void {
  const folded = words.map(foldWord);
  const [first, ...rest] = folded;
  if (!first) return;
  const list = FORMS_BY_FIRST_WORD.get(first) ?? [];
  const duplicate = list.some(
    (form) => form.hromada === hromada && form.kind === kind && form.rest.join(' ') === rest.join(' '),
  );
  if (!duplicate) list.push({ hromada, kind, rest });
  FORMS_BY_FIRST_WORD.set(first, list);
}

/** Every combination of the per-word forms (names have at most three words, so this stays small). */
function combine(perWord: readonly (readonly string[])[]): string[][] {
  return perWord.reduce<string[][]>(
    (combos, forms) => combos.flatMap((combo) => forms.map((form) => [...combo, form])),
    [[]],
  );
}

function addAdjective(name: string, hromada: Hromada): void {
  const words = splitNameWords(name);
  const last = words.at(-1);
  if (!last) return;
  for (const form of declineAdjective(last)) addForm([...words.slice(0, -1), form], hromada, 'adjective');
}

function addPlaceName(name: string, hromada: Hromada): void {
  const words = splitNameWords(name);
  // In "Велика Писарівка" both words decline; in "Середина-Буда" and "Хутір-Михайлівський" the last does.
  const perWord = words.map((word, index) => {
    const isLast = index === words.length - 1;
    const leadsAdjectivally = !isLast && /(?:а|ий|ій|е|і)$/.test(word) && !word.includes('’');
    return isLast || leadsAdjectivally ? declinePlaceWord(word, !isLast) : [word];
  });
  for (const combo of combine(perWord)) addForm(combo, hromada, 'centre');
}

function addEnglish(name: string, hromada: Hromada, kind: NameKind): void {
  addForm(splitNameWords(name), hromada, kind);
}

function addSkeleton(name: string, hromada: Hromada): void {
  const skeleton = skeletonOf(splitNameWords(name).map(foldWord).join(''));
  if (!skeleton) return;
  const byRegion = SKELETONS_BY_REGION.get(hromada.oblast) ?? new Map<string, Hromada[]>();
  const list = byRegion.get(skeleton) ?? [];
  if (!list.includes(hromada)) list.push(hromada);
  byRegion.set(skeleton, list);
  SKELETONS_BY_REGION.set(hromada.oblast, byRegion);
}

/** True for hromada adjectives ("Микільська", "Bilopilska", "Bilopilskaya") as opposed to place names. */
export function isAdjectiveName(name: string): boolean {
  return /(?:ька|ska|skaya)$/i.test(name);
}

function buildIndex(): void {
  for (const hromada of listHromadas()) {
    addAdjective(hromada.nameUk, hromada);
    addPlaceName(hromada.centreUk, hromada);
    for (const alias of hromada.aliasesUk) {
      if (isAdjectiveName(alias)) addAdjective(alias, hromada);
      else addPlaceName(alias, hromada);
    }
    for (const alias of hromada.aliasesRu) addPlaceName(alias, hromada);
    addEnglish(hromada.nameEn, hromada, 'centre');
    addEnglish(hromada.centreEn, hromada, 'centre');
    for (const alias of hromada.aliasesEn)
      addEnglish(alias, hromada, isAdjectiveName(alias) ? 'adjective' : 'centre');

    for (const name of [
      hromada.nameUk,
      hromada.centreUk,
      hromada.nameEn,
      ...hromada.aliasesEn,
      ...hromada.aliasesUk,
    ]) {
      addSkeleton(name, hromada);
    }
  }
  for (const list of FORMS_BY_FIRST_WORD.values()) list.sort((a, b) => compareHromadas(a.hromada, b.hromada));
}

buildIndex();

/** Oblast -> folded first words of every hromada's names, for the truncated-name fallback. */
export const FIRST_WORDS_BY_REGION = new Map<RegionKey, Array<{ key: string; hromada: Hromada }>>();

function buildFirstWords(): void {
  for (const hromada of listHromadas()) {
    const list = FIRST_WORDS_BY_REGION.get(hromada.oblast) ?? [];
    for (const name of [hromada.nameEn, hromada.centreEn, hromada.nameUk, hromada.centreUk]) {
      const first = splitNameWords(name)[0];
      if (first) list.push({ key: foldWord(first), hromada });
    }
    FIRST_WORDS_BY_REGION.set(hromada.oblast, list);
  }
}

buildFirstWords();

/** The longest name in words, which bounds how far a matcher reads ahead. */
export const MAX_NAME_WORDS = Math.max(
  ...[...FORMS_BY_FIRST_WORD.values()].flatMap((forms) => forms.map((form) => form.rest.length + 1)),
);
