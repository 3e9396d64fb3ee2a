/**
 * Derives the extra names of a hromada that report texts use, by rule rather than by hand:
 * - `aliases_en`:
 *   1. the official transliteration (Cabinet resolution No. 55, 2010) of the codifier's adjective name:
 *      Білопільська -> "Bilopilska" ("the Bilopilska community");
 *   2. a Russian-style transliteration of the adjective, as relays of Russian-language texts write it:
 *      Білопільська -> Билопильская -> "Bilopilskaya" (the matcher's consonant skeleton also meets
 *      "Belopolskaya");
 *   3. the centre's transliteration where the hromada's English name differs from it;
 *   4. the former centre names that older texts still use (`RENAMED_CENTRES`, from the source notes);
 *   5. the centre's Russian spelling, transliterated: Очаків -> Очаков -> "Ochakov".
 * - `aliases_uk`: the former centre names and the newer hromada names from the same notes.
 * - `aliases_ru`: the centre's Russian spelling by the regular correspondences (-ів/-ов, -піль/-поль,
 *   -пілля/-полье, -івка/-овка, neuter -е/-ое), for Russian-language texts ("в Очакове").
 */
import { createRequire } from 'node:module';

interface Transliterator {
  transform(input: string): string;
}
type TransliteratorFactory = (config: { preset: 'uk' | 'ru' }) => Transliterator;

// A CommonJS package whose typings claim an ES default export; require() sees what Node actually loads.
const createTransliterator = createRequire(import.meta.url)(
  'cyrillic-to-translit-js',
) as TransliteratorFactory;
const ukrainian = createTransliterator({ preset: 'uk' });
const russian = createTransliterator({ preset: 'ru' });

interface Renaming {
  /** Former centre names (Ukrainian), and newer hromada names where the state renamed the hromada itself. */
  uk: string[];
  /** The same in English. */
  en: string[];
}

/**
 * Hromadas whose centre was renamed (codifier 2021 -> 02.07.2025), keyed by KATOTTG code, as listed in the
 * gazetteer source notes ("Doubts and caveats", 1).
 */
export const RENAMED_CENTRES: Readonly<Record<string, Renaming>> = {
  UA59100050000059594: { uk: ['Дружба'], en: ['Druzhba'] },
  UA63060050000033240: { uk: ['Красноград'], en: ['Krasnohrad'] },
  UA63100090000052019: { uk: ['Первомайський'], en: ['Pervomaiskyi'] },
  UA63140150000093944: { uk: ['Чкаловське'], en: ['Chkalovske'] },
  UA23020090000069977: { uk: ['Коларівка', 'Болгарка', 'Софіївська'], en: ['Kolarivka', 'Bolharka'] },
  UA23080210000060255: { uk: ['Плодородне'], en: ['Plodorodne'] },
  UA23080290000096336: { uk: ['Чкалове'], en: ['Chkalove'] },
  UA23100010000094236: { uk: ['Більмак'], en: ['Bilmak'] },
  UA12020210000032285: { uk: ['Підгородне'], en: ['Pidhorodne'] },
  UA12080070000077032: { uk: ['Першотравневе'], en: ['Pershotravneve'] },
  UA12120130000021632: { uk: ['Юр’ївка'], en: ['Yurivka'] },
  UA12100070000011492: { uk: ['Новомосковськ'], en: ['Novomoskovsk'] },
  UA12140110000060935: { uk: ['Іларіонове'], en: ['Ilarionove'] },
  UA12140210000089021: { uk: ['Першотравенськ'], en: ['Pershotravensk'] },
  UA14140070000060361: { uk: ['Нікольське', 'Микільська'], en: ['Nikolske', 'Mykilska'] },
  UA48040250000044166: { uk: ['Южноукраїнськ'], en: ['Yuzhnoukrainsk'] },
  UA48060270000044708: { uk: ['Первомайське'], en: ['Pervomaiske'] },
  UA48080150000083195: { uk: ['Синюхин Брід'], en: ['Syniukhyn Brid'] },
};

export interface HromadaNames {
  katottg: string;
  name_uk: string;
  name_en: string;
  center_uk: string;
  center_en: string;
}

/** The official transliteration of a Ukrainian word or name. */
export function transliterateUkrainian(text: string): string {
  return ukrainian.transform(text.replace(/[’ʼ']/g, ''));
}

/** Ukrainian letters respelled as Russian writes them (і -> и, и -> ы, є -> е, ґ -> г, no apostrophe). */
export function respellLettersInRussian(text: string): string {
  return (
    text
      .replace(/[’ʼ']/g, '')
      .replace(/(^|[\s-])Е/g, '$1Э')
      .replace(/(^|[\s-])Є/g, '$1Е')
      // и is ы in Russian, except after ж, ш, ч, щ, ц.
      .replace(/([^жшчщц])и/g, '$1ы')
      .replace(/[іїІЇ]/g, (letter) => (letter === letter.toUpperCase() ? 'И' : 'и'))
      .replace(/є/g, 'е')
      .replace(/ґ/g, 'г')
  );
}

/** A Ukrainian hromada adjective respelled the Russian way (Білопільська -> Билопильская). */
export function respellAdjectiveInRussian(adjective: string): string {
  const respelled = respellLettersInRussian(adjective);
  return respelled.endsWith('ька') ? `${respelled.slice(0, -3)}кая` : respelled.replace(/а$/, 'ая');
}

/** A Russian-style Latin spelling of the adjective ("Bilopilskaya"). */
export function transliterateRussianStyle(adjective: string): string {
  return russian.transform(respellAdjectiveInRussian(adjective)).replace(/'/g, '');
}

/**
 * A Ukrainian place name respelled the Russian way by the regular correspondences: Очаків -> Очаков,
 * Білопілля -> Білополье, Ямпіль -> Ямполь, Юнаківка -> Юнаковка, Веселе -> Веселое, Шалигине -> Шалигино, Есмань -> Эсмань.
 * Letters that differ only in spelling (і/и, є/е) are left alone: the matcher folds them.
 */
export function respellPlaceInRussian(place: string): string {
  return place
    .split(' ')
    .map((word) =>
      word
        .replace(/^Е/, 'Э')
        .replace(/пілля$/, 'полье')
        .replace(/піль$/, 'поль')
        .replace(/[іи]вка$/, 'овка')
        .replace(/ів$/, 'ов')
        .replace(/ьке$/, 'кое')
        .replace(/([иое])([вн])е$/, '$1$2о')
        .replace(/([нклр])е$/, '$1ое'),
    )
    .join(' ');
}

/** The derived alias lists for one hromada. */
export function deriveHromadaAliases(row: HromadaNames): {
  aliases_en: string[];
  aliases_uk: string[];
  aliases_ru: string[];
} {
  const renaming = RENAMED_CENTRES[row.katottg];
  const adjective = transliterateUkrainian(row.name_uk);
  const russianCentre = respellPlaceInRussian(row.center_uk);
  const english = [
    adjective,
    transliterateRussianStyle(row.name_uk),
    row.center_en,
    ...(renaming?.en ?? []),
    ...(russianCentre === row.center_uk
      ? []
      : [russian.transform(respellLettersInRussian(russianCentre)).replace(/'/g, '')]),
  ];
  return {
    aliases_en: uniqueExcept(english, row.name_en),
    aliases_uk: uniqueExcept(renaming?.uk ?? [], row.name_uk),
    aliases_ru: uniqueExcept(russianCentre === row.center_uk ? [] : [russianCentre], row.center_uk),
  };
}

function uniqueExcept(values: readonly string[], excluded: string): string[] {
  const seen = new Set([excluded.toLowerCase()]);
  const result: string[] = [];
  for (const value of values) {
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(value);
  }
  return result;
}
