/**
 * The report extractor: turns one report text (an oblast administration's daily summary or a relay of it,
 * in Ukrainian, English or Russian) into typed tallies, one per region it covers, with the span of the
 * phrase every figure came from. Pure: no I/O.
 *
 * The story: scan the text into tokens and sentences -> decide each sentence's region and whether it is
 * background -> read count phrases and casualty statements -> pick, per region and metric, the figure the
 * administration gave for the whole oblast -> date the report -> attach per-community breakdowns.
 */
import { collectWeapons } from './collect-weapons.js';
import type { ExtractionTrace } from './extraction-trace.js';
import { recordCandidates, recordSentences } from './record-trace.js';
import { findCommunities } from './find-communities.js';
import { blankEditorialGlosses, isCorrectionText, isRunningUpdate } from './detect-text-kind.js';
import { buildPerCommunity } from './build-per-community.js';
import { pickMetrics } from './pick-metrics.js';
import { needsReview, rateConfidence, readConfidenceSignals } from './rate-confidence.js';
import { findOtherDaySentences } from './find-other-day-sentences.js';
import {
  findFigureSentences,
  pickDateMentions,
  pickWindow,
  saysYesterday,
  saysYesterdayInFigure,
  toTimeWindow,
} from './pick-window.js';
import { findDateMentions, findWeekdayMentions } from './read-dates.js';
import { resolveReportDateWithSource, toKyivTime } from './resolve-report-date.js';
import { readCasualties } from './read-casualties.js';
import { scanText, type Token } from './scan-text.js';
import {
  collectCasualties,
  collectCounts,
  orderRegions,
  readSentencePhrases,
  toBreakdownSentences,
} from './scope-figures.js';
import { classifySentences, locateCommunities, type SentenceInfo } from './scope-sentences.js';
import { shiftEvidence, shiftSpan } from './shift-evidence.js';
import { METRIC_NAMES, type ExtractedReport, type ReportInput } from './types.js';

/** Bumped whenever a change can alter what is extracted from the same text. */
export const EXTRACTOR_VERSION = '1.3.0';

/**
 * Only this much of a text is read. A daily summary is under 5 KB and a relay page with its chrome stays well
 * under 30 KB; anything longer is not one report, and the cap bounds the work on junk input.
 */
export const MAX_TEXT_LENGTH = 30_000;

export interface ExtractOptions {
  /** Filled with every sentence, candidate figure and decision when given (see extraction-trace.ts). */
  trace?: ExtractionTrace;
}

/** Extracts zero or more reports from one text. Never throws on any string input. */
export function extractReports(input: ReportInput, options: ExtractOptions = {}): ExtractedReport[] {
  const { trace } = options;
  const body = typeof input.text === 'string' ? input.text.slice(0, MAX_TEXT_LENGTH) : '';
  const title = typeof input.title === 'string' ? input.title.slice(0, 2000) : '';
  // The title is read as the first paragraph; spans in it are reported with `field: 'title'`.
  const offset = title ? title.length + 1 : 0;
  const text = blankEditorialGlosses(title ? `${title}\n${body}` : body);
  if (!/\d|\p{L}/u.test(text)) return [];

  // Classify: every sentence gets its region and role.
  const tokens = scanText(text);
  const sentences = classifySentences(text, tokens, offset, input.sourceRegion ?? null);
  // Scope: read the figures and mark each as the oblast's or one community's.
  const phrases = readSentencePhrases(tokens, sentences);
  let counts = collectCounts(tokens, sentences, phrases);
  if (trace) recordSentences(trace, text, tokens, sentences, phrases);
  let casualties = collectCasualties(tokens, sentences);
  let setAside: typeof casualties = [];
  if (counts.length === 0 && isRunningUpdate(tokens)) {
    if (trace) trace.notes.push('a running update without counts: its casualties are not a daily tally');
    setAside = casualties;
    casualties = [];
  }
  // Outside an update, a raised toll is usually one earlier strike's ("the toll from the strike on Odesa has
  // risen to 14"), not the day's figure.
  const isCorrection = isCorrectionText(tokens);
  if (!isCorrection) {
    if (trace) setAside = [...setAside, ...casualties.filter((c) => c.revised)];
    casualties = casualties.filter((c) => !c.revised);
  }
  const roundUp = countRegions(sentences) > 1;
  // A figure that repeats one of a sentence about a longer period ("З початку року ... загинули 72 людини" ... "Загинули
  // 72 сумчанина") restates that background fact; it is not the day's.
  const restated = readBackgroundFigures(tokens, sentences);
  if (restated.size > 0) {
    // The whole sentence that restates a period figure speaks of that period, with all its figures.
    const periodSentences = new Set(
      casualties.filter((c) => c.value > 0 && restated.has(`${c.metric}:${c.value}`)).map((c) => c.sentence),
    );
    casualties = casualties.filter((c) => !periodSentences.has(c.sentence));
    counts = counts.filter((c) => !periodSentences.has(c.sentence));
  }
  // A story led by background (air-defence interceptions, evacuations) that closes with "люди не постраждали"
  // is not a tally: its zero speaks of that story.
  const ledByBackground = isLedByBackground(sentences);

  const dateMentions = findDateMentions(tokens);
  const weekdayMentions = findWeekdayMentions(tokens);
  const regions = orderRegions(sentences, counts, casualties);
  const reports: ExtractedReport[] = [];
  for (const region of regions) {
    // Pick: one figure per metric, then the window and the day they cover.
    let regionCounts = counts.filter((c) => c.sentence.region === region);
    let regionCasualties = casualties.filter((c) => c.sentence.region === region);
    let metrics = pickMetrics(regionCounts, regionCasualties);
    if (trace) recordCandidates(trace, text, sentences, region, counts, casualties, setAside, metrics);
    const figureSentences = findFigureSentences(sentences, metrics);
    const window = pickWindow(tokens, sentences, region, figureSentences);
    const mentions = pickDateMentions(dateMentions, sentences, region, figureSentences);
    const resolved = resolveReportDateWithSource({
      mentions,
      window: window.kind,
      pointsBack: window.pointsBack,
      windowInFigure: window.inFigure,
      yesterday: saysYesterday(tokens, sentences, region),
      yesterdayInFigure: saysYesterdayInFigure(tokens, sentences, figureSentences),
      weekday: pickWeekday(weekdayMentions, sentences, region),
      publishedAt: input.publishedAt,
    });
    // Time scope: figures in sentences about another day than the report's are not the day's.
    if (resolved) {
      const otherDay = findOtherDaySentences(
        tokens,
        dateMentions,
        sentences,
        resolved.date,
        toKyivTime(input.publishedAt),
      );
      const keptCounts = regionCounts.filter((c) => !otherDay.has(c.sentence));
      const keptCasualties = regionCasualties.filter((c) => !otherDay.has(c.sentence));
      const changed =
        keptCounts.length < regionCounts.length || keptCasualties.length < regionCasualties.length;
      // Time scope sets asides apart; it never takes every figure of the report away.
      if (changed && (keptCounts.length > 0 || keptCasualties.length > 0)) {
        if (trace) trace.notes.push(`figures about another day than ${resolved.date} set aside`);
        regionCounts = keptCounts;
        regionCasualties = keptCasualties;
        metrics = pickMetrics(regionCounts, regionCasualties);
      }
    }
    const zeroOnly = METRIC_NAMES.every((name) => metrics[name] === null || metrics[name]?.value === 0);
    if (zeroOnly && ledByBackground) {
      if (trace)
        trace.reports.push({
          region,
          date: null,
          window: '-',
          confidence: null,
          reason: 'only a zero, in a story led by background',
        });
      continue;
    }
    const perCommunity = buildPerCommunity(
      tokens,
      toBreakdownSentences(sentences, phrases),
      locateCommunities(
        region === sentences.communitiesRegion ? sentences.communities : findCommunities(text, region),
        tokens,
        sentences,
      ),
      region,
      (span) => shiftSpan(span, offset),
    );
    // A breakdown without an oblast total ("Тут нарахували 10 вибухів" for each village) is still the day's.
    const hasBreakdown = perCommunity.some((c) => c.attacks !== null || c.explosions !== null);
    if (!hasBreakdown && !METRIC_NAMES.some((name) => metrics[name] !== null)) {
      if (trace)
        trace.reports.push({ region, date: null, window: '-', confidence: null, reason: 'no figure picked' });
      continue;
    }
    if (resolved === null) {
      if (trace)
        trace.reports.push({ region, date: null, window: window.kind, confidence: null, reason: 'no date' });
      continue;
    }
    const date = resolved.date;
    const confidence = rateConfidence(
      readConfidenceSignals({
        metrics,
        region,
        counts: regionCounts,
        casualties: regionCasualties,
        sentences,
        datedExplicitly: resolved.source === 'stated',
        roundUp,
      }),
    );
    if (trace) {
      const dating =
        resolved.source === 'stated'
          ? 'a stated date'
          : resolved.source === 'weekday'
            ? 'a weekday named alone'
            : resolved.source === 'yesterday'
              ? '"yesterday" and the publication time'
              : `the ${window.kind} window and the publication time`;
      trace.reports.push({ region, date, window: window.kind, confidence, reason: `dated from ${dating}` });
    }
    // Build: the report with its evidence moved back onto the field it came from.
    reports.push({
      region,
      date,
      window: toTimeWindow(window.kind, input.publishedAt),
      metrics: shiftEvidence(metrics, offset),
      weapons: collectWeapons(counts, region, offset),
      perCommunity,
      isCorrection,
      confidence,
      needsReview: needsReview(confidence),
      extractorVersion: EXTRACTOR_VERSION,
    });
  }
  return reports;
}

/** Metric-and-value keys of the casualty figures stated in sentences about a longer period. */
function readBackgroundFigures(tokens: readonly Token[], sentences: readonly SentenceInfo[]): Set<string> {
  const keys = new Set<string>();
  for (const sentence of sentences) {
    if (!sentence.period) continue;
    for (const phrase of readCasualties(tokens, sentence.first, sentence.end))
      if (phrase.value > 0) keys.add(`${phrase.metric}:${phrase.value}`);
  }
  return keys;
}

/** The first sentence with words, title included, is background. */
function isLedByBackground(sentences: readonly SentenceInfo[]): boolean {
  const lead = sentences.find((s) => s.end - s.first > 1);
  return lead?.background === true;
}

/** The weekday named alone in a sentence about the region that is not background. */
function pickWeekday(
  mentions: readonly { index: number; weekday: number }[],
  sentences: readonly SentenceInfo[],
  region: string,
): number | undefined {
  for (const mention of mentions) {
    const sentence = sentences.find((s) => mention.index >= s.first && mention.index < s.end);
    if (sentence && !sentence.background && (sentence.region === null || sentence.region === region))
      return mention.weekday;
  }
  return undefined;
}

/** How many regions the text's figure-bearing sentences speak of. */
function countRegions(sentences: readonly { region: string | null; background: boolean }[]): number {
  const regions = new Set<string>();
  for (const sentence of sentences) if (sentence.region && !sentence.background) regions.add(sentence.region);
  return regions.size;
}
