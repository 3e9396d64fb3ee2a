/**
 * The word lists region matching needs, built once at module load from data/gazetteer/region-forms.json.
 * The data file holds each region's base forms (adjective, informal name, English roots, the centre's
 * case forms); the Ukrainian and Russian case endings are generated here by rule.
 */
import regionForms from '../../data/gazetteer/region-forms.json' with { type: 'json' };
import type { RegionKey } from '../extraction/types.js';
import { normaliseWord } from './tokenise-text.js';

/** Adjective stems a region noun must follow ("Сумськ|ій області", "Sumy Oblast"). */
export const ADJECTIVE_REGIONS = new Map<string, RegionKey>();
/** English roots that need a following region noun to mean the oblast ("Kharkiv region"). */
export const ENGLISH_ROOT_REGIONS = new Map<string, RegionKey>();
/** Names that mean the region on their own ("Сумщина", "Харьковщины", "Crimea"). */
export const SHORT_NAME_REGIONS = new Map<string, RegionKey>();
/** The region's centre city in any case form ("Суми", "Харкові", "Kherson"). */
export const CENTRE_REGIONS = new Map<string, RegionKey>();
/** Case-sensitive administration abbreviations ("ХОВА", "ДніпроОВА"). */
export const ABBREVIATION_REGIONS = new Map<string, RegionKey>();

/** Nouns whose abbreviation alone already names the administration. */
export const ADMINISTRATION_ABBREVIATIONS = new Set([
  'ова',
  'ода',
  'ога',
  'rma',
  'ova',
  'oma',
  'oda',
  'rsa',
  'rva',
]);

/** Nouns that make a preceding adjective or English root a region, singular (the abbreviations too). */
export const SINGULAR_REGION_NOUNS = new Set(
  [
    // Ukrainian
    'область',
    'області',
    'областю',
    'обл',
    'обласна',
    'обласної',
    'обласній',
    'обласну',
    'обласною',
    // Russian
    'области',
    'областью',
    'областная',
    'областной',
    'областную',
    // English
    'oblast',
    'region',
    'regional',
    'province',
    'provincial',
    // "attacked the Chernihiv border 12 times": the oblast's border areas, not the city.
    'border',
    'borderland',
    'obl',
    ...ADMINISTRATION_ABBREVIATIONS,
  ].map(normaliseWord),
);

/** Plural region nouns, which a list of adjectives or roots shares ("Sumy and Kharkiv regions"). */
export const PLURAL_REGION_NOUNS = new Set(
  [
    'області',
    'областях',
    'областей',
    'областям',
    'областями',
    'области',
    'oblasts',
    'regions',
    'provinces',
  ].map(normaliseWord),
);

/** Nouns that, right after the region noun, name its administration rather than its territory. */
export const ADMINISTRATION_WORDS = new Set(
  [
    'військова',
    'військової',
    'військовій',
    'військову',
    'військовою',
    'державна',
    'державної',
    'адміністрація',
    'адміністрації',
    'адміністрацію',
    'адміністрацією',
    'военная',
    'военной',
    'государственная',
    'государственной',
    'администрация',
    'администрации',
    'military',
    'state',
    'civil',
    'administration',
    "administration's",
  ].map(normaliseWord),
);

/** Words after an English root that make it something other than the region or its centre. */
export const ENGLISH_NON_REGION_FOLLOWERS = new Set([
  'community',
  'communities',
  'hromada',
  'hromadas',
  'district',
  'districts',
  'raion',
  'rayon',
  "people's",
  'peoples',
  'independent',
  'post',
  'time',
  'npp',
  'nuclear',
  'hpp',
  'tpp',
  'chp',
  'airport',
  'reservoir',
  'river',
]);

/** Words after an English root that make it the city. */
export const ENGLISH_CITY_FOLLOWERS = new Set(['city', "city's"]);

/** Conjunctions that join region names sharing one plural noun. */
export const CONJUNCTIONS = new Set(['and', 'та', 'і', 'й', 'и', 'or', 'або', 'или']);

interface RegionFormsRow {
  key: string;
  adj_uk: string[];
  adj_ru: string[];
  short_uk: string[];
  short_ru: string[];
  root_en: string[];
  standalone_en: string[];
  centre_uk: string[];
  centre_ru: string[];
  centre_en: string[];
  abbr: string[];
}

// Feminine adjective endings with "область" (all cases, singular), plus the plural-noun forms
// ("у Сумській та Харківській областях" keeps the adjectives singular, "Сумські області" does not).
const UK_ADJECTIVE_ENDINGS = ['а', 'ої', 'ій', 'у', 'ою', 'і', 'их', 'им', 'ими'];
const RU_ADJECTIVE_ENDINGS = ['ая', 'ой', 'ую', 'ою', 'ие', 'их', 'им', 'ими'];

/** The case forms of a Ukrainian informal region name ("Сумщина" -> Сумщини, Сумщині, Сумщину...). */
export function declineUkrainianRegionName(name: string): string[] {
  if (name.endsWith('а')) return ['а', 'и', 'і', 'у', 'ою'].map((ending) => name.slice(0, -1) + ending);
  if (name.endsWith('я')) return ['я', 'ю', 'і', 'ям'].map((ending) => name.slice(0, -1) + ending);
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(name)) return ['', 'у', 'ом', 'і'].map((ending) => name + ending);
  return [name];
}

/** The case forms of a Russian informal region name ("Харьковщина" -> Харьковщины, Харьковщине...). */
export function declineRussianRegionName(name: string): string[] {
  if (name.endsWith('а'))
    return ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою'].map((ending) => name.slice(0, -1) + ending);
  if (name.endsWith('ье')) return ['ье', 'ья', 'ью', 'ьем', 'ьи'].map((ending) => name.slice(0, -2) + ending);
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(name)) return ['', 'а', 'у', 'е', 'ом'].map((ending) => name + ending);
  return [name];
}

function addAll(map: Map<string, RegionKey>, forms: Iterable<string>, key: RegionKey): void {
  for (const form of forms) {
    const norm = normaliseWord(form);
    // First writer wins: a form two regions share stays with the earlier one in the data file.
    if (!map.has(norm)) map.set(norm, key);
  }
}

function buildLexicon(rows: readonly RegionFormsRow[]): void {
  for (const row of rows) {
    const key = row.key;
    for (const adjective of row.adj_uk) {
      addAll(
        ADJECTIVE_REGIONS,
        UK_ADJECTIVE_ENDINGS.map((ending) => adjective.slice(0, -1) + ending),
        key,
      );
    }
    for (const adjective of row.adj_ru) {
      addAll(
        ADJECTIVE_REGIONS,
        RU_ADJECTIVE_ENDINGS.map((ending) => adjective.slice(0, -2) + ending),
        key,
      );
    }
    addAll(ENGLISH_ROOT_REGIONS, row.root_en, key);
    for (const name of row.short_uk) addAll(SHORT_NAME_REGIONS, declineUkrainianRegionName(name), key);
    for (const name of row.short_ru) addAll(SHORT_NAME_REGIONS, declineRussianRegionName(name), key);
    addAll(SHORT_NAME_REGIONS, row.standalone_en, key);
    addAll(CENTRE_REGIONS, [...row.centre_uk, ...row.centre_ru, ...row.centre_en], key);
    for (const abbreviation of row.abbr) {
      if (!ABBREVIATION_REGIONS.has(abbreviation)) ABBREVIATION_REGIONS.set(abbreviation, key);
    }
  }
}

buildLexicon(regionForms);
