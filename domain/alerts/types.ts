/**
 * What the detectors read and what they return. The input is a region's daily `total` tallies reduced to
 * plain numbers; a metric the day's reports did not state is null, and a day with no tally is absent.
 * Neither ever counts as 0.
 */

export const DETECTION_KINDS = ['spike', 'sustained_rise', 'new_front', 'silent_source'] as const;
export type DetectionKind = (typeof DETECTION_KINDS)[number];

/** A report behind a figure, as the tally's contributions name it. */
export interface ReportRef {
  /** The Report's id, or null for contributions without one (demo data). */
  id: string | null;
  source: string;
}

/** One community's figures in a day's per-community breakdown. */
export interface CommunityDay {
  /** KATOTTG code. */
  community: string;
  attacks: number | null;
  explosions: number | null;
}

/** One region's reconciled figures for one Kyiv-local day. */
export interface RegionDay {
  date: string;
  /** Metric name → value; null or absent when the day's reports did not state it. */
  metrics: Readonly<Record<string, number | null | undefined>>;
  /**
   * The per-community breakdown. An empty list means the day had no breakdown, so every community's figure
   * is unknown that day; a non-empty one means communities it leaves out were not attacked (0).
   */
  perCommunity: readonly CommunityDay[];
  reports: readonly ReportRef[];
}

/** The community metrics a breakdown carries. */
export const COMMUNITY_METRICS = ['attacks', 'explosions'] as const;

export interface Detection {
  kind: DetectionKind;
  region: string;
  /** KATOTTG code, for a community-level detection. */
  community: string | null;
  /** Source key, for a silent source. */
  source: string | null;
  metric: string | null;
  /** The Kyiv-local date the detection is about. */
  date: string;
  value: number | null;
  /** The expected level: the baseline median (spike), the reference level (rise), the usual share (silence). */
  baseline: number | null;
  /** How far the baseline varies: 1.4826 × MAD, or the fallback distribution's standard deviation. */
  spread: number | null;
  /** The figure the value had to pass. */
  threshold: number | null;
  /** The rule that fired, with its parameters. */
  method: string;
  /** A sentence a reader can act on. */
  explanation: string;
  /** The reports behind the value. */
  reports: readonly ReportRef[];
}
