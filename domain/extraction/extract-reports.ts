/**
 * The report extractor: turns one report text (an oblast administration's daily summary or a relay of it,
 * in Ukrainian, English or Russian) into typed tallies, one per region it covers, with the span of the
 * phrase every figure came from. Pure: no I/O.
 *
 * The story: scan the text into tokens and sentences -> decide each sentence's region and whether it is
 * background -> read count phrases and casualty statements -> pick, per region and metric, the figure the
 * administration gave for the whole oblast -> date the report -> attach per-community breakdowns.
 */
import { findRegionMentions, type RegionMention } from '../gazetteer/index.js';
import { findCommunityMentions, type CommunityMention } from '../gazetteer/find-community-mentions.js';
import { getHromada } from '../gazetteer/hromadas.js';
import {
  findSingularPlace,
  isCoordinatedPlace,
  findBackgroundClauses,
  isBackgroundSentence,
  isNationalSentence,
  isPeriodSentence,
  isRegionTotalSentence,
  namesOblastBetween,
} from './classify-sentences.js';
import { readCasualties, type CasualtyPhrase } from './read-casualties.js';
import { readCountPhrases, type CountPhrase } from './read-count-phrases.js';
import { findDateMentions, type DateMention } from './read-dates.js';
import { findWindowMentions, mentionsYesterday, type WindowKind } from './read-window.js';
import { isApproximate } from './qualifiers.js';
import { resolveReportDate, toKyivTime } from './resolve-report-date.js';
import { scanText, type Token } from './scan-text.js';
import { splitSentences, type Sentence } from './split-sentences.js';
import { isCorrectionText, isRunningUpdate } from './detect-text-kind.js';
import { findOfficialMentions } from './find-official-mentions.js';
import { buildPerCommunity, type BreakdownSentence, type LocatedCommunity } from './build-per-community.js';
import {
  METRIC_NAMES,
  type ExtractedReport,
  type MetricName,
  type MetricValue,
  type Metrics,
  type RegionKey,
  type ReportInput,
  type TimeWindow,
  type WeaponKind,
  type WeaponSubtotal,
} from './types.js';

/** Bumped whenever a change can alter what is extracted from the same text. */
export const EXTRACTOR_VERSION = '1.0.0';

/**
 * Only this much of a text is read. A daily summary is under 5 KB and a relay page with its chrome stays well
 * under 30 KB; anything longer is not one report, and the cap bounds the work on junk input.
 */
export const MAX_TEXT_LENGTH = 30_000;

/** How far into a sentence its place word may sit for the sentence to open a per-community breakdown. */
const BREAKDOWN_LEAD = 4;

/** The sentences, with the hromada mentions read for `communitiesRegion` (null: any region). */
type ClassifiedSentences = SentenceInfo[] & {
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
  /** The sentence sits inside a per-community breakdown that an earlier sentence opened. */
  inSection: boolean;
  /** The sentence names the region as a whole with a total marker ("Загалом ... по області"). */
  regionTotal: boolean;
  fromTitle: boolean;
}

interface ScopedCount extends CountPhrase {
  sentence: SentenceInfo;
  community: boolean;
}

interface ScopedCasualty extends CasualtyPhrase {
  sentence: SentenceInfo;
  community: boolean;
  total: boolean;
}

/** Extracts zero or more reports from one text. Never throws on any string input. */
export function extractReports(input: ReportInput): ExtractedReport[] {
  const body = typeof input.text === 'string' ? input.text.slice(0, MAX_TEXT_LENGTH) : '';
  const title = typeof input.title === 'string' ? input.title.slice(0, 2000) : '';
  // The title is read as the first paragraph; spans in it are reported with `field: 'title'`.
  const offset = title ? title.length + 1 : 0;
  const text = title ? `${title}\n${body}` : body;
  if (!/\d|\p{L}/u.test(text)) return [];

  const tokens = scanText(text);
  const sentences = classifySentences(text, tokens, offset, input.sourceRegion ?? null);
  const phrases = readSentencePhrases(tokens, sentences);
  const counts = collectCounts(tokens, sentences, phrases);
  let casualties = collectCasualties(tokens, sentences);
  if (counts.length === 0 && isRunningUpdate(tokens)) casualties = [];

  const dateMentions = findDateMentions(tokens);
  const regions = orderRegions(sentences, counts, casualties);
  const reports: ExtractedReport[] = [];
  for (const region of regions) {
    const metrics = pickMetrics(
      counts.filter((c) => c.sentence.region === region),
      casualties.filter((c) => c.sentence.region === region),
    );
    if (!METRIC_NAMES.some((name) => metrics[name] !== null)) continue;
    const window = pickWindow(tokens, sentences, region, metrics);
    const date = resolveReportDate({
      mentions: pickDateMentions(dateMentions, sentences, region),
      window: window.kind,
      pointsBack: window.pointsBack,
      yesterday: mentionsYesterday(tokens, 0, tokens.length),
      publishedAt: input.publishedAt,
    });
    if (date === null) continue;
    reports.push({
      region,
      date,
      window: toTimeWindow(window.kind, input.publishedAt),
      metrics: shiftEvidence(metrics, offset),
      weapons: collectWeapons(counts, region, offset),
      perCommunity: buildPerCommunity(
        tokens,
        toBreakdownSentences(sentences, phrases),
        locateCommunities(
          region === sentences.communitiesRegion
            ? sentences.communities
            : findCommunityMentions(text, region),
          tokens,
          sentences,
        ),
        region,
        (span) => shiftSpan(span, offset),
      ),
      isCorrection: isCorrectionText(tokens),
      confidence: rateConfidence(metrics),
      extractorVersion: EXTRACTOR_VERSION,
    });
  }
  return reports;
}

function classifySentences(
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
  const communities = findCommunityMentions(text, named);
  const dominant = named ?? pickDominantRegion(mentions, offset, communities);
  const located = locateCommunities(communities, tokens, sentences);
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
      if (mention.end <= sentence.stop && (mention.kind !== 'city' || mention.region === dominant))
        own.push(mention);
    }
    const explicit = pickSentenceRegion(own, dominant);
    if (own.some((m) => m.kind !== 'city') && explicit !== null && explicit !== previousRegion)
      communitySection = false;
    if (explicit) paragraphRegion = explicit;
    const region = explicit ?? paragraphRegion ?? dominant;
    while (communityCursor < located.length && (located[communityCursor]?.index ?? 0) < sentence.first)
      communityCursor++;
    const placeIndex = pickPlaceIndex(tokens, sentence, located, communityCursor);
    const period = isPeriodSentence(tokens, sentence);
    const info: SentenceInfo = {
      ...sentence,
      region,
      background:
        periodParagraph ||
        period ||
        isBackgroundSentence(tokens, sentence) ||
        (own.length === 0 && isNationalSentence(tokens, sentence, sentence.start < offset)),
      namesRegion: own.length > 0,
      backgroundClauses: findBackgroundClauses(tokens, sentence),
      placeIndex,
      inSection: false,
      regionTotal: isRegionTotalSentence(tokens, sentence, own.length > 0),
      fromTitle: sentence.start < offset,
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
function locateCommunities(
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
    located.push({ ...community, index: tokenIndex, sentence: sentenceIndex });
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

/** The count phrases of every sentence, outside background sentences and clauses (one array per sentence). */
function readSentencePhrases(tokens: readonly Token[], sentences: readonly SentenceInfo[]): CountPhrase[][] {
  return sentences.map((sentence) =>
    sentence.background
      ? []
      : readCountPhrases(tokens, sentence.first, sentence.end).filter(
          (phrase) => !inBackgroundClause(sentence, phrase.index),
        ),
  );
}

function collectCounts(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  phrases: readonly CountPhrase[][],
): ScopedCount[] {
  const out: ScopedCount[] = [];
  sentences.forEach((sentence, s) => {
    if (sentence.region === null) return;
    for (const phrase of phrases[s] ?? []) {
      out.push({ ...phrase, sentence, community: isCommunityScoped(tokens, sentence, phrase.index) });
    }
  });
  return out;
}

/** The sentence facts the per-community breakdown reads. */
function toBreakdownSentences(
  sentences: readonly SentenceInfo[],
  phrases: readonly CountPhrase[][],
): BreakdownSentence[] {
  return sentences.map((sentence, s) => ({
    first: sentence.first,
    end: sentence.end,
    region: sentence.region,
    background: sentence.background,
    namesRegion: sentence.namesRegion,
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

function collectCasualties(tokens: readonly Token[], sentences: readonly SentenceInfo[]): ScopedCasualty[] {
  const out: ScopedCasualty[] = [];
  for (const sentence of sentences) {
    if (sentence.background || sentence.region === null) continue;
    const total = isRegionTotalSentence(tokens, sentence, true);
    for (const phrase of readCasualties(tokens, sentence.first, sentence.end)) {
      if (inBackgroundClause(sentence, phrase.index)) continue;
      out.push({ ...phrase, sentence, total, community: isCommunityScoped(tokens, sentence, phrase.index) });
    }
  }
  return out;
}

/** Regions with any figure, the one with the most figures first. */
function orderRegions(
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

const EMPTY_METRICS: Metrics = {
  communities: null,
  settlements: null,
  attacks: null,
  explosions: null,
  projectiles: null,
  injured: null,
  killed: null,
};

/** Picks the oblast-wide figure for every metric. */
function pickMetrics(counts: readonly ScopedCount[], casualties: readonly ScopedCasualty[]): Metrics {
  const metrics: Metrics = { ...EMPTY_METRICS };
  const oblast = counts.filter((c) => !c.community && c.weapon === undefined);
  for (const name of ['communities', 'settlements', 'attacks', 'explosions', 'projectiles'] as const) {
    let candidates = oblast.filter((c) => c.metric === name);
    if (candidates.length === 0) candidates = pickLoneSubtotal(counts, name);
    // An exact figure wins over a rounded one anywhere in the text; among rounded ones the last restatement
    // (usually the quoted summary) is kept.
    const chosen = candidates.find((c) => !isApproximate(c.qualifier)) ?? candidates.at(-1);
    if (chosen) metrics[name] = toMetricValue(chosen);
  }
  for (const name of ['injured', 'killed'] as const) {
    const chosen = pickCasualty(casualties.filter((c) => c.metric === name));
    if (chosen) metrics[name] = toMetricValue(chosen);
  }
  return metrics;
}

/**
 * "fired 34 artillery shells" with no other projectile figure: a single weapon's count is the day's total.
 * Several weapons' counts without a total stay subtotals, since they may overlap or leave gaps.
 */
function pickLoneSubtotal(counts: readonly ScopedCount[], name: MetricName): ScopedCount[] {
  const subtotals = counts.filter((c) => !c.community && c.metric === name && c.weapon !== undefined);
  const weapons = new Set(subtotals.map((c) => c.weapon));
  return weapons.size === 1 ? subtotals : [];
}

const STRENGTH_ORDER = ['count', 'singular', 'zero', 'weak_zero'] as const;

function pickCasualty(all: readonly ScopedCasualty[]): ScopedCasualty | undefined {
  const candidates = all.filter((c) => c.strength !== 'unnumbered');
  const totals = candidates.filter((c) => c.strength === 'count' && c.total && !isApproximate(c.qualifier));
  if (totals[0]) return totals[0];
  const hasZero = candidates.some((c) => c.value === 0);
  const unnumberedTitle = all.some((c) => c.strength === 'unnumbered' && c.sentence.fromTitle);
  const mentionsVictims = all.some((c) => c.value !== 0);
  for (const strength of STRENGTH_ORDER) {
    // A hedged zero ("попередньо, без постраждалих") is dropped when the text reports victims at all.
    if (strength === 'weak_zero' && mentionsVictims) return undefined;
    const ofStrength = candidates.filter((c) => c.strength === strength);
    const chosen = ofStrength.find((c) => !isApproximate(c.qualifier)) ?? ofStrength[0];
    if (!chosen) continue;
    // The headline says there are victims without a count ("є поранені"), and the only count is one
    // community's: it is a part, not the oblast's figure.
    if (strength === 'count' && chosen.community && unnumberedTitle) return undefined;
    // One victim against an explicit "no casualties" elsewhere: the text contradicts itself, so say nothing.
    if (strength === 'singular' && hasZero) return undefined;
    return chosen;
  }
  return undefined;
}

function toMetricValue(phrase: {
  value: number;
  qualifier: MetricValue['qualifier'];
  term: string;
  evidence: MetricValue['evidence'];
}): MetricValue {
  return {
    value: phrase.value,
    qualifier: phrase.qualifier,
    term: phrase.term,
    evidence: { ...phrase.evidence },
  };
}

function shiftEvidence(metrics: Metrics, offset: number): Metrics {
  const out: Metrics = { ...EMPTY_METRICS };
  for (const name of METRIC_NAMES) {
    const metric = metrics[name];
    out[name] = metric ? { ...metric, evidence: shiftSpan(metric.evidence, offset) } : null;
  }
  return out;
}

/** Converts a span over "title\ntext" into a span over `text`, or over the title with `field: 'title'`. */
export function shiftSpan(span: MetricValue['evidence'], offset: number): MetricValue['evidence'] {
  if (offset > 0 && span.start < offset)
    return { start: span.start, end: Math.min(span.end, offset - 1), field: 'title' };
  return { start: span.start - offset, end: span.end - offset };
}

function collectWeapons(counts: readonly ScopedCount[], region: RegionKey, offset: number): WeaponSubtotal[] {
  const seen = new Map<WeaponKind, WeaponSubtotal>();
  for (const count of counts) {
    if (count.weapon === undefined || count.community || count.sentence.region !== region) continue;
    if (seen.has(count.weapon)) continue;
    const value = toMetricValue(count);
    seen.set(count.weapon, {
      weapon: count.weapon,
      value: { ...value, evidence: shiftSpan(value.evidence, offset) },
    });
  }
  return [...seen.values()];
}

interface PickedWindow {
  kind: WindowKind;
  pointsBack: boolean;
}

/** The window named in the sentence that gave the first figure, else the first window in the text. */
function pickWindow(
  tokens: readonly Token[],
  sentences: readonly SentenceInfo[],
  region: RegionKey,
  metrics: Metrics,
): PickedWindow {
  const evidenceStarts = METRIC_NAMES.map((name) => metrics[name]?.evidence.start).filter(
    (start): start is number => start !== undefined,
  );
  const ordered = [...sentences].sort((a, b) => {
    const aHit = evidenceStarts.some((s) => s >= a.start && s <= a.stop) ? 0 : 1;
    const bHit = evidenceStarts.some((s) => s >= b.start && s <= b.stop) ? 0 : 1;
    return aHit - bHit || a.start - b.start;
  });
  for (const sentence of ordered) {
    if (sentence.background || (sentence.region !== null && sentence.region !== region)) continue;
    const found = findWindowMentions(tokens, sentence.first, sentence.end)[0];
    if (found) return { kind: found.kind, pointsBack: found.pointsBack };
  }
  return { kind: 'past_24h', pointsBack: false };
}

function pickDateMentions(
  mentions: readonly DateMention[],
  sentences: readonly SentenceInfo[],
  region: RegionKey,
): DateMention[] {
  const kept: DateMention[] = [];
  let cursor = 0;
  for (const mention of mentions) {
    while (cursor < sentences.length && (sentences[cursor]?.end ?? 0) <= mention.index) cursor++;
    const sentence = sentences[cursor];
    const inside = sentence !== undefined && mention.index >= sentence.first;
    if (!inside || ((sentence.region === null || sentence.region === region) && !isSetAside(sentence))) {
      kept.push(mention);
    }
  }
  return kept;
}

function isSetAside(sentence: SentenceInfo): boolean {
  return sentence.background;
}

function toTimeWindow(kind: WindowKind, publishedAt: Date): TimeWindow {
  if (kind !== 'week' && kind !== 'range') return { kind };
  const published = toKyivTime(publishedAt);
  const to = published?.minus({ days: 1 }).toISODate() ?? '';
  const from = published?.minus({ days: 7 }).toISODate() ?? '';
  return { kind: 'range', from, to };
}

function rateConfidence(metrics: Metrics): number {
  const counted = (['communities', 'settlements', 'attacks', 'explosions', 'projectiles'] as const).filter(
    (name) => metrics[name] !== null,
  ).length;
  const casualties = (['injured', 'killed'] as const).filter((name) => metrics[name] !== null).length;
  return Math.round(Math.min(0.95, 0.4 + counted * 0.15 + casualties * 0.05) * 100) / 100;
}
