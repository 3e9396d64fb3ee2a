/**
 * Reads casualty statements in one sentence: counts ("2 людини дістали поранення", "injuring 1",
 * "погибли пятеро", "claimed the lives of 20 residents"), single victims ("поранено жінку",
 * "a 74-year-old man died", "є постраждала") and explicit zeros ("постраждалих немає", "no casualties",
 * "без жертв"). Vague plurals ("є поранені", "кілька людей") and "уточнюється" give nothing.
 */
import { parseNumberAt } from './number-words.js';
import { isDateNumber } from './read-dates.js';
import { readQualifierBefore } from './qualifiers.js';
import { PERSON_WORD, SINGULAR_PERSON, readCasualtyWord, type CasualtyKind } from './lexicon.js';
import { isPerson, readVictimListAfter, readVictimListBefore } from './read-victim-list.js';
import { isClauseEnd, isTransparentPunct, type Token } from './scan-text.js';
import type { Qualifier, Span } from './types.js';

export type CasualtyMetric = 'injured' | 'killed';

/** How a casualty figure was stated; earlier entries are stronger evidence. */
export type CasualtyStrength = 'count' | 'singular' | 'zero' | 'weak_zero' | 'unnumbered';

export interface CasualtyPhrase {
  metric: CasualtyMetric;
  value: number;
  qualifier: Qualifier;
  term: string;
  evidence: Span;
  strength: CasualtyStrength;
  index: number;
  /** A toll raised to a new figure ("the death toll has risen to four"): it replaces the earlier count. */
  revised?: boolean;
  /** A part of victims counted just before ("Один з них загинув", "двох госпіталізовано"), not new victims. */
  subset?: boolean;
}

const NEGATIONS = new Set([
  'не',
  'немає',
  'нема',
  'без',
  'нет',
  'no',
  'nobody',
  'none',
  'ніхто',
  'никто',
  'жоден',
  'жодна',
  'ниодин',
  'without',
  'not',
  'ні',
  'ни',
]);
const HEDGES = new Set([
  'попередньо',
  'предварительно',
  'наразі',
  'preliminarily',
  'preliminary',
  'пока',
  'поки',
]);
const SKIP_BACKWARD =
  /^(?:were|was|have|has|been|are|is|had|people|persons|others|more|also|another|other|ще|еще|також|were|отримали|дістали|зазнали|получили|отримав|отримала|дістала|дістав|зазнав|зазнала|получил|получила|got|suffered|отримало|дістало|зазнало|получило|civilians?|residents?|людей|людини|осіб|особи|sustained|suffered|received|shrapnel|minor|serious|severe|light|moderate|various|local|elderly|місцев\p{L}*|местн\p{L}*|літн\p{L}*|пожил\p{L}*|легк\p{L}*|важк\p{L}*|тяжк\p{L}*|тяжел\p{L}*|осколков\p{L}*|різн\p{L}*|-|–|—)$/u;
const SKIP_FORWARD =
  /^(?:of|the|ще|еще|also|another|at|least|more|than|over|про|отримало|дістало|зазнало|получило|отримали|дістали|зазнали|получили|отримав|отримала|дістала|дістав|зазнав|зазнала|получил|получила|поранення|ранения|були|було|were|was|by|лишили|позбавили|жизни|життя|щонайменше|понад|близько|майже|не|менше|-|–)$/;
const SINGULAR_FORMS =
  /^(?:загинув|загинула|загибла|загиблий|постраждав|постраждала|поранений|поранена|травмований|травмована|помер|померла|погиб|погибла|погибший|пострадал|пострадала|ранен|ранена|died)$/;
const IMPERSONAL =
  /^(?:поранено|травмовано|вбито|убит|поранили|killing|injuring|wounding|injured|killed|wounded|injure|kill)$/;
const SINGULAR_AUX = /^(?:was|has)$/;
const SINGULAR_RECEIVE = /^(?:отримав|отримала|дістав|дістала|зазнав|зазнала|получил|получила)$/;
const AGE_FOLLOWER = /^(?:років|року|рік|лет|года|год|years?|р)$/;
const AND_WORDS = new Set(['та', 'і', 'й', 'and', 'и']);

/** Reads every casualty statement in tokens [first, end). */
export function readCasualties(tokens: readonly Token[], first: number, end: number): CasualtyPhrase[] {
  const phrases: CasualtyPhrase[] = [];
  const hedged = hasHedge(tokens, first, end);
  for (let j = first; j < end; j++) {
    const token = tokens[j];
    if (!token || token.kind !== 'word') continue;
    if (UNHARMED.test(token.norm)) {
      // "Civilians were unharmed", "люди не постраждали" said positively: nobody injured.
      pushZero(phrases, tokens, 'injured', j, j, hedged ? 'weak_zero' : 'zero');
      continue;
    }
    if (HOSPITAL_PLACE.test(token.norm) && j > first && TO_PLACE.test(tokens[j - 1]?.norm ?? '')) {
      // "Одна людина загинула, одна – в лікарні": victims in hospital are injured (a part of them).
      const counted = readCountBackward(tokens, j - 1, first);
      if (counted)
        phrases.push({ ...counted, metric: 'injured', strength: 'count', term: token.norm, subset: true });
      continue;
    }
    const kind = readCasualtyWord(token.norm) ?? (isCivilianLoss(tokens, j, first, end) ? 'both' : undefined);
    if (!kind) continue;
    const risen = kind === 'both' ? undefined : readRisenTo(tokens, j, end);
    if (risen && kind !== 'both') {
      phrases.push({ ...risen, metric: kind, strength: 'count', term: token.norm, revised: true });
      continue;
    }
    // A count next to the word wins over a negation further off ("Загиблих немає, поранено одну людину").
    const counted =
      kind === 'both' ? undefined : (readCountBackward(tokens, j, first) ?? readCountForward(tokens, j, end));
    if (counted && kind !== 'both') {
      phrases.push({ ...counted, metric: kind, strength: 'count', term: token.norm });
      continue;
    }
    // "поранені 47-річна жінка та 18-річний хлопець": victims listed one by one.
    const listed =
      kind === 'both'
        ? undefined
        : (readVictimListAfter(tokens, j, end) ?? readVictimListBefore(tokens, j, first));
    if (listed && kind !== 'both') {
      const from = Math.min(listed.from, j);
      const to = Math.max(listed.to, j);
      phrases.push({
        metric: kind,
        value: listed.value,
        qualifier: 'exact',
        term: token.norm,
        evidence: { start: tokens[from]?.start ?? token.start, end: tokens[to]?.end ?? token.end },
        strength: 'count',
        index: listed.from,
      });
      continue;
    }
    const negation = findNegation(tokens, j, first, end);
    // "Інформація про постраждалих не надходила", "no information on deaths": unknown, not zero.
    if (negation !== undefined && speaksOfInformation(tokens, j, negation, first, end)) continue;
    if (negation !== undefined && mentionsOthers(tokens, Math.min(negation, j), Math.max(negation, j)))
      continue;
    if (negation !== undefined) {
      // "Без жертв", "жертв немає": victims as a whole, so nobody killed and nobody injured.
      const zeroKind = VICTIM_WORD.test(token.norm) ? 'both' : kind;
      const from = Math.min(negation, j);
      const to = Math.max(negation, j);
      pushZero(phrases, tokens, zeroKind, from, to, hedged ? 'weak_zero' : 'zero');
      continue;
    }
    if (kind === 'both') continue;
    const singular =
      isSingularVictim(tokens, j, first, end) && !(kind === 'injured' && victimDied(tokens, first, end));
    // Victims named without a count ("є поранені", "dead and wounded") are kept as a signal, valued -1.
    phrases.push({
      metric: kind,
      value: singular ? 1 : -1,
      qualifier: 'exact',
      term: token.norm,
      evidence: { start: token.start, end: token.end },
      strength: singular ? 'singular' : 'unnumbered',
      index: j,
    });
  }
  for (const phrase of phrases) if (phrase.value > 0 && isSubset(tokens, phrase, first)) phrase.subset = true;
  return dedupeZeros(phrases);
}

const HOSPITAL_PLACE = /^(?:лікарні|лікарню|больнице|больницу|hospital)$/;
const TO_PLACE = /^(?:в|у|до|in|to)$/;
const HOSPITAL_WORD = /^(?:hospitali[sz]ed|госпіталізован\p{L}*|госпитализирован\p{L}*)$/u;
const OF_WORD = /^(?:з|із|из|of|among|серед|среди)$/;
const THEM_WORD = /^(?:них|them|яких|которых)$/;

/** "Один з них загинув", "one of them died", "трьох госпіталізовано": some of the victims already counted. */
function isSubset(tokens: readonly Token[], phrase: CasualtyPhrase, first: number): boolean {
  if (HOSPITAL_WORD.test(phrase.term) || HOSPITAL_PLACE.test(phrase.term)) return true;
  for (let k = Math.max(first, phrase.index - 2); k <= phrase.index + 1; k++) {
    if (OF_WORD.test(tokens[k]?.norm ?? '') && THEM_WORD.test(tokens[k + 1]?.norm ?? '')) return true;
  }
  return false;
}

const UNHARMED = /^(?:unharmed|unhurt|uninjured)$/;
const VICTIM_WORD = /^(?:жертв|жертви|жертвы|жертва)$/;
const INFORMATION_WORD =
  /^(?:інформаці\p{L}*|информаци\p{L}*|information|info|відомост\p{L}*|сведени\p{L}*|даних|данных|data)$/u;
const LOSS_WORD = /^(?:втрат|втрати|втратах|losses|потерь|потери)$/;
const CIVILIAN_WORD =
  /^(?:цивільн\p{L}*|мирн\p{L}*|civilians?|civilian|населення|населения|гражданск\p{L}*|people)$/u;

/** "Втрат серед цивільного населення не зафіксовано", "civilian losses", "losses among civilians". */
export function isCivilianLoss(tokens: readonly Token[], j: number, first: number, end: number): boolean {
  if (!LOSS_WORD.test(tokens[j]?.norm ?? '')) return false;
  if (j > first && CIVILIAN_WORD.test(tokens[j - 1]?.norm ?? '')) return true;
  const preposition = tokens[j + 1]?.norm ?? '';
  if (!/^(?:серед|среди|among)$/.test(preposition)) return false;
  for (let k = j + 2; k < end && k <= j + 4; k++) if (CIVILIAN_WORD.test(tokens[k]?.norm ?? '')) return true;
  return false;
}

const ARRIVAL_VERB =
  /^(?:надходил\p{L}*|надходить|надійшл\p{L}*|поступал\p{L}*|поступил\p{L}*|поступает|received|available|reported)$/u;

/**
 * "No information on deaths", "немає інформації про постраждалих", "інформація про постраждалих не
 * надходила": what is unknown, not a zero. Information that was "not recorded" ("не зафіксована") is a zero.
 */
function speaksOfInformation(
  tokens: readonly Token[],
  j: number,
  negation: number,
  first: number,
  end: number,
): boolean {
  if (INFORMATION_WORD.test(tokens[negation + 1]?.norm ?? '')) return true;
  if (governsCasualtyWord(tokens, j, first)) return true;
  let information = false;
  let arrival = false;
  for (let k = Math.max(first, Math.min(j, negation) - 5); k < end && k <= Math.max(j, negation) + 3; k++) {
    const token = tokens[k];
    if (!token) break;
    if (isClauseEnd(token)) {
      if (k < j) continue;
      break;
    }
    if (INFORMATION_WORD.test(token.norm)) information = true;
    if (ARRIVAL_VERB.test(token.norm)) arrival = true;
  }
  return information && arrival;
}

const ABOUT = /^(?:про|щодо|стосовно|о|об|про|относительно|about|on|regarding|of)$/;

/**
 * "Інформація про загиблих чи поранених ... не зафіксована": the information is what is missing, whatever the
 * verb, so the statement is unknown, not zero.
 */
function governsCasualtyWord(tokens: readonly Token[], j: number, first: number): boolean {
  for (let k = j - 1; k >= first && k >= j - 5; k--) {
    const norm = tokens[k]?.norm ?? '';
    if (ABOUT.test(norm)) return INFORMATION_WORD.test(tokens[k - 1]?.norm ?? '');
    if (!(readCasualtyWord(norm) || /^(?:чи|або|та|і|й|и|or|and|или|,)$/.test(norm))) return false;
  }
  return false;
}

/** "Тяжелое ранение получил мужчина ..., умерший в больнице": the wounded victim died. */
function victimDied(tokens: readonly Token[], first: number, end: number): boolean {
  for (let i = first; i < end; i++) {
    const norm = tokens[i]?.norm ?? '';
    if (/^(?:помер|померла|умер|умерла|умерший|умершая|died|скончался|скончалась)$/.test(norm)) return true;
  }
  return false;
}

/** "No other casualties": nobody beyond the victims already named, so not a zero. */
function mentionsOthers(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i <= to; i++) {
    if (
      /^(?:other|others|more|further|additional|інших|других|більше|ще|иных|других|больше)$/.test(
        tokens[i]?.norm ?? '',
      )
    )
      return true;
  }
  return false;
}

function hasHedge(tokens: readonly Token[], first: number, end: number): boolean {
  for (let i = first; i < end; i++) if (HEDGES.has(tokens[i]?.norm ?? '')) return true;
  return false;
}

function findNegation(tokens: readonly Token[], j: number, first: number, end: number): number | undefined {
  for (let k = j - 1; k >= first && k >= j - 6; k--) {
    const token = tokens[k];
    if (!token || isClauseEnd(token) || token.kind === 'number' || token.norm === ',') break;
    if (NEGATIONS.has(token.norm) && !isQualifierNegation(tokens, k)) return k;
  }
  for (let k = j + 1; k < end && k <= j + 10; k++) {
    const token = tokens[k];
    if (!token || isClauseEnd(token) || token.kind === 'number') break;
    if (NEGATIONS.has(token.norm) && !isQualifierNegation(tokens, k)) return k;
  }
  return undefined;
}

/** "не менше 5" is a hedge, not a negation. */
function isQualifierNegation(tokens: readonly Token[], k: number): boolean {
  const next = tokens[k + 1]?.norm ?? '';
  return /^(?:менше|менш|менее|меньше|лише|только|only|less)$/.test(next);
}

function pushZero(
  phrases: CasualtyPhrase[],
  tokens: readonly Token[],
  kind: CasualtyKind,
  from: number,
  to: number,
  strength: CasualtyStrength,
): void {
  const start = tokens[from]?.start ?? 0;
  const end = tokens[to]?.end ?? start;
  const term = tokens
    .slice(from, to + 1)
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm)
    .join(' ');
  const metrics: CasualtyMetric[] = kind === 'both' ? ['injured', 'killed'] : [kind];
  for (const metric of metrics) {
    phrases.push({
      metric,
      value: 0,
      qualifier: 'exact',
      term,
      evidence: { start, end },
      strength,
      index: from,
    });
  }
}

function dedupeZeros(phrases: CasualtyPhrase[]): CasualtyPhrase[] {
  const seen = new Set<string>();
  return phrases.filter((phrase) => {
    if (phrase.value !== 0) return true;
    const key = `${phrase.metric}:${phrase.index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Counted = Omit<CasualtyPhrase, 'metric' | 'strength' | 'term'>;

function readCountBackward(tokens: readonly Token[], j: number, first: number): Counted | undefined {
  let limit = j - 9;
  for (let k = j - 1; k >= first && k >= limit; k--) {
    const token = tokens[k];
    if (!token || isClauseEnd(token)) return undefined;
    if (token.norm === ',') {
      // "five people, including a girl, were injured", "Двоє чоловіків, працівники ферми, загинули".
      const open = findInsertStart(tokens, k, first);
      if (open === undefined) return undefined;
      limit -= k - open;
      k = open;
      continue;
    }
    // "Двоє чоловіків 38 та 50 років загинули": ages after the victims are not the count.
    if (token.kind === 'word' && AGE_FOLLOWER.test(token.norm)) {
      const ages = findAgesStart(tokens, k, first);
      if (ages === undefined) return undefined;
      limit -= k - ages;
      k = ages;
      continue;
    }
    // "6 (з них 1 дитина) людей", "5 человек (в том числе двое детей)": the bracket is a subset.
    if (token.norm === ')') {
      const open = findOpeningBracket(tokens, k, first);
      if (open === undefined) return undefined;
      // The bracket does not use up the distance allowed between the count and its word.
      limit -= k - open;
      k = open;
      continue;
    }
    if (isTransparentPunct(token)) continue;
    const start = findNumberStart(tokens, k, first);
    if (start !== undefined) return makeCount(tokens, start, j);
    if (token.kind === 'number') {
      // "Two men aged 45 and 62 were wounded": step back over the ages to the count.
      const marker = findAgeMarker(tokens, k, first);
      if (marker === undefined) return undefined;
      k = marker;
      continue;
    }
    if (token.kind === 'word' && (SKIP_BACKWARD.test(token.norm) || PERSON_WORD.test(token.norm))) continue;
    if (token.kind === 'punct' && /^[-–—]$/.test(token.norm)) continue;
    // "Ще 15 людей в області отримали поранення": step back over "in the region".
    const place = findRegionPhraseStart(tokens, k, first);
    if (place !== undefined) {
      k = place;
      continue;
    }
    return undefined;
  }
  return undefined;
}

const SUBSET_OPENER = /^(?:including|among|серед|зокрема|включаючи|в|у|з|із|из|среди|включая)$/;

/**
 * The comma that opens an insert closed by the comma at `close`: a subset clause ("including a 9-year-old
 * girl", "серед них дитина", "в том числе ребенок") or an apposition of a few words after a person noun or
 * an age ("чоловіків 38 та 50 років, працівники ферми,"). Anything else ends the phrase.
 */
function findInsertStart(tokens: readonly Token[], close: number, first: number): number | undefined {
  for (let k = close - 1; k >= first && k >= close - 8; k--) {
    const token = tokens[k];
    if (!token || isClauseEnd(token)) return undefined;
    if (token.norm !== ',') {
      if (token.kind === 'word' && (readCasualtyWord(token.norm) || NEGATIONS.has(token.norm)))
        return undefined;
      continue;
    }
    const opener = tokens[k + 1]?.norm ?? '';
    if (SUBSET_OPENER.test(opener) && isSubsetClause(tokens, k + 1)) return k;
    const before = tokens[k - 1];
    const words = close - k - 1;
    const plain = tokens.slice(k + 1, close).every((t) => t.kind === 'word');
    if (
      plain &&
      words <= 4 &&
      before !== undefined &&
      before.kind === 'word' &&
      (PERSON_WORD.test(before.norm) || AGE_FOLLOWER.test(before.norm))
    )
      return k;
    return undefined;
  }
  return undefined;
}

/** "including ...", "серед них", "з них", "в тому числі", "в том числе", "among them". */
function isSubsetClause(tokens: readonly Token[], k: number): boolean {
  const word = tokens[k]?.norm ?? '';
  const next = tokens[k + 1]?.norm ?? '';
  if (/^(?:including|зокрема|включаючи|включая)$/.test(word)) return true;
  if (/^(?:among|серед|среди|з|із|из)$/.test(word)) return /^(?:them|них|яких|которых)$/.test(next);
  return /^(?:в|у)$/.test(word) && /^(?:тому|том)$/.test(next);
}

/** The first token of an age run ("38 та 50 років", "45 і 62 роки") that ends at the age word `k`. */
function findAgesStart(tokens: readonly Token[], k: number, first: number): number | undefined {
  let start: number | undefined;
  for (let m = k - 1; m >= first && m >= k - 6; m--) {
    const token = tokens[m];
    if (!token) break;
    if (token.kind === 'number') start = m;
    else if (!(AND_WORDS.has(token.norm) || token.norm === ',')) break;
  }
  return start;
}

function findOpeningBracket(tokens: readonly Token[], close: number, first: number): number | undefined {
  for (let k = close - 1; k >= first && k >= close - 12; k--) {
    const norm = tokens[k]?.norm;
    if (norm === '(') return k;
    if (norm === ')' || norm === '\n') return undefined;
  }
  return undefined;
}

const REGION_NOUN = /^(?:області|регіоні|краї|oblast|region|области|регионе|крае)$/;
const LOCATIVE = /^(?:в|у|in|на|по)$/;

/** First token of "в області", "in the region", "по області" that ends at token k, if it is one. */
function findRegionPhraseStart(tokens: readonly Token[], k: number, first: number): number | undefined {
  if (!REGION_NOUN.test(tokens[k]?.norm ?? '')) return undefined;
  let j = k - 1;
  if (tokens[j]?.norm === 'the') j--;
  return j >= first && LOCATIVE.test(tokens[j]?.norm ?? '') ? j : undefined;
}

const RISE_WORD =
  /^(?:зросла|зросло|зросли|збільшилася|збільшилась|збільшилося|increased|rose|risen|climbed|grew|возросло|возросла|возросли|увеличилось|увеличилась)$/;
const RISE_TO = /^(?:to|до)$/;

/** "the death toll in the region has risen to four", "кількість загиблих зросла до 5". */
function readRisenTo(tokens: readonly Token[], j: number, end: number): Counted | undefined {
  for (let k = j + 1; k < end && k <= j + 12; k++) {
    const token = tokens[k];
    // "for Oct. 3": the full stop of a month abbreviation and the day are part of a date.
    const date = parseNumberAt(tokens, k + 1);
    if (token?.norm === '.' && date && isDateNumber(tokens, date)) continue;
    if (!token || isClauseEnd(token) || token.norm === ',') return undefined;
    const between = parseNumberAt(tokens, k);
    if (between && isDateNumber(tokens, between)) {
      k = between.last;
      continue;
    }
    if (token.kind === 'number' || between) return undefined;
    if (!RISE_WORD.test(token.norm)) continue;
    const to = RISE_TO.test(tokens[k + 1]?.norm ?? '') ? k + 2 : undefined;
    if (to === undefined || to >= end) return undefined;
    const number = parseNumberAt(tokens, to);
    if (!number || number.multiplicative || isAge(tokens, number.last)) return undefined;
    const counted = makeCount(tokens, to, j);
    // The "до" of "зросла до 3" is the rise's, not "up to".
    return counted && counted.qualifier === 'up_to' ? { ...counted, qualifier: 'exact' } : counted;
  }
  return undefined;
}

function readCountForward(tokens: readonly Token[], j: number, end: number): Counted | undefined {
  for (let k = j + 1; k < end && k <= j + 5; k++) {
    const token = tokens[k];
    if (!token || isClauseEnd(token) || token.norm === ',') return undefined;
    if (isTransparentPunct(token)) continue;
    const number = parseNumberAt(tokens, k);
    if (number && !number.multiplicative) {
      if (isAge(tokens, number.last)) return undefined;
      return makeCount(tokens, k, Math.max(j, number.last));
    }
    if (token.kind === 'number') return undefined;
    if (token.kind === 'word' && SKIP_FORWARD.test(token.norm)) continue;
    if (token.kind === 'punct' && /^[-–—]$/.test(token.norm)) continue;
    return undefined;
  }
  return undefined;
}

/** The first token of a number phrase that ends at token k, if k is part of one. */
function findNumberStart(tokens: readonly Token[], k: number, first: number): number | undefined {
  for (let start = Math.max(first, k - 2); start <= k; start++) {
    const number = parseNumberAt(tokens, start);
    if (number && !number.multiplicative && number.last === k && !isAge(tokens, number.last)) return start;
  }
  return undefined;
}

function findAgeMarker(tokens: readonly Token[], k: number, first: number): number | undefined {
  for (let m = k - 1; m >= first && m >= k - 3; m--) {
    if (/^(?:aged|age|віком|віці|возрасте|возраста)$/.test(tokens[m]?.norm ?? '')) return m;
  }
  return undefined;
}

function isAge(tokens: readonly Token[], last: number): boolean {
  const next = tokens[last + 1];
  if (next !== undefined && next.kind === 'word' && AGE_FOLLOWER.test(next.norm)) return true;
  // "aged 45 and 62", "віком 53 та 74 років".
  for (let k = last - 1; k >= 0 && k >= last - 3; k--) {
    if (/^(?:aged|age|віком|віці|возрасте|возраста)$/.test(tokens[k]?.norm ?? '')) return true;
  }
  return false;
}

function makeCount(tokens: readonly Token[], numberIndex: number, keyword: number): Counted | undefined {
  const number = parseNumberAt(tokens, numberIndex);
  // "on Oct.\n26 killed one civilian": a day of the month that a line break cut from its month.
  if (!number || isDateNumber(tokens, number)) return undefined;
  // "No one was killed", "ні один не постраждав", "ни один человек": a negated "one" is nobody.
  if (NEGATIONS.has(tokens[number.first - 1]?.norm ?? '')) return undefined;
  const { qualifier, first } = readQualifierBefore(tokens, number.first);
  const from = Math.min(first, keyword);
  const to = Math.max(number.last, keyword);
  const start = tokens[from]?.start ?? 0;
  const end = tokens[to]?.end ?? start;
  return { value: number.value, qualifier, evidence: { start, end }, index: number.first };
}

function isSingularVictim(tokens: readonly Token[], j: number, first: number, end: number): boolean {
  const word = tokens[j]?.norm ?? '';
  const previous = tokens[j - 1]?.norm ?? '';
  const beforePrevious = tokens[j - 2]?.norm ?? '';
  let singular = false;
  if (SINGULAR_FORMS.test(word)) singular = true;
  else if (SINGULAR_AUX.test(previous) || (previous === 'been' && SINGULAR_AUX.test(beforePrevious)))
    singular = true;
  else if (
    /^(?:поранення|ранение)$/.test(word) &&
    (SINGULAR_RECEIVE.test(previous) || SINGULAR_RECEIVE.test(tokens[j + 1]?.norm ?? ''))
  ) {
    singular = true;
  } else if (IMPERSONAL.test(word)) {
    singular = hasSingularObject(tokens, j, end);
  }
  if (!singular)
    singular =
      isLeftWounded(tokens, j, first) ||
      isSingularSustained(tokens, j, first) ||
      isWithInjuries(tokens, j, first);
  if (!singular) return false;
  if (hasPlaceSubject(tokens, j, first, end)) return false;
  if (hasPluralSubject(tokens, j, first)) return false;
  return !hasSecondVictim(tokens, j, end);
}

const PLACE_SUBJECT =
  /^(?:громада|громади|общине|община|hromada|community|село|селище|місто|город|поселок|village|town|city|область|oblast|region|інфраструктура|инфраструктура|infrastructure|будинок|будівля|дом|здание|building|house|підприємство|предприятие)$/;

/** "Найбільше постраждала Білопільська громада", "the town suffered": a place, not a victim. */
function hasPlaceSubject(tokens: readonly Token[], j: number, first: number, end: number): boolean {
  for (const step of [-1, 1]) {
    for (let k = j + step; k >= first && k < end && Math.abs(k - j) <= 3; k += step) {
      const token = tokens[k];
      if (!token || isClauseEnd(token) || token.norm === ',' || token.norm === ':') break;
      if (token.kind === 'word' && (SINGULAR_PERSON.test(token.norm) || PERSON_WORD.test(token.norm)))
        return false;
      if (PLACE_SUBJECT.test(token.norm)) return true;
    }
  }
  return false;
}

/** "48-річна дружина ... з пораненнями була доставлена", "мужчина с ранениями": one person, with wounds. */
function isWithInjuries(tokens: readonly Token[], j: number, first: number): boolean {
  if (!/^(?:пораненнями|ранениями|травмами|injuries|wounds)$/.test(tokens[j]?.norm ?? '')) return false;
  if (!/^(?:з|із|с|with)$/.test(tokens[j - 1]?.norm ?? '')) return false;
  for (let k = j - 2; k >= first && k >= j - 6; k--) {
    const token = tokens[k];
    if (!token || isClauseEnd(token) || token.norm === ',') return false;
    if (isPerson(token)) return true;
  }
  return false;
}

const LEAVING = /^(?:leaving|left)$/;

/** "leaving a 63-year-old man wounded", "left a woman dead". */
function isLeftWounded(tokens: readonly Token[], j: number, first: number): boolean {
  let person = false;
  for (let k = j - 1; k >= first && k >= j - 6; k--) {
    const norm = tokens[k]?.norm ?? '';
    if (SINGULAR_PERSON.test(norm)) person = true;
    else if (LEAVING.test(norm)) return person && /^(?:a|an)$/.test(tokens[k + 1]?.norm ?? '');
  }
  return false;
}

const SUSTAIN = /^(?:sustained|suffered|received|got)$/;
const WOUND_NOUN = /^(?:wounds|injuries|injury|wound)$/;

/** "A 52-year-old woman sustained shrapnel wounds": one person with the wounds. */
function isSingularSustained(tokens: readonly Token[], j: number, first: number): boolean {
  if (!WOUND_NOUN.test(tokens[j]?.norm ?? '')) return false;
  for (let k = j - 1; k >= first && k >= j - 3; k--) {
    if (!SUSTAIN.test(tokens[k]?.norm ?? '')) continue;
    for (let m = k - 1; m >= first && m >= k - 4; m--) {
      const token = tokens[m];
      if (!token || isClauseEnd(token) || token.norm === ',') return false;
      if (SINGULAR_PERSON.test(token.norm)) return true;
    }
    return false;
  }
  return false;
}

/** "поранено жінку", "injuring a 70-year-old man", "injured a police officer". */
function hasSingularObject(tokens: readonly Token[], j: number, end: number): boolean {
  for (let k = j + 1; k < end && k <= j + 4; k++) {
    const token = tokens[k];
    if (!token || isClauseEnd(token) || token.norm === ',') return false;
    if (token.kind === 'word' && (token.norm === 'a' || token.norm === 'an')) return true;
    if (token.kind === 'word' && SINGULAR_PERSON.test(token.norm)) return true;
  }
  return false;
}

/** "Мешканці будинку отримали легкі поранення": a plural subject right before the verb. */
function hasPluralSubject(tokens: readonly Token[], j: number, first: number): boolean {
  const previous = tokens[j - 1];
  if (!previous || j - 1 < first) return false;
  return /^(?:were|have|are|отримали|дістали|зазнали|получили)$/.test(previous.norm);
}

/** "... and an 83-year-old woman was injured": the second person has a statement of their own. */
function hasOwnCasualtyWord(tokens: readonly Token[], person: number, end: number): boolean {
  for (let k = person + 1; k < end && k <= person + 3; k++) {
    const token = tokens[k];
    if (!token || isClauseEnd(token)) return false;
    if (token.kind === 'word' && readCasualtyWord(token.norm)) return true;
  }
  return false;
}

/** "Постраждала господиня, 34-річна жінка, та її 14-річний син": more than one victim, uncounted. */
function hasSecondVictim(tokens: readonly Token[], j: number, end: number): boolean {
  for (let k = j + 1; k < end && k <= j + 10; k++) {
    const token = tokens[k];
    if (!token || isClauseEnd(token)) return false;
    if (token.kind === 'word' && AND_WORDS.has(token.norm)) {
      for (let m = k + 1; m < end && m <= k + 6; m++) {
        const next = tokens[m];
        if (!next || isClauseEnd(next)) return false;
        if (next.kind === 'word' && readCasualtyWord(next.norm)) return false;
        if (next.kind === 'word' && SINGULAR_PERSON.test(next.norm))
          return !hasOwnCasualtyWord(tokens, m, end);
        if (
          next.kind === 'word' &&
          /^(?:син|сина|дочка|доньку|son|daughter|husband|wife|чоловік|дружина)$/.test(next.norm)
        ) {
          return true;
        }
      }
    }
  }
  return false;
}
