/**
 * Raion (district) names, which place a sentence in their oblast: "Нікопольщину", "Никопольщина",
 * "у Нікопольському районі", "Nikopol district". Administrations often name only the raion ("ворог
 * двічі обстріляв Нікопольщину"), and without this the sentence would have no region at all.
 *
 * Built once at module load from the raions of data/gazetteer/hromadas.json. The informal name is derived
 * from the raion's adjective by the Ukrainian rule (-ський -> -щина, -цький -> -ччина); Russian forms by a
 * letter-for-letter spelling of the Ukrainian stem. A spelling that comes out wrong only fails to match.
 * A name two oblasts would share, or one that already names a region, is left out.
 */
import rows from '../../data/gazetteer/hromadas.json' with { type: 'json' };
import type { RegionKey } from '../extraction/types.js';
import { normaliseWord } from './tokenise-text.js';

/** Informal raion names in every case form, Ukrainian and Russian ("Нікопольщині", "Никопольщину"). */
export const RAION_SHORT_NAMES = new Map<string, RegionKey>();
/** Raion adjectives, which need a following raion noun ("Нікопольському районі", "Никопольский район"). */
export const RAION_ADJECTIVES = new Map<string, RegionKey>();
/** English raion roots, which need a following "district" or "raion" ("Nikopol district"). */
export const RAION_ROOTS = new Map<string, RegionKey>();

export const RAION_NOUNS = new Set(
  ['район', 'району', 'районі', 'районом', 'района', 'районе', 'district', 'raion', 'rayon'].map(
    normaliseWord,
  ),
);

const UK_MASCULINE_ENDINGS = ['ий', 'ого', 'ому', 'им', 'ім'];
const RU_MASCULINE_ENDINGS = ['ий', 'ого', 'ому', 'ом', 'им'];
const UK_FEMININE_NOUN_ENDINGS = ['а', 'и', 'і', 'у', 'ою'];
const RU_FEMININE_NOUN_ENDINGS = ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою'];

/** The Russian spelling of a Ukrainian place stem, letter for letter ("Нікопольськ" -> "Никопольск"). */
function spellInRussian(ukrainian: string): string {
  return ukrainian
    .replace(/[іїІЇ]/g, (letter) => (letter === letter.toLowerCase() ? 'и' : 'И'))
    .replace(/є/g, 'е')
    .replace(/Є/g, 'Е')
    .replace(/ґ/g, 'г')
    .replace(/['’ʼ]/g, '')
    .replace(/(?<=[сц])ьк/g, 'к');
}

/** "Нікопольський" -> "Нікопольщина", "Донецький" -> "Донеччина"; null where the rule has no form. */
function informalNameOf(adjective: string): string | null {
  if (adjective.endsWith('цький')) return `${adjective.slice(0, -5)}ччина`;
  // "Криворізький" gives "Криворіжжя", "Запорізький" the city's own name: no rule, so no form.
  if (adjective.endsWith('зький')) return null;
  if (adjective.endsWith('ський')) return `${adjective.slice(0, -5)}щина`;
  return null;
}

/**
 * Adds every form to the map, remembering the forms two oblasts share so they can be dropped: such a
 * name says which raion only together with its oblast.
 */
function addForms(
  map: Map<string, RegionKey>,
  shared: Set<string>,
  forms: readonly string[],
  region: RegionKey,
): void {
  for (const form of forms) {
    const norm = normaliseWord(form);
    const known = map.get(norm);
    if (known !== undefined && known !== region) shared.add(norm);
    else map.set(norm, region);
  }
}

function buildRaionLexicon(): void {
  const raions = new Map<string, { region: RegionKey; english: string }>();
  for (const row of rows) raions.set(row.raion_uk, { region: row.oblast, english: row.raion_en });
  const shared = new Set<string>();
  for (const [name, { region, english }] of raions) {
    const adjective = name.replace(/\s+район$/u, '');
    const stem = adjective.slice(0, -2);
    addForms(
      RAION_ADJECTIVES,
      shared,
      UK_MASCULINE_ENDINGS.map((ending) => stem + ending),
      region,
    );
    addForms(
      RAION_ADJECTIVES,
      shared,
      RU_MASCULINE_ENDINGS.map((ending) => spellInRussian(stem) + ending),
      region,
    );
    const informal = informalNameOf(adjective);
    if (informal) {
      const ukrainianStem = informal.slice(0, -1);
      const russianStem = spellInRussian(ukrainianStem);
      addForms(
        RAION_SHORT_NAMES,
        shared,
        [
          ...UK_FEMININE_NOUN_ENDINGS.map((ending) => ukrainianStem + ending),
          ...RU_FEMININE_NOUN_ENDINGS.map((ending) => russianStem + ending),
        ],
        region,
      );
    }
    const root = english.replace(/\s+Raion$/u, '');
    if (!/\s/.test(root)) addForms(RAION_ROOTS, shared, [root], region);
  }
  for (const norm of shared) {
    RAION_SHORT_NAMES.delete(norm);
    RAION_ADJECTIVES.delete(norm);
    RAION_ROOTS.delete(norm);
  }
}

buildRaionLexicon();
