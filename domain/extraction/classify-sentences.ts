/**
 * Decides, sentence by sentence, what a figure in it may count towards: which region it is about, whether it
 * is about one community rather than the whole oblast, and whether it is background (another day, the whole
 * country, evacuations, power cuts, air-defence shoot-downs, enemy losses, multi-month totals) that no daily
 * tally should take figures from.
 */
import { memoiseAnyPattern, memoiseWord } from './memoise-word.js';
import { parseNumberAt } from './number-words.js';
import { isCivilianLoss } from './read-casualties.js';
import type { Token } from './scan-text.js';
import type { Sentence } from './split-sentences.js';

// Evacuations and power cuts: only the clause that speaks of them is set aside.
const CLAUSE_BACKGROUND_PATTERNS: readonly RegExp[] = [
  /^(?:евакуац\p{L}*|эвакуац\p{L}*|evacuat\p{L}*|евакуйов\p{L}*|эвакуиров\p{L}*)$/u,
  /^(?:знеструмлен\p{L}*|households|домогосподарств\p{L}*|consumers|споживач\p{L}*|обесточен\p{L}*|абонент\p{L}*|електропостачан\p{L}*|электроснабжен\p{L}*|світла|света|электричества|электроэнергии|електроенергії|electricity)$/u,
];

const BACKGROUND_PATTERNS: readonly RegExp[] = [
  // Air-defence shoot-downs and launches across the country.
  /^(?:збит\p{L}*|збили|знешкод\p{L}*|intercepted|сбит\p{L}*|сбили|ппо|decoys|radars?)$/u,
  // Repelling an attack: the air-defence crews and mobile fire groups who took part, not what was hit.
  /^(?:repel|repelled|repelling|repulsed|відбитті|відбиття|відбивали|відбили|відбито|отбили|отбито|отражении|отражения|отражали|отразили|отразил|отражено)$/u,
  // Daily averages over a longer period ("700 снарядів щодня", "on average"), not one day's tally.
  /^(?:щодня|щоденно|ежедневно|середньому|среднем|average)$/u,
  // Humanitarian aid and demining: deliveries and cleared areas, not strikes.
  /^(?:гуманітарн\p{L}*|гуманитарн\p{L}*|humanitarian|distributed|розподілено|роздали|роздано|раздали|розданы|розмінуван\p{L}*|разминир\p{L}*|demining|піротехнік\p{L}*|пиротехник\p{L}*|обезвред\p{L}*)$/u,
  // Earlier reporting recalled ("Нагадаємо", "Напомним").
  /^(?:нагадаємо|напомним|нагадуємо)$/u,
  // Enemy losses (General Staff, Mediazona).
  /^(?:втрати|втрат|потери|потерь|потеряла|losses|ліквідовано|servicemen|soldiers|personnel|военных|військовослужбовц\p{L}*|mediazona|медиазона)$/u,
  // Front-line combat reports (General Staff): clashes and assaults on positions, not strikes on settlements.
  /^(?:зіткнень|зіткнення|столкновений|столкновения|clashes|engagements|штурмов\p{L}*|assaults)$/u,
];

// Periods longer than a week: a month's or a year's totals, and everything since the start of the war.
const PERIOD_PATTERNS: readonly RegExp[] = [
  /^(?:місяці|місяців|місяць|місяця|months?|месяца|месяцев|месяц|monthly)$/u,
  // "у березні", "в марте": a day is always written with the genitive ("7 березня"), a month in the locative.
  /^(?:січні|лютому|березні|квітні|травні|червні|липні|серпні|вересні|жовтні|листопаді|грудні|январе|феврале|марте|апреле|июне|июле|августе|сентябре|октябре|ноябре|декабре)$/u,
];

/** True when the sentence gives a month's or a longer period's totals. */
export function isPeriodSentence(tokens: readonly Token[], sentence: Sentence): boolean {
  for (let i = sentence.first; i < sentence.end; i++) {
    const token = tokens[i];
    if (!token || token.kind !== 'word') continue;
    if (isPeriodWord(token.norm) || isEnglishMonthPeriod(tokens, i)) return true;
    if (PERIOD_FIRST_WORDS.has(token.norm)) {
      for (const phrase of PERIOD_PHRASES) if (matchesPhrase(tokens, i, sentence.end, phrase)) return true;
    }
  }
  return false;
}

const PERIOD_PHRASES: ReadonlyArray<readonly string[]> = [
  ['з', 'початку'],
  ['с', 'начала'],
  ['since', 'the', 'start'],
  ['since', 'the', 'beginning'],
  ['this', 'year'],
  ['цього', 'року'],
  ['за', 'рік'],
  ['в', 'этом', 'году'],
];

const isPeriodWord = memoiseAnyPattern(PERIOD_PATTERNS);
const PERIOD_FIRST_WORDS = new Set(PERIOD_PHRASES.map((phrase) => phrase[0]));

const ENGLISH_MONTHS =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/;

/** "in March", "during September" without a day: a month's total. */
function isEnglishMonthPeriod(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]?.norm ?? '';
  if (!/^(?:in|during|throughout|for)$/.test(word) || !ENGLISH_MONTHS.test(tokens[index + 1]?.norm ?? ''))
    return false;
  return tokens[index + 2]?.kind !== 'number' || (tokens[index + 2]?.value ?? 0) > 31;
}

const BACKGROUND_PHRASES: ReadonlyArray<readonly string[]> = [
  ['shot', 'down'],
  ['як', 'повідомлялося'],
  ['як', 'повідомлялось'],
  ['как', 'сообщалось'],
  ['as', 'previously', 'reported'],
  ['as', 'reported', 'earlier'],
  ['without', 'power'],
  ['the', 'day', 'before'],
  ['a', 'day', 'earlier'],
  ['air', 'defenses'],
  ['air', 'defence'],
  ['air', 'defense'],
  ['power', 'supply'],
  ['lost', 'power'],
  ['lose', 'power'],
  ['restored', 'power'],
  ['restore', 'power'],
  ['restoring', 'power'],
  ['power', 'outages'],
  ['сили', 'ппо'],
  ['силам', 'ппо'],
  ['air', 'force'],
  ['mobile', 'fire'],
  ['мобільні', 'вогневі'],
  ['мобільних', 'вогневих'],
  ['мобильные', 'огневые'],
  ['мобильных', 'огневых'],
  ['повітряні', 'сили'],
  ['повітряних', 'сил'],
  ['воздушные', 'силы'],
  // Daily averages: "fire around 700 shells at Kherson Oblast every day".
  ['every', 'day'],
  ['each', 'day'],
  ['кожного', 'дня'],
  ['кожен', 'день'],
  ['каждый', 'день'],
];

const isBackgroundWord = memoiseAnyPattern(BACKGROUND_PATTERNS);
const BACKGROUND_FIRST_WORDS = new Set(BACKGROUND_PHRASES.map((phrase) => phrase[0]));
const isClauseBackgroundWord = memoiseAnyPattern(CLAUSE_BACKGROUND_PATTERNS);

const FRONT_SECTOR = /^(?:напрямку|напрямках|напрямок|направлении|направлениях|axis|sector|direction)$/;
const SECTOR_ADJECTIVE = /(?:ському|цькому|зькому|ском|цком|ськ|sk|ivka|ove|ka)$/;

/** "на Куп'янському напрямку", "on the Pokrovsk axis": a front sector, not the direction of a village. */
function isFrontSector(tokens: readonly Token[], index: number): boolean {
  if (!FRONT_SECTOR.test(tokens[index]?.norm ?? '')) return false;
  const before = tokens[index - 1];
  return before !== undefined && before.capitalised === true && SECTOR_ADJECTIVE.test(before.norm);
}

/**
 * True when the sentence is background that must not feed a daily tally: another day, shoot-downs, losses,
 * front-line combat. Month and year totals are checked separately by `isPeriodSentence`.
 */
export function isBackgroundSentence(tokens: readonly Token[], sentence: Sentence): boolean {
  for (let i = sentence.first; i < sentence.end; i++) {
    const token = tokens[i];
    if (!token || token.kind !== 'word') continue;
    if (isFrontSector(tokens, i)) return true;
    // "Втрат серед цивільного населення немає" speaks of civilians, not of enemy losses.
    if (isBackgroundWord(token.norm) && !isCivilianLoss(tokens, i, sentence.first, sentence.end)) return true;
    if (BACKGROUND_FIRST_WORDS.has(token.norm)) {
      for (const phrase of BACKGROUND_PHRASES)
        if (matchesPhrase(tokens, i, sentence.end, phrase)) return true;
    }
  }
  return false;
}

const CLAUSE_BREAKS = new Set([',', ';', ':', '—', '–', '(', ')']);

// What one word can signal for a sentence's role, as bits, so that one cached lookup per word serves the
// period, background and clause tests together.
const PERIOD_WORD = 1;
const PERIOD_FIRST = 2;
const BACKGROUND_WORD = 4;
const BACKGROUND_FIRST = 8;
const CLAUSE_BACKGROUND = 16;
const SECTOR_NOUN = 32;
const MONTH_PREPOSITION = 64;

const readRoleFlags = memoiseWord((word: string): number => {
  let flags = 0;
  if (isPeriodWord(word)) flags |= PERIOD_WORD;
  if (PERIOD_FIRST_WORDS.has(word)) flags |= PERIOD_FIRST;
  if (isBackgroundWord(word)) flags |= BACKGROUND_WORD;
  if (BACKGROUND_FIRST_WORDS.has(word)) flags |= BACKGROUND_FIRST;
  if (isClauseBackgroundWord(word)) flags |= CLAUSE_BACKGROUND;
  if (FRONT_SECTOR.test(word)) flags |= SECTOR_NOUN;
  if (/^(?:in|during|throughout|for)$/.test(word)) flags |= MONTH_PREPOSITION;
  return flags;
});

export interface SentenceRoles {
  /** A month's, a year's or a longer period's totals (see `isPeriodSentence`). */
  period: boolean;
  /** Background no daily tally takes figures from (see `isBackgroundSentence`). */
  background: boolean;
  /** Clauses about evacuations or power cuts (see `findBackgroundClauses`). */
  clauses: Array<readonly [number, number]>;
}

/** The period, background and clause tests in one pass over the sentence. */
export function readSentenceRoles(tokens: readonly Token[], sentence: Sentence): SentenceRoles {
  let period = false;
  let background = false;
  const clauses: Array<readonly [number, number]> = [];
  let from = sentence.first;
  let clauseBackground = false;
  for (let i = sentence.first; i <= sentence.end; i++) {
    const token = tokens[i];
    if (i === sentence.end || (token && token.kind === 'punct' && CLAUSE_BREAKS.has(token.norm))) {
      if (clauseBackground) clauses.push([from, i]);
      from = i + 1;
      clauseBackground = false;
      continue;
    }
    if (!token || token.kind !== 'word') continue;
    const flags = readRoleFlags(token.norm);
    if (flags === 0) continue;
    if (flags & CLAUSE_BACKGROUND) clauseBackground = true;
    if (!period) {
      if (flags & PERIOD_WORD || (flags & MONTH_PREPOSITION && isEnglishMonthPeriod(tokens, i)))
        period = true;
      else if (flags & PERIOD_FIRST)
        for (const phrase of PERIOD_PHRASES)
          if (matchesPhrase(tokens, i, sentence.end, phrase)) period = true;
    }
    if (!background) {
      if (flags & SECTOR_NOUN && isFrontSector(tokens, i)) background = true;
      else if (flags & BACKGROUND_WORD && !isCivilianLoss(tokens, i, sentence.first, sentence.end))
        background = true;
      else if (flags & BACKGROUND_FIRST)
        for (const phrase of BACKGROUND_PHRASES)
          if (matchesPhrase(tokens, i, sentence.end, phrase)) background = true;
    }
  }
  return { period, background, clauses };
}

/** Token ranges [from, end) of the clauses in a sentence that speak of evacuations or power cuts. */
export function findBackgroundClauses(
  tokens: readonly Token[],
  sentence: Sentence,
): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  let from = sentence.first;
  let background = false;
  for (let i = sentence.first; i <= sentence.end; i++) {
    const token = tokens[i];
    if (i === sentence.end || (token && token.kind === 'punct' && CLAUSE_BREAKS.has(token.norm))) {
      if (background) ranges.push([from, i]);
      from = i + 1;
      background = false;
      continue;
    }
    if (token?.kind === 'word' && isClauseBackgroundWord(token.norm)) {
      background = true;
    }
  }
  return ranges;
}

const NATIONAL_PHRASES: ReadonlyArray<readonly string[]> = [
  ['по', 'україні'],
  ['по', 'украине'],
  ['across', 'ukraine'],
  ['across', 'the', 'country'],
  ['on', 'ukraine'],
  ['in', 'ukraine'],
  ['по', 'всій', 'україні'],
  ['по', 'всей', 'украине'],
  ['в', 'україні'],
  ['в', 'украине'],
  ['по', 'країні'],
  ['по', 'всій', 'країні'],
  ['по', 'всей', 'стране'],
  ['throughout', 'ukraine'],
  ['all', 'over', 'ukraine'],
  ['nationwide'],
  ['countrywide'],
  ['across', 'the', 'nation'],
];

const NATIONAL_FIRST_WORDS = new Set(NATIONAL_PHRASES.map((phrase) => phrase[0]));
const REGIONS_PLURAL =
  /^(?:regions|oblasts|областях|областей|областям|областями|області|регіонах|регіонів|регіонам|регионах|регионов|регионам)$/;
const COUNTRY = /^(?:ukraine|україна|україні|україну|украина|украине|украину)$/;

/**
 * True when a sentence that names no region speaks of the whole country ("across Ukraine", "по Україні"),
 * or is a headline that names only the country ("Ukraine war latest: 6 killed").
 */
export function isNationalSentence(tokens: readonly Token[], sentence: Sentence, isTitle: boolean): boolean {
  for (let i = sentence.first; i < sentence.end; i++) {
    const norm = tokens[i]?.norm ?? '';
    if (isTitle && COUNTRY.test(norm)) return true;
    // "in 9 regions", "у дев'яти областях": several regions at once.
    if (REGIONS_PLURAL.test(norm) && i > sentence.first && (parseNumberAt(tokens, i - 1)?.value ?? 0) > 1)
      return true;
    if (!NATIONAL_FIRST_WORDS.has(norm)) continue;
    for (const phrase of NATIONAL_PHRASES) if (matchesPhrase(tokens, i, sentence.end, phrase)) return true;
  }
  return false;
}

function matchesPhrase(
  tokens: readonly Token[],
  index: number,
  end: number,
  phrase: readonly string[],
): boolean {
  if (index + phrase.length > end) return false;
  for (let k = 0; k < phrase.length; k++) if (tokens[index + k]?.norm !== phrase[k]) return false;
  return true;
}

// Singular nouns for one community or one place: a figure after them is that place's, not the oblast's.
const SINGULAR_PLACE =
  /^(?:громада|громаді|громаду|громадою|громаде|общине|община|общину|общиной|hromada|community|місто|місту|місті|містом|селі|селу|село|селище|селищу|селищі|городу|городе|селе|поселке|village|town|city|settlement|area)$/;
const PLURAL_PLACE_AFTER = /^(?:communities|hromadas|громад|громадах|громадам)$/;
const EACH = /^(?:each|кожній|кожному|кожен|каждой|каждом)$/;
const GENITIVE_ADJECTIVE = /(?:ої|ьої|ой|ей)$/;

/**
 * Index of the first token in the sentence that names a single community or place ("Хотінська громада",
 * "Миропільської громади", "the town of", "в громаді", "in each area"), or -1.
 */
export function findSingularPlace(tokens: readonly Token[], sentence: Sentence): number {
  for (let i = sentence.first; i < sentence.end; i++) {
    const token = tokens[i];
    if (!token || token.kind !== 'word') continue;
    if (EACH.test(token.norm)) return i;
    if (isCoordinated(tokens, i, sentence.first) || isCoordinatedAfter(tokens, i, sentence.end)) continue;
    if (token.norm === 'громади') {
      const previous = tokens[i - 1];
      if (previous && previous.kind === 'word' && GENITIVE_ADJECTIVE.test(previous.norm)) return i;
      continue;
    }
    if (!SINGULAR_PLACE.test(token.norm)) continue;
    // English "the town of X", "X community", "X hromada" but not "community members" style compounds.
    if (/^(?:village|town|city|settlement)$/.test(token.norm)) {
      if (tokens[i + 1]?.norm === 'of') return i;
      continue;
    }
    if (token.norm === 'area') {
      if (tokens[i - 1]?.norm === 'the' && tokens[i - 2]?.norm === 'in') return i;
      continue;
    }
    if (PLURAL_PLACE_AFTER.test(tokens[i + 1]?.norm ?? '')) continue;
    return i;
  }
  return -1;
}

const CONJUNCTIONS = new Set(['and', 'і', 'й', 'та', 'и']);

/** "the city of Nikopol itself and Marhanets hromada": two places together are not one community's figure. */
function isCoordinated(tokens: readonly Token[], index: number, first: number): boolean {
  for (let j = index - 1; j >= first && j >= index - 4; j--) {
    // "Білопільська та Краснопільська громади", not "акваторія та портова інфраструктура ... громади".
    if (CONJUNCTIONS.has(tokens[j]?.norm ?? '') && tokens[j + 1]?.capitalised === true) return true;
  }
  return false;
}

/** "the city of Nikopol itself and Marhanets hromada": another place follows after a conjunction. */
function isCoordinatedAfter(tokens: readonly Token[], index: number, end: number): boolean {
  for (let j = index + 1; j < end && j <= index + 5; j++) {
    const token = tokens[j];
    if (!token || (token.kind === 'punct' && token.norm !== ',' && token.norm !== '-')) return false;
    if (!CONJUNCTIONS.has(token.norm)) continue;
    for (let k = j + 1; k < end && k <= j + 4; k++) {
      const next = tokens[k]?.norm ?? '';
      if (
        SINGULAR_PLACE.test(next) ||
        /^(?:district|районі|район|району|communities|громади|громад)$/.test(next)
      )
        return true;
    }
    return false;
  }
  return false;
}

/** True when the place word at `index` is one of several places joined by "and"/"та". */
export function isCoordinatedPlace(tokens: readonly Token[], index: number, sentence: Sentence): boolean {
  return isCoordinated(tokens, index, sentence.first) || isCoordinatedAfter(tokens, index, sentence.end);
}

const TOTAL_MARKERS = /^(?:загалом|всього|усього|всего|total|overall|сумарно|итого)$/;
const OBLAST_WORDS = /^(?:област\p{L}*|oblast|region|регіон\p{L}*|регион\p{L}*|краю)$/u;

/** True when the sentence says its figure is the whole region's ("In total ... on the region", "Загалом ... області"). */
export function isRegionTotalSentence(
  tokens: readonly Token[],
  sentence: Sentence,
  namesRegion: boolean,
): boolean {
  let total = false;
  let oblast = namesRegion;
  for (let i = sentence.first; i < sentence.end; i++) {
    const norm = tokens[i]?.norm ?? '';
    if (TOTAL_MARKERS.test(norm)) total = true;
    if (OBLAST_WORDS.test(norm)) oblast = true;
  }
  return total && oblast;
}

/** True when the sentence carries a total marker ("загалом", "in total", "всего"). */
export function hasTotalMarker(tokens: readonly Token[], sentence: Sentence): boolean {
  for (let i = sentence.first; i < sentence.end; i++)
    if (TOTAL_MARKERS.test(tokens[i]?.norm ?? '')) return true;
  return false;
}

/** True when a token between two indexes names the oblast as a whole ("області", "the region"). */
export function namesOblastBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (OBLAST_WORDS.test(tokens[i]?.norm ?? '')) return true;
  return false;
}
