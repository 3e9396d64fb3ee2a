/**
 * Victims listed one by one instead of counted: "поранені 47-річна жінка та 18-річний хлопець", "ранения
 * получили мужчина и женщина", "A 71-year-old man and his 68-year-old wife were killed". Each person noun
 * joined by "та", "і", "и", "and" (or a list comma) is one victim; ages and adjectives around them are not
 * counts. An apposition ("господиня, 34-річна жінка, та її син") names the same person twice and counts once.
 */
import { SINGULAR_PERSON } from './lexicon.js';
import type { Token } from './scan-text.js';

/** Family and other person nouns that a list may name beside the lexicon's singular persons. */
const LISTED_PERSON =
  /^(?:wife|husband|son|daughter|mother|father|brother|sister|grandson|granddaughter|grandmother|grandfather|дружина|дружину|чоловіка|син|сина|донька|доньку|дочка|дочку|онук|онука|онуку|онучка|онучку|бабуся|бабусю|дідусь|мати|батько|брат|сестра|жена|жену|муж|мужа|сын|сына|дочь|мужчину|женщину|жительницу|пенсионерку|пенсионерка|пенсионер|подросток|подростка|юнак|юнака|мальчик|мальчика|девочка|девочку|хлопчик|хлопчика|дівчинка|дівчина|жительку|пенсіонерку|пенсіонера|водія|водителя|водитель)$/;

/** Words that qualify a listed person without being one: ages, articles, possessives, a few adjectives. */
const MODIFIER =
  /^(?:a|an|the|his|her|their|its|її|його|їхн\p{L}*|его|ее|их|сво\p{L}*|\p{L}*річн\p{L}*|\p{L}*літн\p{L}*|\p{L}*летн\p{L}*|year-old|years-old|old|aged|віком|возрасте|років|року|рік|лет|года|год|years?|місцев\p{L}*|местн\p{L}*|пожил\p{L}*|elderly|local|young|молод\p{L}*|another|ще|еще|also|також|-)$/u;

const COORDINATOR = /^(?:та|і|й|и|and)$/;

/** Tokens between the casualty word and the list that belong to the verb ("were", "отримали"). */
const VERB_PART =
  /^(?:were|was|have|has|been|had|отримали|дістали|зазнали|получили|були|було|поранення|ранения|травми|травмы|injuries|wounds|shrapnel|осколкові|осколочные|легкі|легкие|тяжкі|тяжелые|різного|ступеня|степени|тяжести|важкості)$/;

export interface VictimList {
  value: number;
  /** First and last token of the list. */
  from: number;
  to: number;
}

/** A noun for one person, from the lexicon or a family or age word ("дружина", "wife", "подросток"). */
export function isPerson(token: Token | undefined): boolean {
  return token?.kind === 'word' && (SINGULAR_PERSON.test(token.norm) || LISTED_PERSON.test(token.norm));
}

function isModifier(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === 'number') return true;
  return (token.kind === 'word' || token.norm === '-') && MODIFIER.test(token.norm);
}

/** Reads a list of two or more persons that starts at token `start`, if one does. */
function readListFrom(tokens: readonly Token[], start: number, end: number): VictimList | undefined {
  let persons = 0;
  let last = -1;
  let k = start;
  let separator: 'first' | 'comma' | 'coordinator' = 'first';
  while (k < end) {
    // One item: modifiers, then a person noun, then trailing ages ("чоловік 45 років").
    let m = k;
    let steps = 0;
    while (m < end && steps < 5 && isModifier(tokens[m]) && !isPerson(tokens[m])) {
      m++;
      steps++;
    }
    if (!isPerson(tokens[m])) break;
    let after = m + 1;
    while (after < end && after <= m + 3 && isTrailingAge(tokens, after)) after++;
    // "господиня, 34-річна жінка, та її син": an item set off by commas before a coordinator is apposition.
    const appositive =
      separator === 'comma' &&
      tokens[after]?.norm === ',' &&
      COORDINATOR.test(tokens[after + 1]?.norm ?? '') &&
      takesNoListComma(tokens[after + 1]?.norm ?? '');
    if (!appositive) persons++;
    last = after - 1;
    const next = tokens[after];
    if (next?.norm === ',') {
      separator = 'comma';
      k = COORDINATOR.test(tokens[after + 1]?.norm ?? '') ? after + 2 : after + 1;
      if (k > after + 1) separator = 'coordinator';
      continue;
    }
    if (next && next.kind === 'word' && COORDINATOR.test(next.norm)) {
      separator = 'coordinator';
      k = after + 1;
      continue;
    }
    break;
  }
  return persons >= 2 ? { value: persons, from: start, to: last } : undefined;
}

/** Ukrainian and Russian do not put a comma before "та"/"і"/"и" in a plain list; English may ("and"). */
function takesNoListComma(coordinator: string): boolean {
  return coordinator !== 'and';
}

function isTrailingAge(tokens: readonly Token[], k: number): boolean {
  const token = tokens[k];
  if (!token) return false;
  if (token.kind === 'number') return /^(?:років|року|рік|лет|года|год)$/.test(tokens[k + 1]?.norm ?? '');
  return /^(?:років|року|рік|лет|года|год)$/.test(token.norm);
}

/** A list right after the casualty word at `j` ("поранено 47-річну жінку та 18-річного хлопця"). */
export function readVictimListAfter(
  tokens: readonly Token[],
  j: number,
  end: number,
): VictimList | undefined {
  let k = j + 1;
  while (k < end && k <= j + 3 && VERB_PART.test(tokens[k]?.norm ?? '')) k++;
  return readListFrom(tokens, k, end);
}

/** A list that ends right before the casualty word at `j` ("A man and his wife were killed"). */
export function readVictimListBefore(
  tokens: readonly Token[],
  j: number,
  first: number,
): VictimList | undefined {
  let tail = j - 1;
  while (tail >= first && tail >= j - 4 && VERB_PART.test(tokens[tail]?.norm ?? '')) tail--;
  if (!isPerson(tokens[tail]) && !isTrailingAge(tokens, tail)) return undefined;
  // Walk back over what a list can hold, then read it forward and require it to end at the tail.
  let start = tail;
  while (start - 1 >= first && start - 1 >= tail - 20) {
    const token = tokens[start - 1];
    if (!token) break;
    if (isPerson(token) || isModifier(token) || token.norm === ',' || COORDINATOR.test(token.norm)) start--;
    else break;
  }
  for (let s = start; s < tail; s++) {
    if (tokens[s]?.norm === ',' || COORDINATOR.test(tokens[s]?.norm ?? '')) continue;
    const list = readListFrom(tokens, s, tail + 1);
    if (list && list.to === tail) return list;
  }
  return undefined;
}
