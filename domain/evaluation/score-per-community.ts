/**
 * Scores per-community figures. Each labelled name is matched to a hromada through the gazetteer, then
 * its attacks and explosions are scored with the same rule as the oblast totals. Figures the extractor
 * gives for communities the labels do not list count against precision.
 */
import type { CommunityTally, RegionKey } from '../extraction/types.js';
import type { LabelledCommunity } from './eval-item.js';
import { scoreMetric, type MetricOutcome } from './score-metric.js';

export const COMMUNITY_FIELDS = ['attacks', 'explosions'] as const;
export type CommunityField = (typeof COMMUNITY_FIELDS)[number];

/** Resolves a labelled community name to its KATOTTG code, or null when the gazetteer has no such hromada. */
export type CommunityResolver = (name: string, region: RegionKey) => string | null;

export interface CommunityFigureOutcome extends MetricOutcome {
  /** The labelled name, or the extracted mention for figures the labels do not list. */
  name: string;
  community: string | null;
  field: CommunityField;
}

export interface PerCommunityScore {
  figures: CommunityFigureOutcome[];
  /** Labelled names the gazetteer could not resolve; they are left out of the score. */
  unresolved: string[];
  /** Resolved labelled names, and how many of them the extractor listed at all. */
  labelledNames: number;
  foundNames: number;
  /** Every figure matched and nothing extra was given. */
  correct: boolean;
}

/** Scores the extracted per-community tallies of one item against its labelled list. */
export function scorePerCommunity(
  labelled: readonly LabelledCommunity[],
  extracted: readonly CommunityTally[],
  region: RegionKey,
  resolve: CommunityResolver,
): PerCommunityScore {
  const figures: CommunityFigureOutcome[] = [];
  const unresolved: string[] = [];
  const labelledCodes = new Set<string>();
  let foundNames = 0;

  for (const entry of labelled) {
    const code = resolve(entry.name, region);
    if (code === null) {
      unresolved.push(entry.name);
      continue;
    }
    // The same hromada labelled twice (a city and its hromada) is scored once.
    if (labelledCodes.has(code)) continue;
    labelledCodes.add(code);
    const tally = extracted.find((candidate) => candidate.community === code) ?? null;
    if (tally) foundNames += 1;
    for (const field of COMMUNITY_FIELDS) {
      figures.push({
        ...scoreMetric(entry[field], entry.approx[field], tally?.[field]),
        name: entry.name,
        community: code,
        field,
      });
    }
  }

  const seenExtra = new Set<string>();
  for (const tally of extracted) {
    if (labelledCodes.has(tally.community) || seenExtra.has(tally.community)) continue;
    seenExtra.add(tally.community);
    for (const field of COMMUNITY_FIELDS) {
      const value = tally[field];
      if (value === null) continue;
      figures.push({
        ...scoreMetric(null, null, value),
        name: tally.mention,
        community: tally.community,
        field,
      });
    }
  }

  return {
    figures,
    unresolved,
    labelledNames: labelledCodes.size,
    foundNames,
    correct: figures.every((figure) => figure.correct),
  };
}
