/**
 * The hromadas a text names: the gazetteer's mentions, plus the names whose noun is left out because an
 * earlier name or noun in the sentence carries it ("5 разів атакував Очаківську громаду та двічі —
 * Куцурубську", "обстріляли п'ять громад — Глухівську, Есманьську та Свеську").
 */
import { findCommunityMentions, type CommunityMention } from '../gazetteer/find-community-mentions.js';
import { getHromada } from '../gazetteer/hromadas.js';
import { matchCommunity } from '../gazetteer/match-community.js';
import type { RegionKey } from './types.js';

/**
 * A capitalised adjective after a dash, a comma, "та/і" or a preposition ("та у Шалигинській -", "одну в
 * Миропільській.", "у Юнаківській 5 вибухів") and before punctuation, a bracket or a figure: the noun is elided. The lookbehind and the bounded word
 * keep the scan linear.
 */
const ELIDED_NAME =
  /(?<=(?:[—–,-]|\s(?:та|і|й|и|а|у|в|на|по|також|также))(?:\s(?:у|в|на|по))?\s{1,3})(\p{Lu}[\p{Ll}'’ʼ-]{1,40}(?:-\p{Lu}[\p{Ll}'’ʼ]{1,40})?(?:ськ|цьк|зьк|ск|цк|зк)(?:а|у|ій|ої|ою|ая|ую|ой|ою))(?=\s{0,3}[.,;:!?()\n—–-]|\s(?:та|і|й|и)\s|\s\d|$)/gu;
const SENTENCE_END = /[.!?\n]/;
/**
 * A heading that names a community by its adjective alone ("Юнаківська: 3 вибухи."), at the start of a line or
 * sentence, in a text that names communities elsewhere with their noun.
 */
const ELIDED_HEADING =
  /(?<=(?:^|[.!?\n])[ \t]{0,3})(\p{Lu}[\p{Ll}'’ʼ-]{1,40}(?:-\p{Lu}[\p{Ll}'’ʼ]{1,40})?(?:ська|цька|зька|ская|цкая))(?=[ \t]{0,2}:)/gu;
/** "Сумській та Харківській областях": the shared noun after the pair is a region's or a district's. */
const REGION_PAIR_AFTER = /^\s(?:та|і|й|и)\s\p{Lu}\p{L}*\s(?:област|район|регіон|регион|oblast)/u;
/** A plural community noun that a list of bare names can follow ("п'ять громад Сумщини — ..."). */
const COMMUNITY_NOUN =
  /(?<!\p{L})(?:громад|громади|громадах|громадам|громадами|общин|общины|общинах)(?!\p{L})/giu;

/** Every hromada of `region` named in the text, in text order, with elided ones added. */
export function findCommunities(text: string, region: RegionKey | null): CommunityMention[] {
  const mentions = findCommunityMentions(text, region);
  const anchors: Array<{ end: number; oblast: RegionKey | null }> = [];
  for (const mention of mentions) {
    if (mention.kind !== 'adjective') continue;
    anchors.push({ end: mention.end, oblast: region ?? getHromada(mention.community)?.oblast ?? null });
  }
  if (region)
    for (const noun of text.matchAll(COMMUNITY_NOUN))
      anchors.push({ end: (noun.index ?? 0) + noun[0].length, oblast: region });
  const elided: CommunityMention[] = [];
  const elidedStarts = new Set<number>();
  /** Adds a bare adjective ("та Шалигинській") when it names a hromada of the oblast the list is about. */
  const addElided = (word: string, start: number, oblast: RegionKey): void => {
    const hromada = matchCommunity(word, oblast);
    if (!hromada || hromada.oblast !== oblast) return;
    elidedStarts.add(start);
    elided.push({
      community: hromada.katottg,
      start,
      end: start + word.length,
      mention: word,
      kind: 'adjective',
    });
  };
  // Each stretch of text is scanned once per oblast, however many anchors precede it.
  const scanned = new Map<RegionKey, { until: number; sentenceEnded: boolean }>();
  anchors.sort((a, b) => a.end - b.end);
  for (const anchor of anchors) {
    if (!anchor.oblast) continue;
    const previous = scanned.get(anchor.oblast);
    if (previous && previous.sentenceEnded && previous.until > anchor.end) continue;
    const from = Math.max(anchor.end, previous?.until ?? 0);
    const rest = text.slice(from, anchor.end + 400);
    const stop = rest.search(SENTENCE_END);
    const sentence = stop < 0 ? rest : rest.slice(0, stop + 1);
    scanned.set(anchor.oblast, { until: from + sentence.length, sentenceEnded: stop >= 0 });
    for (const match of sentence.matchAll(ELIDED_NAME)) {
      const word = match[1] ?? '';
      const start = from + (match.index ?? 0);
      if (isInsideMention(mentions, start) || elidedStarts.has(start)) continue;
      const after = sentence.slice((match.index ?? 0) + word.length, (match.index ?? 0) + word.length + 80);
      if (REGION_PAIR_AFTER.test(after)) continue;
      addElided(word, start, anchor.oblast);
    }
  }
  if (region && anchors.length > 0) {
    for (const match of text.matchAll(ELIDED_HEADING)) {
      const word = match[1] ?? '';
      const start = match.index ?? 0;
      if (isInsideMention(mentions, start) || elidedStarts.has(start)) continue;
      addElided(word, start, region);
    }
  }
  if (elided.length === 0) return mentions;
  return [...mentions, ...elided].sort((a, b) => a.start - b.start);
}

/** True when `position` falls inside one of the mentions, which are in text order and do not overlap. */
function isInsideMention(mentions: readonly CommunityMention[], position: number): boolean {
  let low = 0;
  let high = mentions.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const mention = mentions[middle];
    if (!mention) return false;
    if (position < mention.start) high = middle - 1;
    else if (position >= mention.end) low = middle + 1;
    else return true;
  }
  return false;
}
