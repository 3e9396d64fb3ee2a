/**
 * The reconciler's contract: the extracted figures of every report about one region and day go in; one
 * tally per window, plus the derived `total`, comes out. Pure data, no I/O types.
 */
import type { CommunityTally, MetricName, Metrics, Qualifier, WeaponSubtotal } from '../extraction/types.js';

/** The windows a report can be tallied under; `range` windows (a week, a span of dates) are not tallied. */
export const REPORT_WINDOWS = ['day', 'night', 'morning', 'night_and_morning', 'past_24h'] as const;
export type ReportWindow = (typeof REPORT_WINDOWS)[number];
export type TallyWindowName = ReportWindow | 'total';

/** One extracted report about this region and day, with what the reconciler needs to rank it. */
export interface ReportFigures {
  /** The stored report's id (opaque here). */
  reportId: string;
  source: string;
  /** Published by the oblast administration itself, rather than relayed. */
  official: boolean;
  publishedAt: Date;
  isCorrection: boolean;
  window: ReportWindow;
  metrics: Metrics;
  perCommunity: CommunityTally[];
  weapons: WeaponSubtotal[];
  extractorVersion: string;
  /** The report's text and title, to quote the evidence spans from. */
  text: string;
  title: string | null;
  /** Reports with the same hash carry the same text (a relay copying the post word for word). */
  textHash: string;
}

export interface TallyMetric {
  value: number;
  qualifier: Qualifier;
  term: string | null;
}

export type TallyMetrics = Record<MetricName, TallyMetric | null>;

export interface EvidenceSpan {
  metric: MetricName;
  text: string;
  start: number;
  end: number;
}

export interface Contribution {
  report: string;
  source: string;
  extractorVersion: string;
  /** For `total`: the window this report's figures came through. */
  window: ReportWindow;
  evidence: EvidenceSpan[];
}

export interface DisagreementValue {
  report: string;
  source: string;
  value: number;
  qualifier: Qualifier;
}

export interface Disagreement {
  metric: MetricName;
  /** The kept value first, then the others. */
  values: DisagreementValue[];
  resolution: string;
}

export interface CommunityFigures {
  community: string;
  name: string;
  attacks: TallyMetric | null;
  explosions: TallyMetric | null;
  weapons: string[];
}

export interface WeaponFigures {
  weapon: string;
  value: TallyMetric | null;
}

export interface ReconciledTally {
  window: TallyWindowName;
  metrics: TallyMetrics;
  perCommunity: CommunityFigures[];
  weapons: WeaponFigures[];
  contributions: Contribution[];
  disagreements: Disagreement[];
}
