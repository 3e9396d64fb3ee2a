/**
 * Whole-text signals: a correction of an earlier report ("за уточненою інформацією", "updated"), a running
 * casualty update for one strike ("кількість постраждалих зросла до 42") that is not a daily tally, and
 * editors' glosses that explain a word rather than report anything.
 */
import type { Token } from './scan-text.js';

const CORRECTION_PHRASES: ReadonlyArray<readonly string[]> = [
  ['за', 'уточненою', 'інформацією'],
  ['за', 'уточненими', 'даними'],
  ['по', 'уточненной', 'информации'],
  ['по', 'уточненным', 'данным'],
  ['уточнена', 'інформація'],
  ['updated'],
  ['update'],
  ['оновлено'],
  ['оновлення'],
  ['обновлено'],
];

const FIRST_WORDS = new Set(CORRECTION_PHRASES.map((phrase) => phrase[0]));

/** True when the text presents itself as a revision of an earlier report. */
export function isCorrectionText(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!FIRST_WORDS.has(tokens[i]?.norm ?? '')) continue;
    if (CORRECTION_PHRASES.some((phrase) => matchesAt(tokens, i, phrase))) return true;
  }
  return false;
}

const RISE_WORDS =
  /^(?:зросла|зросло|зросли|збільшилася|збільшилась|збільшилося|increased|rose|risen|climbed|возросло|возросла|увеличилось|увеличилась)$/;
const COUNT_WORDS = /^(?:кількість|число|number|toll|количество)$/;

/** True when the text reports a casualty count that keeps rising after one strike. */
export function isRunningUpdate(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!RISE_WORDS.test(tokens[i]?.norm ?? '')) continue;
    // "Кількість постраждалих внаслідок удару по Запоріжжю зросла": the count word may sit a few words off.
    // "The number of people injured in the Russian missile strike on Dnipro has risen to 31": up to a dozen.
    for (let j = Math.max(0, i - 12); j <= i + 4 && j < tokens.length; j++) {
      if (COUNT_WORDS.test(tokens[j]?.norm ?? '')) return true;
    }
  }
  return false;
}

function matchesAt(tokens: readonly Token[], index: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (tokens[index + k]?.norm !== phrase[k]) return false;
  return true;
}

/**
 * An editor's gloss in brackets: "[A hromada is an administrative unit ... – ed.]", "(громада – ... – ред.)",
 * "(прим. ред.)". The bracket stays on one line and is bounded, so the scan is linear.
 */
const EDITORIAL_GLOSS = /[[(][^[\]()\n]{0,400}?(?:\bed|ред|\bприм\.?\s?ред|editor's note)\.?\s{0,2}[\])]/giu;

/**
 * The text with editors' glosses blanked out, character for character, so offsets still point into the
 * original: a gloss about what a hromada is would otherwise read as the start of a per-community breakdown.
 */
export function blankEditorialGlosses(text: string): string {
  if (!text.includes('[') && !text.includes('(')) return text;
  return text.replace(EDITORIAL_GLOSS, (gloss) => ' '.repeat(gloss.length));
}
