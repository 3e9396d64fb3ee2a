/**
 * Gives each sentence its region and role: the region it names (or its paragraph's, or the text's main one),
 * whether it is background, and whether its figures belong to one community rather than the oblast.
 */
import { findRegionMentions, type RegionMention } from '../gazetteer/index.js';
import type { CommunityMention } from '../gazetteer/find-community-mentions.js';
import { findCommunities } from './find-communities.js';
import { getHromada } from '../gazetteer/hromadas.js';
import {
  findSingularPlace,
  isCoordinatedPlace,
  isNationalSentence,
  readSentenceRoles,
  isRegionTotalSentence,
} from './classify-sentences.js';
import { findOfficialMentions } from './find-official-mentions.js';
import { opensWithRecall } from './find-other-day-sentences.js';
import type { LocatedCommunity } from './build-per-community.js';
import type { Token } from './scan-text.js';
import { splitSentences, type Sentence } from './split-sentences.js';
import type { RegionKey } from './types.js';

/** How far into a sentence its place word may sit for the sentence to open a per-community breakdown. */
const BREAKDOWN_LEAD = 4;

/** The sentences, with the hromada mentions read for `communitiesRegion` (null: any region). */
export type ClassifiedSentences = SentenceInfo[] & {
  communities: readonly CommunityMention[];
  communitiesRegion: RegionKey | null;
};

/** What the extractor knows about one sentence. */
export interface SentenceInfo extends Sentence {
  region: RegionKey | null;
  background: boolean;
  /** Clauses about evacuations or power cuts, as token ranges. */
  backgroundClauses: ReadonlyArray<readonly [number, number]>;
  /** Index of the first singular community or place word, or -1. */
  placeIndex: number;
  /** The sentence names a region (or its administration or head). */
  namesRegion: boolean;
  /** The sentence names a region as a place: as a whole, not by its capital city or its administration. */
  namesOblast: boolean;
  /** The sentence sits inside a per-community breakdown that an earlier sentence opened. */
  inSection: boolean;
  /** The sentence names the region as a whole with a total marker ("Загалом ... по області"). */
  regionTotal: boolean;
  fromTitle: boolean;
  /** The sentence gives a month's, a year's or a longer period's totals. */
  period: boolean;
}

export function classifySentences(
  text: string,
  tokens: readonly Token[],
  offset: number,
  sourceRegion: RegionKey | null,
): ClassifiedSentences {
  const mentions: RegionMention[] = [
    ...findRegionMentions(text),
    ...findOfficialMentions(tokens).map((m) => ({
      ...m,
      form: text.slice(m.start, m.end),
      kind: 'administration' as const,
    })),
  ].sort((a, b) => a.start - b.start);
  const sentences = splitSentences(text, tokens);
  // A region named as an oblast, its administration or its head settles which hromadas are meant; with only a
  // city name or nothing, the hromadas named anywhere vote ("Очаківської, Куцурубської громад").
  const named =
    sourceRegion ??
    pickDominantRegion(
      mentions.filter((m) => m.kind !== 'city'),
      offset,
      [],
    );
  const communitiesRegion = named;
  const communities = findCommunities(text, named);
  const dominant = named ?? pickDominantRegion(mentions, offset, communities);
  const located = locateCommunities(communities, tokens, sentences);
  // A headline that names no region over a body that covers several ("Russian attacks kill 4, injure 28 over
  // past day") gives the country's totals, not any one region's.
  const roundUp = countNamedRegions(mentions, offset) > 1;
  let communityCursor = 0;
  const infos: SentenceInfo[] = [];
  let paragraphRegion: RegionKey | null = null;
  let communitySection = false;
  let previousRegion: RegionKey | null = dominant;
  let mentionCursor = 0;
  let previousEndsLine = true;
  // Once a paragraph speaks of a month's totals, its later sentences ("Загинули 19 людей") do too.
  let periodParagraph = false;
  for (const sentence of sentences) {
    // A paragraph starts after a line break; the region named in it carries over its later sentences.
    if (previousEndsLine) {
      paragraphRegion = null;
      periodParagraph = false;
    }
    previousEndsLine = tokens[sentence.end - 1]?.norm === '\n';
    // Mentions and sentences are both in text order, so one cursor walks them together.
    while (mentionCursor < mentions.length && (mentions[mentionCursor]?.start ?? 0) < sentence.start)
      mentionCursor++;
    const own: RegionMention[] = [];
    for (let m = mentionCursor; m < mentions.length; m++) {
      const mention = mentions[m];
      if (!mention || mention.start >= sentence.stop) break;
      if (
        mention.end <= sentence.stop &&
        (mention.kind !== 'city' || mention.region === dominant || isCityAsPlace(text, mention))
      )
        own.push(mention);
    }
    // "обстріляв Сумську та Харківську області": a figure for two regions together is neither's.
    const joint = endsWithJointRegions(text, own);
    const explicit = joint ? null : pickSentenceRegion(own, dominant);
    if (own.some((m) => m.kind !== 'city') && explicit !== null && explicit !== previousRegion)
      communitySection = false;
    if (explicit) paragraphRegion = explicit;
    const region = joint ? null : (explicit ?? paragraphRegion ?? dominant);
    while (communityCursor < located.length && (located[communityCursor]?.index ?? 0) < sentence.first)
      communityCursor++;
    const placeIndex = pickPlaceIndex(tokens, sentence, located, communityCursor);
    const roles = readSentenceRoles(tokens, sentence);
    const period = roles.period;
    // Explicit fields, not a spread: this literal is built for every sentence and a spread costs a copy loop.
    const info: SentenceInfo = {
      first: sentence.first,
      end: sentence.end,
      start: sentence.start,
      stop: sentence.stop,
      region,
      background:
        periodParagraph ||
        period ||
        roles.background ||
        opensWithRecall(tokens, sentence) ||
        (own.length === 0 &&
          ((roundUp && sentence.start < offset) ||
            isNationalSentence(tokens, sentence, sentence.start < offset))),
      namesRegion: own.length > 0,
      // The administration or its head ("Fedorov said that ...") is the source, not the place of a figure.
      namesOblast: own.some((m) => m.kind !== 'city' && m.kind !== 'administration'),
      backgroundClauses: roles.clauses,
      placeIndex,
      inSection: false,
      regionTotal: isRegionTotalSentence(tokens, sentence, own.length > 0),
      fromTitle: sentence.start < offset,
      period: period || periodParagraph,
    };
    // Once the text turns to one community ("Хотінська громада: ..."), later unscoped figures belong to
    // the breakdown, not the oblast, until a sentence restates a region-wide total.
    // A sentence that names the region itself ("... 40 вибухів на Чернігівщині") is about the region again.
    const namesOblast = own.some((m) => m.kind !== 'city');
    if (communitySection && placeIndex < 0 && !info.regionTotal && !namesOblast) info.inSection = true;
    // A breakdown line starts with its place ("Хотінська громада: ...", "In the village of X, ...").
    if (placeIndex >= 0 && placeIndex - sentence.first <= BREAKDOWN_LEAD && !info.fromTitle)
      communitySection = true;
    previousRegion = region;
    if (period) periodParagraph = true;
    infos.push(info);
  }
  return Object.assign(infos, { communities, communitiesRegion });
}

const PLACE_PREPOSITION_BEFORE =
  /(?:^|[\s(])(?:in|on|at|near|over|targeting|у|в|по|на|під|біля|поблизу|во|под|около|возле)\s+$/iu;
const CAPITALISED_AFTER = /^\s\p{Lu}/u;

/**
 * Another region's city named as a place ("a drone strike on Kharkiv", "у Києві"): the sentence is about that
 * region. A city name in an outlet's or an office's name ("the Kyiv Independent") is not a place.
 */
function isCityAsPlace(text: string, mention: RegionMention): boolean {
  if (CAPITALISED_AFTER.test(text.slice(mention.end, mention.end + 2))) return false;
  return PLACE_PREPOSITION_BEFORE.test(text.slice(Math.max(0, mention.start - 12), mention.start));
}

const REGION_JOINER = /^\s*(?:та|і|й|и|and|,|&)\s*$/u;

/** The sentence's last two region mentions name two different regions side by side, joined by "та/and". */
function endsWithJointRegions(text: string, own: readonly RegionMention[]): boolean {
  const last = own.at(-1);
  const before = own.at(-2);
  if (!last || !before || last.region === before.region) return false;
  if (last.kind === 'city' || before.kind === 'city') return false;
  return REGION_JOINER.test(text.slice(before.end, last.start));
}

/** How many regions the body (not the title) names as an oblast, its administration or its head. */
function countNamedRegions(mentions: readonly RegionMention[], offset: number): number {
  const regions = new Set<RegionKey>();
  for (const mention of mentions) {
    if (mention.start >= offset && mention.kind !== 'city') regions.add(mention.region);
  }
  return regions.size;
}

/** The region the text is mostly about: the title and administration names weigh more than a city name. */
function pickDominantRegion(
  mentions: readonly RegionMention[],
  offset: number,
  communities: readonly CommunityMention[],
): RegionKey | null {
  const scores = new Map<RegionKey, number>();
  let best: RegionKey | null = null;
  let bestScore = 0;
  const vote = (region: RegionKey, weight: number): void => {
    const score = (scores.get(region) ?? 0) + weight;
    scores.set(region, score);
    if (score > bestScore) {
      best = region;
      bestScore = score;
    }
  };
  for (const mention of mentions) {
    const weight = mention.kind === 'city' ? 0.5 : mention.kind === 'administration' ? 2 : 1;
    vote(mention.region, mention.start < offset ? weight * 2 : weight);
  }
  // Hromadas vote too, more weakly: many relays name only the communities ("Очаківської громади").
  for (const community of communities) {
    const region = getHromada(community.community)?.oblast;
    if (region) vote(region, community.kind === 'adjective' ? 0.5 : 0.3);
  }
  return best;
}

function pickSentenceRegion(
  mentions: readonly RegionMention[],
  dominant: RegionKey | null,
): RegionKey | null {
  if (mentions.length === 0) return null;
  if (dominant && mentions.some((m) => m.region === dominant)) return dominant;
  const named = mentions.find((m) => m.kind !== 'city') ?? mentions[0];
  return named?.region ?? null;
}

/** Places community mentions in the token stream and in their sentences (all three are in text order). */
export function locateCommunities(
  communities: readonly CommunityMention[],
  tokens: readonly Token[],
  sentences: readonly Sentence[],
): LocatedCommunity[] {
  const located: LocatedCommunity[] = [];
  let tokenIndex = 0;
  let sentenceIndex = 0;
  for (const community of communities) {
    while (tokenIndex < tokens.length && (tokens[tokenIndex]?.end ?? 0) <= community.start) tokenIndex++;
    while (sentenceIndex < sentences.length && (sentences[sentenceIndex]?.end ?? 0) <= tokenIndex)
      sentenceIndex++;
    if (tokenIndex >= tokens.length || sentenceIndex >= sentences.length) break;
    located.push(Object.assign({}, community, { index: tokenIndex, sentence: sentenceIndex }));
  }
  return located;
}

/**
 * The first word that puts the sentence's figures on one place: a singular place noun ("громаді",
 * "the town of"), or the one community the sentence names ("тричі били по Нікополю").
 */
function pickPlaceIndex(
  tokens: readonly Token[],
  sentence: Sentence,
  located: readonly LocatedCommunity[],
  cursor: number,
): number {
  const noun = findSingularPlace(tokens, sentence);
  const inside: LocatedCommunity[] = [];
  for (let k = cursor; k < located.length; k++) {
    const community = located[k];
    if (!community || community.index >= sentence.end) break;
    inside.push(community);
  }
  const single = inside.length === 1 ? inside[0] : undefined;
  if (!single || isCoordinatedPlace(tokens, single.index, sentence)) return noun;
  return noun < 0 ? single.index : Math.min(noun, single.index);
}
