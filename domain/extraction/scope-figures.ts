/**
 * Reads the count phrases and casualty statements of the sentences that are not background, and marks each
 * figure as the oblast's or one community's.
 */
import { isRegionTotalSentence, namesOblastBetween } from './classify-sentences.js';
import { namesOblastInClauseAfter, type BreakdownSentence } from './build-per-community.js';
import { readCasualties, type CasualtyPhrase } from './read-casualties.js';
import { ATTACK_VERB } from './lexicon.js';
import { readCountPhrases, type CountPhrase } from './read-count-phrases.js';
import { findWindowMentions } from './read-window.js';
import type { Token } from './scan-text.js';
import type { SentenceInfo } from './scope-sentences.js';
import type { RegionKey } from './types.js';

export interface ScopedCount extends CountPhrase {
  sentence: SentenceInfo;
  community: boolean;
}

export interface ScopedCasualty extends CasualtyPhrase {
  sentence: SentenceInfo;
  community: boolean;
  total: boolean;
  /** Which paragraph (run of lines without a blank-free break) of the text the figure is in; the title is 0. */
  paragraph: number;
  /** The figure sits inside quotation marks: the official's own words relayed by an outlet. */
  quoted: boolean;
  /**
   * The figure is in the day's summary for the whole region, not in one incident's account: 'day' when the
   * summary gives its period or total ("За минулу добу на Миколаївщині"), 'oblast' when it only names the
   * oblast as a whole.
   */
  summary: SummaryKind | undefined;
  /** The place its incident is told of (the stem of the sentence's or paragraph's place word), if any. */
  place: string | undefined;
  /** The paragraphs of the text that tell of one incident at a stated time ("О 20:50 обстріляно ..."). */
  incidents: readonly number[];
}

/** The count phrases of every sentence, outside background sentences and clauses (one array per sentence). */
export function readSentencePhrases(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
): CountPhrase[][] {
  return sentences.map((sentence, s) =>
    sentence.background
      ? []
      : readCountPhrases(
          tokens,
          sentence.first,
          sentence.end,
          continuesAttackSentence(tokens, sentence, sentences[s - 1]),
        ).filter((phrase) => !inBackgroundClause(sentence, phrase.index)),
  );
}

const CONTINUING_CONJUNCTION = /^(?:та|і|й|а|and|и|а также)$/;

/** "Та один раз – по Марганецькій громаді.": a sentence without a verb that goes on from an attack sentence. */
function continuesAttackSentence(
  tokens: readonly Token[],
  sentence: SentenceInfo,
  previous: SentenceInfo | undefined,
): boolean {
  if (!previous || previous.background) return false;
  if (!CONTINUING_CONJUNCTION.test(tokens[sentence.first]?.norm ?? '')) return false;
  for (let i = sentence.first; i < sentence.end; i++)
    if (ATTACK_VERB.test(tokens[i]?.norm ?? '')) return false;
  for (let i = previous.first; i < previous.end; i++)
    if (ATTACK_VERB.test(tokens[i]?.norm ?? '')) return true;
  return false;
}

export function collectCounts(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  phrases: readonly CountPhrase[][],
): ScopedCount[] {
  const out: ScopedCount[] = [];
  sentences.forEach((sentence, s) => {
    if (sentence.region === null) return;
    // "... по околицях села Гай Новгород-Сіверської громади. Тут нарахували 10 вибухів.": "here" is that place.
    const previous = sentences[s - 1];
    const placeBefore =
      previous !== undefined && !sentence.namesRegion && (previous.placeIndex >= 0 || previous.inSection);
    const hereIsPlace = placeBefore && refersToPlace(tokens, sentence);
    for (const phrase of phrases[s] ?? []) {
      const scoped = phrase as ScopedCount;
      scoped.sentence = sentence;
      scoped.community = hereIsPlace || isCommunityScoped(tokens, sentence, phrase.index);
      out.push(scoped);
    }
  });
  readStrikesBesideTimes(out);
  return out;
}

const TIMES_WORD = /^(?:times|разів|рази|раз|раза)$/;
const STRIKES_WORD = /^(?:strikes?|hits?)$/;

/**
 * "struck ... 12 times; 31 strikes were recorded": beside a count of times, the strikes counted are the
 * impacts, so they are explosions.
 */
function readStrikesBesideTimes(counts: ScopedCount[]): void {
  const times = counts.filter(
    (c) => c.metric === 'attacks' && !c.community && c.weapon === undefined && TIMES_WORD.test(c.term),
  );
  if (times.length === 0) return;
  for (const count of counts) {
    if (count.metric !== 'attacks' || count.community || !STRIKES_WORD.test(count.term)) continue;
    const region = count.sentence.region;
    if (times.some((t) => t.sentence.region === region && t.value !== count.value))
      count.metric = 'explosions';
  }
}

/** The sentence facts the per-community breakdown reads. */
export function toBreakdownSentences(
  sentences: readonly SentenceInfo[],
  phrases: readonly CountPhrase[][],
): BreakdownSentence[] {
  return sentences.map((sentence, s) => ({
    first: sentence.first,
    end: sentence.end,
    region: sentence.region,
    background: sentence.background,
    // "up to 10 explosions were heard in Zaporizhzhia": a capital named alone is the city's hromada.
    namesRegion: sentence.namesOblast,
    regionTotal: sentence.regionTotal,
    phrases: phrases[s] ?? [],
  }));
}

function sameClause(tokens: readonly Token[], from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const norm = tokens[i]?.norm;
    // Commas inside brackets ("тричі (о 9:23, 9:51 та об 11:07) били") do not end the clause.
    if (norm === '(') depth++;
    else if (norm === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (norm === ',' || norm === ';' || norm === ':' || norm === '.')) return false;
  }
  return true;
}

function inBackgroundClause(sentence: SentenceInfo, index: number): boolean {
  return sentence.backgroundClauses.some(([from, to]) => index >= from && index < to);
}

/** A figure is a community's when a singular place comes before it with no oblast word in between. */
function isCommunityScoped(tokens: readonly Token[], sentence: SentenceInfo, index: number): boolean {
  // "зазнали місто Харків і 7 населених пунктів Харківської області", "в 12 громадах області": the clause
  // puts the figure on the oblast.
  if (namesOblastInClauseAfter(tokens, index, sentence.end)) return false;
  if (sentence.inSection) return true;
  if (sentence.placeIndex < 0) return false;
  // "тричі били ... по акваторії Очаківської громади": the place follows the figure in the same clause.
  if (sentence.placeIndex > index) {
    return (
      !sentence.namesRegion &&
      !namesOblastBetween(tokens, sentence.first, sentence.placeIndex) &&
      sameClause(tokens, index, sentence.placeIndex)
    );
  }
  const place = tokens[sentence.placeIndex]?.norm ?? '';
  if (/^(?:each|кожній|кожному|кожен|каждой|каждом|area)$/.test(place)) return true;
  if (sentence.placeIndex > index) return false;
  return !namesOblastBetween(tokens, sentence.placeIndex, index);
}

export function collectCasualties(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
): ScopedCasualty[] {
  const out: ScopedCasualty[] = [];
  const paragraphs = new CasualtyContext(tokens, sentences);
  for (const [position, sentence] of sentences.entries()) {
    if (sentence.background || sentence.region === null) continue;
    const total = isRegionTotalSentence(tokens, sentence, true);
    for (const phrase of readCasualties(tokens, sentence.first, sentence.end)) {
      if (inBackgroundClause(sentence, phrase.index)) continue;
      // The war's or the country's running toll ("19 875 поранені" since the invasion) is never one day's, and
      // a recap of earlier reporting ("As Ukrinform reported, on February 19 ...") is another day's.
      if (phrase.value > MAX_DAILY_CASUALTIES || paragraphs.speaksOfWholeWar(sentence)) continue;
      if (paragraphs.isRecap(sentence)) continue;
      const community =
        isCommunityScoped(tokens, sentence, phrase.index) ||
        (phrase.value === 0 && !sentence.namesRegion && refersToPlace(tokens, sentence));
      const scoped = phrase as ScopedCasualty;
      scoped.sentence = sentence;
      scoped.total = total;
      scoped.community = community;
      scoped.paragraph = paragraphs.paragraphOf(position);
      scoped.quoted = paragraphs.isQuoted(phrase.index);
      scoped.summary = paragraphs.isSummary(position);
      scoped.place = paragraphs.placeOf(position);
      scoped.incidents = paragraphs.listIncidents();
      out.push(scoped);
    }
  }
  return out;
}

export type SummaryKind = 'day' | 'oblast';

/** No oblast reports this many casualties in one day; a figure above it is a war-long or national toll. */
const MAX_DAILY_CASUALTIES = 1000;

const WHOLE_WAR_WORD = /^(?:вторгнен\p{L}*|вторжени\p{L}*|invasion)$/u;
const LOCATIVE_PREPOSITION = /^(?:в|у|во|на|по|під|под|біля|возле|in|near|at|on)$/;
const RECALL_OPENER = /^(?:нагад\p{L}*мо|напомн\p{L}*м|recall)$/u;
const RECAP_OPENER = /^(?:as|як|как)$/;
const RECAP_VERB =
  /^(?:reported|wrote|informed|повідомляв|повідомляла|повідомляли|повідомлялося|писав|писала|писали|сообщал|сообщала|сообщали|сообщалось|писал|писало)$/u;
const DAY_WINDOWS = new Set(['past_24h', 'day', 'night_and_morning']);

/**
 * What a casualty figure's place in the text says about its scope: its paragraph, whether it is quoted, and
 * whether its paragraph opens with the day's summary for the region ("За минулу добу на Миколаївщині ...",
 * "In total, over the past day, ... the region"). Worked out lazily, once per paragraph.
 */
class CasualtyContext {
  private readonly paragraphStarts: number[] = [];
  private readonly paragraphIndex: number[] = [];
  private readonly summaries = new Map<number, SummaryKind | undefined>();
  private quotedBefore: Uint8Array | undefined;
  private incidents: number[] | undefined;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly sentences: readonly SentenceInfo[],
  ) {
    let paragraph = 0;
    let lastTitle = true;
    for (const [position, sentence] of sentences.entries()) {
      const previous = sentences[position - 1];
      const breaks =
        position === 0 ||
        (lastTitle && !sentence.fromTitle) ||
        (previous !== undefined && tokens[previous.end - 1]?.norm === '\n');
      if (breaks && position > 0) paragraph++;
      if (breaks) this.paragraphStarts.push(position);
      this.paragraphIndex.push(paragraph);
      lastTitle = sentence.fromTitle;
    }
  }

  paragraphOf(position: number): number {
    return this.paragraphIndex[position] ?? 0;
  }

  /** A sentence of a summary paragraph that does not itself narrow to one place. */
  isSummary(position: number): SummaryKind | undefined {
    const sentence = this.sentences[position];
    if (!sentence || sentence.fromTitle || sentence.placeIndex >= 0) return undefined;
    // "В Белозерке обошлось без пострадавших": a place the gazetteer does not know still narrows the sentence
    // ("На Миколаївщині ..." names the region, and so narrows nothing).
    if (!sentence.namesRegion && this.namedPlaceStem(sentence) !== undefined) return undefined;
    const paragraph = this.paragraphOf(position);
    let summary = this.summaries.get(paragraph);
    if (!this.summaries.has(paragraph)) {
      const start = this.paragraphStarts[paragraph] ?? position;
      const lead = this.sentences[start];
      summary = lead === undefined ? undefined : this.readSummary(lead);
      this.summaries.set(paragraph, summary);
    }
    const own = this.readSummary(sentence);
    return summary === 'day' || own === 'day' ? 'day' : (summary ?? own);
  }

  private readSummary(sentence: SentenceInfo): SummaryKind | undefined {
    if (sentence.background) return undefined;
    if (sentence.regionTotal) return 'day';
    // "місто Харків і 7 населених пунктів Харківської області" still speaks of the oblast as a whole.
    const oblast = namesOblastBetween(this.tokens, sentence.first, sentence.end);
    if (!oblast && (sentence.placeIndex >= 0 || !sentence.namesRegion)) return undefined;
    const windows = findWindowMentions(this.tokens, sentence.first, sentence.end);
    if (windows.some((m) => DAY_WINDOWS.has(m.kind))) return 'day';
    // "Russian forces attacked 13 communities in Sumy Oblast on May 14, injuring one person": the oblast
    // named as a whole, with no one place, though without the day's window words.
    return oblast && sentence.placeIndex < 0 ? 'oblast' : undefined;
  }

  /**
   * Paragraphs that open with a clock time and tell of one place ("О 20:50 був обстріл селища ...", "At
   * 10:20, a drone hit a garage in Kupiansk"): the accounts of single incidents.
   */
  listIncidents(): number[] {
    if (this.incidents !== undefined) return this.incidents;
    const incidents: number[] = [];
    for (const start of this.paragraphStarts) {
      const sentence = this.sentences[start];
      if (!sentence || sentence.fromTitle || sentence.background) continue;
      if (!opensWithClockTime(this.tokens, sentence)) continue;
      if (this.placeOf(start) !== undefined) incidents.push(this.paragraphOf(start));
    }
    this.incidents = incidents;
    return incidents;
  }

  /** The stem of the place word of the sentence, or failing that of its paragraph's first sentence with one. */
  placeOf(position: number): string | undefined {
    const own = this.placeStem(this.sentences[position]);
    if (own !== undefined) return own;
    const paragraph = this.paragraphOf(position);
    for (let p = this.paragraphStarts[paragraph] ?? position; p < position; p++) {
      const stem = this.placeStem(this.sentences[p]);
      if (stem !== undefined) return stem;
    }
    return undefined;
  }

  private placeStem(sentence: SentenceInfo | undefined): string | undefined {
    if (!sentence) return undefined;
    if (sentence.placeIndex < 0) return this.namedPlaceStem(sentence);
    // The name after the place word ("селі Липці", "місто Харків"), stemmed so that its cases agree.
    for (let i = sentence.placeIndex; i < sentence.end && i <= sentence.placeIndex + 3; i++) {
      const token = this.tokens[i];
      if (token?.kind === 'word' && token.capitalised) return token.norm.slice(0, 4);
    }
    return this.tokens[sentence.placeIndex]?.norm.slice(0, 4);
  }

  /** "в Золочеві", "по Індустріальному району", "in Kupiansk": a capitalised name after a preposition. */
  private namedPlaceStem(sentence: SentenceInfo): string | undefined {
    // "in Sumy Oblast", "Донецької області": the region itself is no incident's place.
    if (namesOblastBetween(this.tokens, sentence.first, sentence.end)) return undefined;
    for (let i = sentence.first; i < sentence.end - 1; i++) {
      if (!LOCATIVE_PREPOSITION.test(this.tokens[i]?.norm ?? '')) continue;
      const name = this.tokens[i + 1];
      if (name?.kind === 'word' && name.capitalised) return name.norm.slice(0, 4);
    }
    return undefined;
  }

  /** "As Ukrinform reported, ...", "Як повідомляв ...", "Как сообщал ...": earlier reporting recalled. */
  isRecap(sentence: SentenceInfo): boolean {
    const opener = this.tokens[sentence.first]?.norm ?? '';
    // "Нагадаємо", "Нагадуємо", "Напомним", also misspelt ("Нагадамо"): an earlier story recalled.
    if (RECALL_OPENER.test(opener)) return true;
    if (!RECAP_OPENER.test(opener)) return false;
    for (let i = sentence.first + 1; i < sentence.end && i <= sentence.first + 4; i++) {
      const norm = this.tokens[i]?.norm ?? '';
      if (RECAP_VERB.test(norm)) return true;
      if (norm === ',') return false;
    }
    return false;
  }

  speaksOfWholeWar(sentence: SentenceInfo): boolean {
    for (let i = sentence.first; i < sentence.end; i++)
      if (WHOLE_WAR_WORD.test(this.tokens[i]?.norm ?? '')) return true;
    return false;
  }

  /** Inside «...», “...” or a pair of straight quotes; a line break closes an unclosed quote. */
  isQuoted(index: number): boolean {
    if (!this.quotedBefore) this.quotedBefore = markQuoted(this.tokens);
    return this.quotedBefore[index] === 1;
  }
}

/** A clock time ("20:50", "16.00") among the first few tokens of the sentence. */
function opensWithClockTime(tokens: readonly Token[], sentence: SentenceInfo): boolean {
  for (let i = sentence.first; i < sentence.end && i <= sentence.first + 3; i++) {
    const token = tokens[i];
    if (token?.kind === 'number' && /^\d{1,2}[:.]\d{2}$/.test(token.norm)) return true;
  }
  return false;
}

function markQuoted(tokens: readonly Token[]): Uint8Array {
  const marks = new Uint8Array(tokens.length);
  let open = false;
  for (let i = 0; i < tokens.length; i++) {
    const norm = tokens[i]?.norm;
    if (norm === '«' || norm === '“' || norm === '„') open = true;
    else if (norm === '»' || norm === '”') open = false;
    else if (norm === '"') open = !open;
    else if (norm === '\n' && open) {
      // A quoted paragraph often runs on without a closing mark; the next line starts afresh.
      open = false;
    }
    if (open) marks[i] = 1;
  }
  return marks;
}

const PLACE_BACK_REFERENCE = /^(?:там|тут|there|here|здесь)$/;

/** "Постраждалих там немає", "No one was hurt there": the statement is about the place just named. */
function refersToPlace(tokens: readonly Token[], sentence: SentenceInfo): boolean {
  for (let i = sentence.first; i < sentence.end; i++) {
    if (!PLACE_BACK_REFERENCE.test(tokens[i]?.norm ?? '')) continue;
    // "There were no casualties": an empty subject, not a place.
    if (!EXISTENTIAL_VERB.test(tokens[i + 1]?.norm ?? '')) return true;
  }
  return false;
}

const EXISTENTIAL_VERB = /^(?:is|are|was|were|have|has|had|will|would)$/;

/** Regions with any figure, the one with the most figures first. */
export function orderRegions(
  sentences: readonly SentenceInfo[],
  counts: readonly ScopedCount[],
  casualties: readonly ScopedCasualty[],
): RegionKey[] {
  const weight = new Map<RegionKey, number>();
  for (const item of [...counts, ...casualties]) {
    const region = item.sentence.region;
    if (region) weight.set(region, (weight.get(region) ?? 0) + 1);
  }
  const first = sentences.find((s) => s.region !== null)?.region ?? null;
  return [...weight.keys()].sort(
    (a, b) => Number(b === first) - Number(a === first) || (weight.get(b) ?? 0) - (weight.get(a) ?? 0),
  );
}
