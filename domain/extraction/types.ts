/**
 * The extractor's contract: what goes in, what comes out. Kept in one file so that the eval harness,
 * the ingestion job and the reconciler all agree on the shape.
 */

export type Language = 'uk' | 'en' | 'ru';

export interface ReportInput {
  text: string;
  title?: string | null;
  /** When the report was published; used to resolve "today" / "past 24 hours" in Europe/Kyiv. */
  publishedAt: Date;
  /** The region of the source that posted it (an oblast administration's own channel), if known. */
  sourceRegion?: RegionKey | null;
  language?: Language | null;
}

/** Canonical region key: the lowercase official English oblast name (`sumy`, `kharkiv`, `kyiv_city`, ...). */
export type RegionKey = string;

export const METRIC_NAMES = [
  'communities',
  'settlements',
  'attacks',
  'explosions',
  'projectiles',
  'injured',
  'killed',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** How the source qualified a number: "at least 283", "понад 100", "майже 50", ... */
export const QUALIFIERS = ['exact', 'at_least', 'more_than', 'almost', 'about', 'up_to'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** A character range in the input text: `text.slice(start, end)` is the phrase a number came from. */
export interface Span {
  start: number;
  end: number;
  /** Set to `title` when the phrase is in `ReportInput.title`; otherwise the span is in `text`. */
  field?: 'title';
}

export interface MetricValue {
  value: number;
  qualifier: Qualifier;
  /** The word the source used for what it counted ("обстрілів", "explosions", "прильотів", "times"). */
  term: string;
  evidence: Span;
}

export type Metrics = Record<MetricName, MetricValue | null>;

export const WEAPON_KINDS = [
  'artillery',
  'mortar',
  'mlrs',
  'drone',
  'guided_bomb',
  'aviation',
  'missile',
  'tank',
  'grenade_launcher',
] as const;
export type WeaponKind = (typeof WEAPON_KINDS)[number];

export interface WeaponSubtotal {
  weapon: WeaponKind;
  /** What the number counts (usually explosions or attacks); null when only the weapon is named. */
  value: MetricValue | null;
}

export interface CommunityTally {
  /** Canonical id: the hromada's KATOTTG code from the gazetteer. */
  community: string;
  /** The name as written in the text, for display and debugging. */
  mention: string;
  attacks: MetricValue | null;
  explosions: MetricValue | null;
  weapons: WeaponKind[];
  evidence: Span;
}

export type TimeWindow =
  | { kind: 'day' }
  | { kind: 'night' }
  | { kind: 'morning' }
  | { kind: 'night_and_morning' }
  | { kind: 'past_24h' }
  | { kind: 'range'; from: string; to: string };

export interface ExtractedReport {
  region: RegionKey;
  /** ISO date (yyyy-MM-dd), Kyiv-local, of the day the attacks happened. */
  date: string;
  window: TimeWindow;
  metrics: Metrics;
  weapons: WeaponSubtotal[];
  perCommunity: CommunityTally[];
  /** True when the text marks itself as a correction ("за уточненою інформацією", "updated"). */
  isCorrection: boolean;
  /** 0..1: how sure the extractor is that this is a daily strike tally for this region and date. */
  confidence: number;
  /** Confidence fell below the review threshold (see rate-confidence.ts): show the report as unverified. */
  needsReview: boolean;
  extractorVersion: string;
}
