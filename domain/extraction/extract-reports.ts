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
import { isCorrectionText, isRunningUpdate } from './detect-text-kind.js';
import { buildPerCommunity } from './build-per-community.js';
import { pickMetrics } from './pick-metrics.js';
import { needsReview, rateConfidence } from './rate-confidence.js';
import { pickDateMentions, pickWindow, toTimeWindow } from './pick-window.js';
import { findDateMentions } from './read-dates.js';
import { mentionsYesterday } from './read-window.js';
import { resolveReportDate } from './resolve-report-date.js';
import { scanText } from './scan-text.js';
import {
  collectCasualties,
  collectCounts,
  orderRegions,
  readSentencePhrases,
  toBreakdownSentences,
} from './scope-figures.js';
import { classifySentences, locateCommunities } from './scope-sentences.js';
import { shiftEvidence, shiftSpan } from './shift-evidence.js';
import { METRIC_NAMES, type ExtractedReport, type ReportInput } from './types.js';

/** Bumped whenever a change can alter what is extracted from the same text. */
export const EXTRACTOR_VERSION = '1.1.0';

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
  const text = title ? `${title}\n${body}` : body;
  if (!/\d|\p{L}/u.test(text)) return [];

  // Classify: every sentence gets its region and role.
  const tokens = scanText(text);
  const sentences = classifySentences(text, tokens, offset, input.sourceRegion ?? null);
  // Scope: read the figures and mark each as the oblast's or one community's.
  const phrases = readSentencePhrases(tokens, sentences);
  const counts = collectCounts(tokens, sentences, phrases);
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

  const dateMentions = findDateMentions(tokens);
  const regions = orderRegions(sentences, counts, casualties);
  const reports: ExtractedReport[] = [];
  for (const region of regions) {
    // Pick: one figure per metric, then the window and the day they cover.
    const regionCounts = counts.filter((c) => c.sentence.region === region);
    const regionCasualties = casualties.filter((c) => c.sentence.region === region);
    const metrics = pickMetrics(regionCounts, regionCasualties);
    if (trace) recordCandidates(trace, text, sentences, region, counts, casualties, setAside, metrics);
    if (!METRIC_NAMES.some((name) => metrics[name] !== null)) {
      if (trace)
        trace.reports.push({ region, date: null, window: '-', confidence: null, reason: 'no figure picked' });
      continue;
    }
    const window = pickWindow(tokens, sentences, region, metrics);
    const mentions = pickDateMentions(dateMentions, sentences, region);
    const date = resolveReportDate({
      mentions,
      window: window.kind,
      pointsBack: window.pointsBack,
      yesterday: mentionsYesterday(tokens, 0, tokens.length),
      publishedAt: input.publishedAt,
    });
    if (date === null) {
      if (trace)
        trace.reports.push({ region, date: null, window: window.kind, confidence: null, reason: 'no date' });
      continue;
    }
    const confidence = rateConfidence({
      metrics,
      datedExplicitly: mentions.some((mention) => !mention.incident),
      regionNamed: sentences.some((s) => s.region === region && s.namesRegion && !s.background),
      roundUp,
      casualtiesDisagree: haveDisagreement(regionCasualties),
      countsDisagree: haveDisagreement(regionCounts.filter((c) => !c.community && c.weapon === undefined)),
      fromWeaponShare: regionCounts.some(
        (c) => c.weapon !== undefined && metrics[c.metric]?.evidence.start === c.evidence.start,
      ),
    });
    if (trace) {
      const dating = mentions.some((mention) => !mention.incident)
        ? 'a stated date'
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
      perCommunity: buildPerCommunity(
        tokens,
        toBreakdownSentences(sentences, phrases),
        locateCommunities(
          region === sentences.communitiesRegion ? sentences.communities : findCommunities(text, region),
          tokens,
          sentences,
        ),
        region,
        (span) => shiftSpan(span, offset),
      ),
      isCorrection,
      confidence,
      needsReview: needsReview(confidence),
      extractorVersion: EXTRACTOR_VERSION,
    });
  }
  return reports;
}

/** Figures of one metric that differ (a zero beside a victim, two different totals): a judgement call. */
function haveDisagreement(figures: readonly { metric: string; value: number }[]): boolean {
  const seen = new Map<string, number>();
  for (const figure of figures) {
    const previous = seen.get(figure.metric);
    if (previous !== undefined && previous !== figure.value) return true;
    seen.set(figure.metric, figure.value);
  }
  return false;
}

/** How many regions the text's figure-bearing sentences speak of. */
function countRegions(sentences: readonly { region: string | null; background: boolean }[]): number {
  const regions = new Set<string>();
  for (const sentence of sentences) if (sentence.region && !sentence.background) regions.add(sentence.region);
  return regions.size;
}
