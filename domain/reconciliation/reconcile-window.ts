/**
 * Reconciles the reports about one region, day and window into one tally. Per metric, the best-ranked
 * report that states it gives the figure (see rank-reports.ts); every other report that states a different
 * value is recorded as a disagreement, with both reports named. A metric no report states stays null.
 *
 * Reports with the same text (a relay copying the post word for word) count once: they are listed as
 * contributions but never disagree with each other.
 */
import { METRIC_NAMES } from '../extraction/types.js';
import { explainPreference, rankReports } from './rank-reports.js';
import { quoteEvidence, toTallyMetric } from './quote-evidence.js';
import type {
  CommunityFigures,
  Disagreement,
  ReconciledTally,
  ReportFigures,
  ReportWindow,
  TallyMetrics,
  WeaponFigures,
} from './types.js';

function keepFirstOfEachText(ranked: readonly ReportFigures[]): ReportFigures[] {
  const seen = new Set<string>();
  return ranked.filter((report) => {
    if (seen.has(report.textHash)) return false;
    seen.add(report.textHash);
    return true;
  });
}

export function toCommunityFigures(report: ReportFigures): CommunityFigures[] {
  return report.perCommunity.map((entry) => ({
    community: entry.community,
    name: entry.mention,
    attacks: toTallyMetric(entry.attacks),
    explosions: toTallyMetric(entry.explosions),
    weapons: [...entry.weapons],
  }));
}

export function toWeaponFigures(report: ReportFigures): WeaponFigures[] {
  return report.weapons.map((entry) => ({ weapon: entry.weapon, value: toTallyMetric(entry.value) }));
}

export function reconcileWindow(window: ReportWindow, reports: readonly ReportFigures[]): ReconciledTally {
  const ranked = rankReports(reports);
  const distinct = keepFirstOfEachText(ranked);
  const metrics = {} as TallyMetrics;
  const disagreements: Disagreement[] = [];

  for (const metric of METRIC_NAMES) {
    const kept = distinct.find((report) => report.metrics[metric] !== null);
    const figure = kept?.metrics[metric] ?? null;
    metrics[metric] = toTallyMetric(figure);
    if (!kept || !figure) continue;
    const others = distinct.filter((report) => {
      const value = report.metrics[metric];
      return report !== kept && value !== null && value.value !== figure.value;
    });
    if (others.length === 0) continue;
    const reasons = [...new Set(others.map((other) => explainPreference(kept, other)))];
    disagreements.push({
      metric,
      values: [kept, ...others].map((report) => {
        const value = report.metrics[metric];
        return {
          report: report.reportId,
          source: report.source,
          value: value?.value ?? 0,
          qualifier: value?.qualifier ?? 'exact',
        };
      }),
      resolution: `kept ${kept.source}: ${reasons.join('; ')}`,
    });
  }

  const withCommunities = distinct.find((report) => report.perCommunity.length > 0);
  const withWeapons = distinct.find((report) => report.weapons.length > 0);
  return {
    window,
    metrics,
    perCommunity: withCommunities ? toCommunityFigures(withCommunities) : [],
    weapons: withWeapons ? toWeaponFigures(withWeapons) : [],
    contributions: ranked.map((report) => ({
      report: report.reportId,
      source: report.source,
      extractorVersion: report.extractorVersion,
      window,
      evidence: quoteEvidence(report),
    })),
    disagreements,
  };
}
