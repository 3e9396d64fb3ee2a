/**
 * The hromadas a text names: the gazetteer's mentions, plus the names whose noun is left out because an
 * earlier name in the sentence carries it ("5 разів атакував Очаківську громаду та двічі — Куцурубську").
 */
import { findCommunityMentions, type CommunityMention } from '../gazetteer/find-community-mentions.js';
import { getHromada } from '../gazetteer/hromadas.js';
import { matchCommunity } from '../gazetteer/match-community.js';
import type { RegionKey } from './types.js';

/**
 * A capitalised adjective after a dash, comma or "та/і" (and a preposition: "та у Шалигинській -") and before
 * punctuation or a dash: the noun is elided. The
 * lookbehind and the bounded word keep the scan linear.
 */
const ELIDED_NAME =
  /(?<=(?:[—–,-]|\s(?:та|і|й|и|а))(?:\s(?:у|в|на|по))?\s{1,3})(\p{Lu}[\p{Ll}'’ʼ-]{1,40}(?:ськ|цьк|зьк|ск|цк|зк)(?:а|у|ій|ої|ою|ая|ую|ой|ою))(?=\s{0,3}[.,;:!?)\n—–-]|$)/gu;
const SENTENCE_END = /[.!?\n]/;

/** Every hromada of `region` named in the text, in text order, with elided ones added. */
export function findCommunities(text: string, region: RegionKey | null): CommunityMention[] {
  const mentions = findCommunityMentions(text, region);
  const elided: CommunityMention[] = [];
  for (const mention of mentions) {
    if (mention.kind !== 'adjective') continue;
    const oblast = region ?? getHromada(mention.community)?.oblast ?? null;
    if (!oblast) continue;
    const rest = text.slice(mention.end, mention.end + 400);
    const stop = rest.search(SENTENCE_END);
    const sentence = stop < 0 ? rest : rest.slice(0, stop + 1);
    for (const match of sentence.matchAll(ELIDED_NAME)) {
      const word = match[1] ?? '';
      const start = mention.end + (match.index ?? 0);
      if (mentions.some((m) => m.start <= start && start < m.end) || elided.some((m) => m.start === start))
        continue;
      const hromada = matchCommunity(word, oblast);
      if (!hromada || hromada.oblast !== oblast) continue;
      elided.push({
        community: hromada.katottg,
        start,
        end: start + word.length,
        mention: word,
        kind: 'adjective',
      });
    }
  }
  if (elided.length === 0) return mentions;
  return [...mentions, ...elided].sort((a, b) => a.start - b.start);
}
