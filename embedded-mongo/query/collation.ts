/**
 * MongoDB collations, checked as mongod checks them and carried out with `Intl.Collator` (Node's ICU, the
 * library mongod uses too). A command's `collation` is parsed once into a `Collation`: the spec mingo is
 * given (its `$sort` builds its own collator from it, so the locale is rewritten from ICU's `en_US` form into
 * the BCP 47 tag `en-US` that `Intl` expects) and the string comparison the engine's query operators and
 * sorts use. `{locale: 'simple'}` and no collation at all mean binary comparison.
 */
import type { Document } from 'bson';
import type { CollationSpec } from 'mingo/types';
import { CommandError } from '../errors.js';
import { isPlainObject } from '../storage/path-values.js';

/** The locales MongoDB 7.0 accepts (its "Collation Locales and Default Parameters" table), in ICU form. */
const SUPPORTED_LOCALES = new Set(
  (
    'af am ar as az be bg bn bo bs bs_Cyrl ca chr cs cy da de de_AT dsb dz ee el en en_US en_US_POSIX eo es ' +
    'et fa fa_AF fi fil fo fr fr_CA ga gl gu ha haw he hi hr hsb hu hy id ig is it ja ka kk kl km kn ko kok ' +
    'ky lb lkt ln lo lt lv mk ml mn mr ms mt my nb ne nl nn om or pa pl ps pt ro ru se si sk sl smn sq sr ' +
    'sr_Latn sv sw ta te th to tr uk ug ur vi wae yi yo zh zh_Hant zu'
  ).split(' '),
);

/** ICU's `@collation=` variants, by the name BCP 47 gives them in `-u-co-`. */
const VARIANTS: Record<string, string> = {
  big5han: 'big5han',
  compat: 'compat',
  dictionary: 'dict',
  eor: 'eor',
  gb2312han: 'gb2312',
  phonebook: 'phonebk',
  pinyin: 'pinyin',
  search: 'search',
  stroke: 'stroke',
  traditional: 'trad',
  unihan: 'unihan',
  zhuyin: 'zhuyin',
};

const FIELDS = new Set([
  'locale',
  'caseLevel',
  'caseFirst',
  'strength',
  'numericOrdering',
  'alternate',
  'maxVariable',
  'normalization',
  'backwards',
  'version',
]);

export interface Collation {
  /** The spec handed to mingo, with a BCP 47 locale. */
  readonly spec: CollationSpec;
  /** Compares two strings under the collation; 0 means equal. */
  readonly compare: (a: string, b: string) => number;
}

function formatSpec(spec: Document): string {
  const fields = Object.entries(spec).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `{ ${fields.join(', ')} }`;
}

function toLanguageTag(locale: string): string | null {
  const [base = '', variant] = locale.split('@collation=');
  if (!SUPPORTED_LOCALES.has(base)) return null;
  const tag = base === 'en_US_POSIX' ? 'en-US' : base.replace(/_/g, '-');
  if (variant === undefined) return tag;
  const code = VARIANTS[variant];
  return code === undefined ? null : `${tag}-u-co-${code}`;
}

function readSensitivity(strength: number, caseLevel: boolean): Intl.CollatorOptions['sensitivity'] {
  if (strength === 1) return caseLevel ? 'case' : 'base';
  if (strength === 2) return caseLevel ? 'variant' : 'accent';
  return 'variant';
}

const cache = new Map<string, Collation>();

/**
 * Parses a command's or a statement's `collation`. Returns undefined for the simple (binary) collation.
 * An unknown field, a missing or unsupported locale or a bad strength fail as they do on mongod.
 */
export function readCollation(value: unknown): Collation | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'collation' is the wrong type, expected type 'object'",
    );
  }
  for (const field of Object.keys(value)) {
    if (!FIELDS.has(field)) {
      throw new CommandError('Location40415', `BSON field 'collation.${field}' is an unknown field.`);
    }
  }
  const locale = value.locale as unknown;
  if (locale === undefined) {
    throw new CommandError('Location40414', "BSON field 'collation.locale' is missing but a required field");
  }
  if (typeof locale !== 'string') {
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'collation.locale' is the wrong type, expected type 'string'",
    );
  }
  if (locale === 'simple') return undefined;
  const key = JSON.stringify(value);
  const cached = cache.get(key);
  if (cached) return cached;
  if (locale === '') {
    throw new CommandError('BadValue', `Field 'locale' cannot be the empty string in: ${formatSpec(value)}`);
  }
  const tag = toLanguageTag(locale);
  if (tag === null) throw new CommandError('BadValue', `Field 'locale' is invalid in: ${formatSpec(value)}`);
  const strength = value.strength === undefined ? 3 : Number(value.strength);
  if (!Number.isInteger(strength) || strength < 1 || strength > 5) {
    throw new CommandError(
      'BadValue',
      `Enumeration value '${String(value.strength as unknown)}' for field 'collation.strength' is not a valid value.`,
    );
  }
  const caseLevel = value.caseLevel === true;
  const requestedCaseFirst = value.caseFirst as unknown;
  const caseFirst =
    requestedCaseFirst === 'upper' || requestedCaseFirst === 'lower' ? requestedCaseFirst : undefined;
  const numeric = value.numericOrdering === true;
  const ignorePunctuation = value.alternate === 'shifted';
  const collator = new Intl.Collator(tag, {
    usage: 'sort',
    sensitivity: readSensitivity(strength, caseLevel),
    numeric,
    ignorePunctuation,
    ...(caseFirst ? { caseFirst } : {}),
  });
  const spec: CollationSpec = {
    locale: tag,
    strength: Math.min(strength, 3) as 1 | 2 | 3,
    caseLevel,
    numericOrdering: numeric,
    ...(caseFirst ? { caseFirst } : {}),
    ...(ignorePunctuation ? { alternate: 'shifted' } : {}),
  };
  const collation: Collation = { spec, compare: (a, b) => collator.compare(a, b) };
  cache.set(key, collation);
  collatorsBySpec.set(spec, collation);
  collatorsBySpecKey.set(JSON.stringify(spec), collation);
  return collation;
}

const collatorsBySpec = new WeakMap<object, Collation>();
/** mingo's updater hands its query a copy of the spec, found here by its contents. */
const collatorsBySpecKey = new Map<string, Collation>();

/**
 * The collation behind a spec mingo passes back to a query operator (`options.collation`), or undefined
 * when the query runs with the simple collation.
 */
export function collationOfSpec(spec: unknown): Collation | undefined {
  if (!spec || typeof spec !== 'object') return undefined;
  return collatorsBySpec.get(spec) ?? collatorsBySpecKey.get(JSON.stringify(spec));
}
