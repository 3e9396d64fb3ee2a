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
import { findCommunities } from './find-communities.js';
import { isCorrectionText, isRunningUpdate } from './detect-text-kind.js';
import { buildPerCommunity } from './build-per-community.js';
import { pickMetrics, rateConfidence } from './pick-metrics.js';
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

/** Extracts zero or more reports from one text. Never throws on any string input. */
export function extractReports(input: ReportInput): ExtractedReport[] {
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
  let casualties = collectCasualties(tokens, sentences);
  if (counts.length === 0 && isRunningUpdate(tokens)) casualties = [];
  // Outside an update, a raised toll is usually one earlier strike's ("the toll from the strike on Odesa has
  // risen to 14"), not the day's figure.
  const isCorrection = isCorrectionText(tokens);
  if (!isCorrection) casualties = casualties.filter((c) => !c.revised);

  const dateMentions = findDateMentions(tokens);
  const regions = orderRegions(sentences, counts, casualties);
  const reports: ExtractedReport[] = [];
  for (const region of regions) {
    // Pick: one figure per metric, then the window and the day they cover.
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
      confidence: rateConfidence(metrics),
      extractorVersion: EXTRACTOR_VERSION,
    });
  }
  return reports;
}
