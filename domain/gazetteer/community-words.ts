/**
 * The words around a hromada name that say what it is: the noun "громада"/"community" (and the words
 * that may stand between, "сільська", "urban"), and the nouns that make a name something else
 * ("Nikopol district", "Сумська область").
 */
import { normaliseWord } from './tokenise-text.js';

function wordSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(normaliseWord));
}

const ADJECTIVE_ENDINGS_UK = ['а', 'ої', 'ій', 'у', 'ою', 'і', 'их', 'им', 'ими'];
const ADJECTIVE_ENDINGS_RU = ['ая', 'ой', 'ую', 'ою', 'ые', 'ых', 'ым'];

function adjectiveForms(stems: readonly string[], endings: readonly string[]): string[] {
  return stems.flatMap((stem) => endings.map((ending) => stem + ending));
}

/** "громада", "community" and their forms. */
export const COMMUNITY_NOUNS = wordSet([
  'громада',
  'громади',
  'громаді',
  'громаду',
  'громадою',
  'громад',
  'громадах',
  'громадам',
  'громадами',
  // Russian-language texts decline the Ukrainian word too.
  'громаде',
  'громадой',
  'громады',
  'отг',
  'тг',
  'община',
  'общины',
  'общине',
  'общину',
  'общиной',
  'общин',
  'общинах',
  'общинам',
  'общинами',
  'community',
  'communities',
  "community's",
  'hromada',
  'hromadas',
  'hromady',
  "hromada's",
  'municipality',
  'municipalities',
]);

/** Words that may stand between a hromada name and its noun ("Новоолександрівській сільській громаді"). */
export const COMMUNITY_MODIFIERS = wordSet([
  ...adjectiveForms(['сільськ', 'міськ', 'селищн', 'територіальн', 'прикордонн'], ADJECTIVE_ENDINGS_UK),
  ...adjectiveForms(['сельск', 'городск', 'поселков', 'территориальн', 'приграничн'], ADJECTIVE_ENDINGS_RU),
  'territorial',
  'urban',
  'rural',
  'settlement',
  'city',
  'town',
  'village',
  'border',
]);

/** Nouns after a place name that make it a region or a raion, not a hromada. */
export const NON_COMMUNITY_NOUNS = wordSet([
  'область',
  'області',
  'областю',
  'обл',
  'ова',
  'ода',
  'район',
  'району',
  'районі',
  'районом',
  'райони',
  'районах',
  'области',
  'района',
  'районе',
  'oblast',
  'region',
  'regional',
  'district',
  'districts',
  'border',
  'borderland',
  'raion',
  'rayon',
  'rma',
  'ova',
  'oda',
]);

/** Conjunctions inside a list of names ("Покровську і Мирівську громади", "Konotop and Shostka communities"). */
export const LIST_CONJUNCTIONS = wordSet(['та', 'і', 'й', 'и', 'and', 'або', 'or', 'а', 'также', 'також']);

/**
 * Settlement names that are also everyday words or rivers ("Сад", "Нове", "Десна", "Мена"). Named alone,
 * they are taken for their hromada only with a "громада"/"community" noun.
 */
export const COMMON_WORD_CENTRES = wordSet([
  'сад',
  'нове',
  'мена',
  'десна',
  'веселе',
  'мирне',
  'широке',
  'високе',
  'степне',
  'солоне',
  'водяне',
  'удачне',
  'лиман',
  'комар',
  'річки',
  'береза',
  'донець',
  'крути',
  'дніпро',
  'оскіл',
  'борова',
  'лозова',
  'межова',
  'sad',
  'nove',
  'mena',
  'desna',
  'vesele',
  'myrne',
  'lyman',
  'komar',
  'donets',
  'dnipro',
  'oskil',
]);
