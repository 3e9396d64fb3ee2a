/**
 * Per-community breakdowns: "Краснопільська громада: артилерія (25 вибухів), міномет (11 вибухів)",
 * "Velyka Pysarivka hromada was attacked ..., with five explosions. There was also one UAV explosion.",
 * "Зноб-Новгородская громада подверглась обстрелам четыре раза".
 *
 * A community named alone in a sentence owns the figures from its name up to the next community named or the
 * next region-wide total; a community named in a list owns only its stretch of that sentence. Its explosions
 * are the sum of the sub-counts in its stretch ("38 + 11 + 107 + 4"); "26 explosions in each area" gives every
 * community of the sentence the same figure.
 */
import type { CommunityMention } from '../gazetteer/find-community-mentions.js';
import { namesOblastBetween } from './classify-sentences.js';
import { readWeaponWord } from './lexicon.js';
import { isApproximate } from './qualifiers.js';
import type { CountPhrase } from './read-count-phrases.js';
import type { Token } from './scan-text.js';
import type { CommunityTally, MetricValue, RegionKey, Span, WeaponKind } from './types.js';

/** The facts about one sentence that the breakdown needs. */
export interface BreakdownSentence {
  first: number;
  end: number;
  region: RegionKey | null;
  background: boolean;
  /** The sentence names a region, so figures before a community's name in it are the region's. */
  namesRegion: boolean;
  /** The sentence restates a region-wide total, which ends any community's stretch. */
  regionTotal: boolean;
  /** Count phrases read in the sentence, with the clauses about evacuations and the like already removed. */
  phrases: readonly CountPhrase[];
}

/** A community mention located in the token stream. */
export interface LocatedCommunity extends CommunityMention {
  /** Index of the first token of the mention. */
  index: number;
  /** Index of the sentence the mention is in. */
  sentence: number;
}

const EACH = /^(?:each|кожній|кожному|кожен|каждой|каждом)$/;

interface Stretch {
  mention: LocatedCommunity;
  /** Token range [from, to). */
  from: number;
  to: number;
  /** The figures are shared by every community of the sentence ("in each area"). */
  shared: boolean;
  /** One name of several in a sentence: only figures attached to it by brackets or a dash count. */
  listItem: boolean;
}

/**
 * "у Великописарівській громаді - атака FPV-дронів (2 вибухи)": in a sentence naming several places, a figure
 * is a place's own only when a dash, colon or bracket ties it to the name; "..., Малу Токмачку, 4 обстріли
 * з РСЗВ накрили Щербаки" puts the figure on the places that follow it.
 */
function isAttached(tokens: readonly Token[], from: number, index: number): boolean {
  for (let i = from + 1; i < index; i++) {
    const norm = tokens[i]?.norm ?? '';
    if (norm === '(' || norm === ':' || norm === '-' || norm === '–' || norm === '—') return true;
  }
  return tokens[index - 1]?.norm === '(';
}

/** Builds the per-community tallies of one region from the communities its sentences name. */
export function buildPerCommunity(
  tokens: readonly Token[],
  sentences: readonly BreakdownSentence[],
  communities: readonly LocatedCommunity[],
  region: RegionKey,
  toSpan: (span: Span) => Span,
): CommunityTally[] {
  const own = communities.filter((c) => {
    const sentence = sentences[c.sentence];
    return sentence !== undefined && sentence.region === region && !sentence.background;
  });
  const tallies = new Map<string, CommunityTally>();
  for (const stretch of findStretches(tokens, sentences, own)) {
    const tally = readStretch(tokens, sentences, stretch, toSpan);
    const previous = tallies.get(tally.community);
    tallies.set(tally.community, previous ? mergeTallies(previous, tally) : tally);
  }
  return [...tallies.values()];
}

function findStretches(
  tokens: readonly Token[],
  sentences: readonly BreakdownSentence[],
  mentions: readonly LocatedCommunity[],
): Stretch[] {
  const stretches: Stretch[] = [];
  // "атакував Очаків та прибережну зону Очаківської громади": a hromada named again in its sentence (its
  // centre, then its own name) is one place, read from its first mention.
  const communities = dropRepeatedNames(mentions);
  for (let k = 0; k < communities.length; k++) {
    const mention = communities[k];
    if (!mention) continue;
    const sentence = sentences[mention.sentence];
    if (!sentence) continue;
    const sameSentence = communities.filter((c) => c.sentence === mention.sentence);
    const next = communities[k + 1];
    if (sameSentence.length > 1) {
      const nextInSentence = next && next.sentence === mention.sentence ? next.index : sentence.end;
      // "тричі атакував Краснопільську громаду ... і один раз обстріляв Миропільську": every name has its own
      // figure just before it.
      const ownFigures = findFiguresBeforeNames(tokens, sentence, sameSentence);
      if (ownFigures) {
        const at = sameSentence.indexOf(mention);
        const from = ownFigures[at] ?? mention.index;
        const to = ownFigures[at + 1] ?? sentence.end;
        stretches.push({ mention, from, to, shared: false, listItem: false });
        continue;
      }
      // "11 авіаційних ударів по Запоріжжю, Комишувасі, ...", "19 explosions in two communities, Esman and
      // Seredyna-Buda": a figure before the list is shared by all the places after it and belongs to none of
      // them alone, but each place is still named as hit, so it gets a tally without figures.
      if (countsBeforeFirst(sentence, sameSentence)) {
        stretches.push({ mention, from: mention.index, to: mention.index, shared: false, listItem: true });
        continue;
      }
      const shared = hasEach(tokens, sentence);
      const to = shared ? sentence.end : endOfListItem(tokens, mention.index, nextInSentence);
      stretches.push({
        mention,
        from: shared ? sentence.first : mention.index,
        to,
        shared,
        listItem: !shared,
      });
      continue;
    }
    const limit = next ? startOfStretch(tokens, sentences, communities, next) : tokens.length;
    // One known hromada at the end of a list of villages ("по території Плавнів, Щербаків, Малої Токмачки"),
    // or joined to another place ("по Степногірську та Малій Токмачці"), is a list item like the others: a
    // figure about several places jointly is none of theirs alone.
    if (
      countPlacesBefore(tokens, mention.index) + countPlacesAfter(tokens, mention, sentence.end) >= 2 ||
      isJoinedToPlace(tokens, mention, sentence.end)
    ) {
      stretches.push({
        mention,
        from: mention.index,
        to: endOfListItem(tokens, mention.index, sentence.end),
        shared: false,
        listItem: true,
      });
      continue;
    }
    const from = startOfStretch(tokens, sentences, communities, mention);
    const to = findStretchEnd(tokens, sentences, mention, limit);
    stretches.push({ mention, from, to, shared: false, listItem: false });
  }
  return stretches;
}

/**
 * A sentence that names only one hromada, twice (its centre, then its own name), names one place: the later
 * mention is dropped. Mentions come in sentence order, so one pass groups them.
 */
function dropRepeatedNames(mentions: readonly LocatedCommunity[]): LocatedCommunity[] {
  const out: LocatedCommunity[] = [];
  for (let k = 0; k < mentions.length;) {
    const mention = mentions[k];
    if (!mention) break;
    let end = k + 1;
    while (mentions[end]?.sentence === mention.sentence) end++;
    const group = mentions.slice(k, end);
    if (group.length > 1 && group.every((m) => m.community === mention.community)) out.push(mention);
    else out.push(...group);
    k = end;
  }
  return out;
}

/**
 * Where a community's stretch begins: its sentence's start when it is the only community the sentence
 * names ("A mortar attack and eight explosions were recorded in Yunakivka hromada"), unless the sentence is
 * about the whole region before the name; otherwise the name itself.
 */
function startOfStretch(
  tokens: readonly Token[],
  sentences: readonly BreakdownSentence[],
  communities: readonly LocatedCommunity[],
  mention: LocatedCommunity,
): number {
  const sentence = sentences[mention.sentence];
  if (!sentence) return mention.index;
  if (sentence.namesRegion || namesOblastBetween(tokens, sentence.first, mention.index))
    return startOfOwnClause(tokens, sentence, mention.index);
  const alone = communities.filter((c) => c.sentence === mention.sentence).length === 1;
  return alone ? sentence.first : mention.index;
}

/**
 * "attacked Sumy region twice, with nine explosions recorded in the Bilopillia community": after the region's
 * own clause, a clause that names no other place and ends in the community is the community's.
 */
function startOfOwnClause(tokens: readonly Token[], sentence: BreakdownSentence, index: number): number {
  let start = sentence.first;
  for (let i = index - 1; i > sentence.first; i--) {
    const norm = tokens[i]?.norm;
    if (norm === ',' || norm === ';' || norm === ':') {
      start = i + 1;
      break;
    }
  }
  if (start === sentence.first || namesOblastBetween(tokens, start, index)) return index;
  for (let i = start; i < index; i++) if (tokens[i]?.capitalised === true) return index;
  return start;
}

/**
 * Start of each name's own figures when every name in the sentence has at least one figure between the
 * previous name and itself, and no figure follows the last name; otherwise undefined.
 */
function findFiguresBeforeNames(
  tokens: readonly Token[],
  sentence: BreakdownSentence,
  mentions: readonly LocatedCommunity[],
): number[] | undefined {
  const starts: number[] = [];
  let from = sentence.first;
  for (const mention of mentions) {
    // "5 обстрілів з РСЗВ накрили Щербаки, Малу Токмачку, Рівнопілля": a figure over a list is shared.
    if (isInPlaceList(tokens, mention, sentence.end)) return undefined;
    const own = sentence.phrases.filter((p) => p.index >= from && p.index < mention.index);
    const first = own[0];
    if (!first) return undefined;
    starts.push(first.index);
    from = mention.index + 1;
  }
  if (sentence.phrases.some((p) => p.index >= from)) return undefined;
  return starts;
}

/**
 * "по Степногірську та Малій Токмачці", "Nikopol and Marhanets": another named place right beside it; or the
 * oblast itself ("обстрілів Запоріжжя та області", "Zaporizhzhia and the oblast").
 */
function isJoinedToPlace(tokens: readonly Token[], mention: LocatedCommunity, end: number): boolean {
  return isBesidePlace(tokens, mention, end, PLACE_JOINERS) || isJoinedToOblast(tokens, mention, end);
}

function isJoinedToOblast(tokens: readonly Token[], mention: LocatedCommunity, end: number): boolean {
  let after = mention.index;
  while (after < end && (tokens[after]?.start ?? Infinity) < mention.end) after++;
  if (!PLACE_JOINERS.test(tokens[after]?.norm ?? '')) return false;
  const next = tokens[after + 1]?.norm === 'the' ? after + 2 : after + 1;
  return next < end && namesOblastBetween(tokens, next, next + 1);
}

/** Like `isJoinedToPlace`, and also when a comma sets the name beside another ("Щербаки, Малу Токмачку"). */
function isInPlaceList(tokens: readonly Token[], mention: LocatedCommunity, end: number): boolean {
  return isBesidePlace(tokens, mention, end, LIST_JOINERS);
}

function isBesidePlace(
  tokens: readonly Token[],
  mention: LocatedCommunity,
  end: number,
  joiners: RegExp,
): boolean {
  const before = tokens[mention.index - 1];
  if (before && joiners.test(before.norm) && tokens[mention.index - 2]?.capitalised === true) return true;
  let after = mention.index;
  while (after < end && (tokens[after]?.start ?? Infinity) < mention.end) after++;
  return joiners.test(tokens[after]?.norm ?? '') && tokens[after + 1]?.capitalised === true;
}

const PLACE_JOINERS = /^(?:та|і|й|and|и)$/;
const LIST_JOINERS = /^(?:та|і|й|and|и|,)$/;

/** A list item's figures end at the next item, or at ", а" / ";" that starts another statement. */
function endOfListItem(tokens: readonly Token[], from: number, to: number): number {
  for (let i = from + 1; i < to; i++) {
    const token = tokens[i];
    if (token?.norm === ';') return i;
    if (token?.norm === ',' && /^(?:а|while|whereas|і|та)$/.test(tokens[i + 1]?.norm ?? '')) return i;
  }
  return to;
}

/** How many capitalised names (up to two), each followed by a comma or "та/and", come right before the mention. */
function countPlacesBefore(tokens: readonly Token[], index: number): number {
  let names = 0;
  let k = index - 1;
  while (k >= 1 && names < 2) {
    const joiner = tokens[k];
    if (!joiner || !(joiner.norm === ',' || /^(?:та|і|й|and|и)$/.test(joiner.norm))) return names;
    let j = k - 1;
    while (j >= 0 && tokens[j]?.kind === 'word' && tokens[j]?.capitalised !== true && j > k - 3) j--;
    if (tokens[j]?.capitalised !== true) return names;
    while (j > 0 && tokens[j - 1]?.capitalised === true) j--;
    names++;
    k = j - 1;
  }
  return names;
}

/**
 * An attack or explosion figure before the first name of the list. A count of the places themselves ("Two
 * more hromadas ... were Krasnopillia (over 90 explosions) and Yunakivka (105 explosions)") is not shared.
 */
/**
 * "атакував Білопілля, Павлівку та Рижівку", "накрили Щербаки, Малу Токмачку, Рівнопілля": with the names right
 * before it, a known hromada inside a list of three or more capitalised places shares the list's figure. How
 * many names (up to two) follow the mention, joined by commas and "та/and".
 */
function countPlacesAfter(tokens: readonly Token[], mention: LocatedCommunity, end: number): number {
  let k = mention.index;
  while (k < end && (tokens[k]?.start ?? Infinity) < mention.end) k++;
  let names = 0;
  while (names < 2 && k < end) {
    const joiner = tokens[k];
    if (!joiner || !(joiner.norm === ',' || PLACE_JOINERS.test(joiner.norm))) return names;
    // A comma may come before the conjunction ("Pavlivka, and Ryzhivka").
    if (joiner.norm === ',' && PLACE_JOINERS.test(tokens[k + 1]?.norm ?? '')) k++;
    if (tokens[k + 1]?.capitalised !== true) return names;
    k += 2;
    while (k < end && tokens[k]?.capitalised === true) k++;
    names++;
  }
  return names;
}

function countsBeforeFirst(sentence: BreakdownSentence, mentions: readonly LocatedCommunity[]): boolean {
  const first = mentions[0]?.index ?? 0;
  return sentence.phrases.some(
    (phrase) => phrase.index < first && (phrase.metric === 'attacks' || phrase.metric === 'explosions'),
  );
}

/**
 * A community named alone keeps the figures of its own paragraph, and of later paragraphs that only refer
 * back to it ("для обстрілу громади росіяни використали міномети - 6 вибухів"), until another community,
 * a region-wide total or another region.
 */
function findStretchEnd(
  tokens: readonly Token[],
  sentences: readonly BreakdownSentence[],
  mention: LocatedCommunity,
  limit: number,
): number {
  const own = sentences[mention.sentence];
  if (!own) return limit;
  const heading = isHeading(tokens, own);
  let previous = own;
  for (let s = mention.sentence + 1; s < sentences.length; s++) {
    const later = sentences[s];
    if (!later || later.first >= limit) return limit;
    if (later.regionTotal || later.region !== own.region) return later.first;
    // The line break may close the sentence or follow its full stop as a sentence of its own.
    const newParagraph = hasLineBreak(tokens, previous.end - 1, later.first);
    const blank = later.end - later.first <= 1;
    // A later paragraph without figures ("Внаслідок обстрілу поранено цивільну людину.") does not end it.
    // "Семенівська громада:" over bulleted lines ("- п'ять вибухів ..."): the heading owns its bullets.
    const bullet =
      heading &&
      (BULLETS.has(tokens[later.first]?.norm ?? '') || BULLETS.has(tokens[later.first - 1]?.norm ?? ''));
    if (newParagraph && !blank && !bullet && later.phrases.length > 0 && !refersBack(tokens, later))
      return later.first;
    if (!blank) previous = later;
  }
  return limit;
}

const BULLETS = new Set(['-', '–', '—', '•', '▪', '*']);

/** A sentence without figures that ends in a colon: a heading over the lines that follow it. */
function isHeading(tokens: readonly Token[], sentence: BreakdownSentence): boolean {
  if (sentence.phrases.length > 0) return false;
  let last = sentence.end - 1;
  while (last > sentence.first && tokens[last]?.norm === '\n') last--;
  return tokens[last]?.norm === ':';
}

function hasLineBreak(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (tokens[i]?.norm === '\n') return true;
  return false;
}

const BARE_COMMUNITY =
  /^(?:громади|громаді|громаду|громадою|громада|community|hromada|громаде|общине|общины)$/;

/** A sentence that names "the community" without naming which one continues the one before it. */
function refersBack(tokens: readonly Token[], sentence: BreakdownSentence): boolean {
  for (let i = sentence.first; i < sentence.end; i++) {
    if (!BARE_COMMUNITY.test(tokens[i]?.norm ?? '')) continue;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    // "Youth community:" is a heading for a community the gazetteer did not recognise, not a reference back.
    if (
      after?.norm === ':' ||
      (before?.kind === 'word' && before.start > 0 && i - 1 >= sentence.first && isHeadingWord(before))
    ) {
      return false;
    }
    return true;
  }
  return false;
}

function isHeadingWord(token: Token): boolean {
  return /^(?:\p{Lu})/u.test(token.norm) || /(?:ська|цька|зька|ська|ская|ка)$/.test(token.norm);
}

function hasEach(tokens: readonly Token[], sentence: BreakdownSentence): boolean {
  for (let i = sentence.first; i < sentence.end; i++) if (EACH.test(tokens[i]?.norm ?? '')) return true;
  return false;
}

function readStretch(
  tokens: readonly Token[],
  sentences: readonly BreakdownSentence[],
  stretch: Stretch,
  toSpan: (span: Span) => Span,
): CommunityTally {
  const explosions: CountPhrase[] = [];
  const attacks: CountPhrase[] = [];
  for (const sentence of sentences) {
    if (sentence.end <= stretch.from || sentence.first >= stretch.to || sentence.background) continue;
    for (const phrase of sentence.phrases) {
      if (phrase.index < stretch.from || phrase.index >= stretch.to) continue;
      if (stretch.listItem && !isAttached(tokens, stretch.from, phrase.index)) continue;
      if (namesOblastInClauseAfter(tokens, phrase.index, sentence.end)) continue;
      if (phrase.metric === 'explosions') explosions.push(phrase);
      if (phrase.metric === 'attacks') attacks.push(phrase);
    }
  }
  const weapons = new Set<WeaponKind>();
  for (let i = stretch.from; i < stretch.to; i++) {
    const token = tokens[i];
    if (token?.kind !== 'word') continue;
    const weapon = readWeaponWord(token.norm);
    if (weapon) weapons.add(weapon);
  }
  const end = tokens[stretch.to - 1]?.end ?? stretch.mention.end;
  return {
    community: stretch.mention.community,
    mention: stretch.mention.mention,
    attacks: sumPhrases(tokens, attacks, toSpan),
    explosions: sumPhrases(tokens, explosions, toSpan),
    weapons: [...weapons],
    evidence: toSpan({ start: stretch.mention.start, end: Math.max(end, stretch.mention.end) }),
  };
}

/**
 * A community's figure from the phrases of its stretch:
 * - a part of a figure already given ("41 вибух, з них 3 від КАБ", "in one of the attacks, 4 explosions") is
 *   not counted again;
 * - a total followed by its weapon shares ("чотири обстріли ... Два мінометні обстріли") is the total;
 * - otherwise the exact sub-counts are added up ("38 + 11 + 107 + 4");
 * - a rounded figure ("близько сотні прильотів") is not a sub-count, but when the community has nothing
 *   else it is its figure, kept with its hedge.
 */
function sumPhrases(
  tokens: readonly Token[],
  phrases: readonly CountPhrase[],
  toSpan: (span: Span) => Span,
): MetricValue | null {
  const counted = phrases.filter((p) => p.subset !== true);
  const exact = counted.filter((p) => !isApproximate(p.qualifier));
  if (exact.length === 0) return pickRounded(counted, toSpan);
  const used = pickTotalOverShares(tokens, exact) ?? exact;
  const first = used[0];
  const last = used.at(-1);
  if (!first || !last) return null;
  return {
    value: used.reduce((sum, p) => sum + p.value, 0),
    qualifier: used.some((p) => p.qualifier === 'at_least') ? 'at_least' : 'exact',
    term: first.term,
    evidence: toSpan({ start: first.evidence.start, end: last.evidence.end }),
  };
}

/**
 * The one figure without a weapon when every other figure is a weapon's share that fits inside it; a share
 * said to come on top ("There was also one UAV explosion", "Крім того, 15 приходів з АГС") is added instead.
 */
function pickTotalOverShares(
  tokens: readonly Token[],
  phrases: readonly CountPhrase[],
): CountPhrase[] | undefined {
  const [total, ...rest] = phrases;
  if (!total || rest.length === 0 || total.weapon !== undefined) return undefined;
  if (!rest.every((p) => p.weapon !== undefined && !isAddedOnTop(tokens, p.index))) return undefined;
  // The shares follow the total as a breakdown (after a full stop or a colon), not joined to it by "та".
  if (!rest.every((p) => hasBreakBetween(tokens, total.index, p.index))) return undefined;
  return rest.reduce((sum, p) => sum + p.value, 0) <= total.value ? [total] : undefined;
}

function hasBreakBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const norm = tokens[i]?.norm;
    if (norm === '.' || norm === ':' || norm === ';' || norm === '\n') return true;
  }
  return false;
}

const ADDITIVE = /^(?:also|additionally|another|крім|ще|також|теж|кроме|еще|также|тоже)$/;

/** An additive word ("also", "крім того", "ще") a few words before the figure, in its clause. */
function isAddedOnTop(tokens: readonly Token[], index: number): boolean {
  for (let j = index - 1; j >= 0 && j >= index - 5; j--) {
    const token = tokens[j];
    if (!token || token.norm === '.' || token.norm === '\n' || token.norm === ';') return false;
    if (ADDITIVE.test(token.norm)) return true;
  }
  return false;
}

/** A community's only, rounded figure ("понад 50 прильотів", "up to 10 explosions"), with its hedge. */
function pickRounded(phrases: readonly CountPhrase[], toSpan: (span: Span) => Span): MetricValue | null {
  const first = phrases[0];
  if (!first) return null;
  return {
    value: first.value,
    qualifier: first.qualifier,
    term: first.term,
    evidence: toSpan({ start: first.evidence.start, end: first.evidence.end }),
  };
}

/** The same community named twice: keep the larger figure (a restatement, not a second event). */
function mergeTallies(a: CommunityTally, b: CommunityTally): CommunityTally {
  const larger = (x: MetricValue | null, y: MetricValue | null): MetricValue | null =>
    x === null ? y : y === null ? x : y.value > x.value ? y : x;
  return {
    ...a,
    attacks: larger(a.attacks, b.attacks),
    explosions: larger(a.explosions, b.explosions),
    weapons: [...new Set([...a.weapons, ...b.weapons])],
  };
}

/** How far after a figure its clause may name the oblast. */
const OBLAST_AFTER_REACH = 12;

/** The figure's own clause goes on to name the oblast ("7 населених пунктів Харківської області"). */
export function namesOblastInClauseAfter(tokens: readonly Token[], index: number, end: number): boolean {
  for (let i = index + 1; i < end && i <= index + OBLAST_AFTER_REACH; i++) {
    const norm = tokens[i]?.norm;
    if (norm === ',' || norm === ';' || norm === ':' || norm === '.' || norm === '\n') return false;
    if (namesOblastBetween(tokens, i, i + 1)) return true;
  }
  return false;
}
