/**
 * Renders the human-readable evaluation report: the per-field table, region and date accuracy, the
 * negatives, then a diff for every miss with the evidence the extractor cited.
 */
import { METRIC_NAMES, type MetricValue } from '../extraction/types.js';
import type { EvalItem } from './eval-item.js';
import type { MetricOutcome } from './score-metric.js';
import type { ItemScore } from './score-item.js';
import type { EvalSummary } from './summarise-scores.js';

const EVIDENCE_LIMIT = 120;

/** The summary table followed by the misses. */
export function formatEvalReport(
  summary: EvalSummary,
  scores: readonly ItemScore[],
  items: readonly EvalItem[],
): string {
  const lines: string[] = [];
  const positives = scores.filter((score) => !score.negative).length;
  lines.push(
    `Evaluated ${summary.items} items (${positives} labelled, ${summary.negatives.count} negatives)`,
  );
  lines.push('');
  lines.push(
    `${'field'.padEnd(16)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'exact'.padStart(10)}`,
  );
  for (const name of METRIC_NAMES) {
    const field = summary.fields[name];
    lines.push(`${name.padEnd(16)}${pct(field.precision)}${pct(field.recall)}${pct(field.exact)}`);
  }
  const community = summary.perCommunity;
  lines.push(
    `${'per_community'.padEnd(16)}${pct(community.precision)}${pct(community.recall)}${pct(community.exact)}`,
  );
  lines.push('');
  lines.push(`region accuracy   ${pct(summary.region.accuracy).trim()}`);
  lines.push(`date accuracy     ${pct(summary.date.accuracy).trim()} (items with report_date only)`);
  lines.push(`community names   ${pct(community.names).trim()} of labelled hromadas found`);
  lines.push(
    `negatives         ${summary.negatives.count}, false positives ${summary.negatives.falsePositives}`,
  );

  const textById = new Map(items.map((item) => [item.id, item.text]));
  const blocks = scores
    .map((score) => describeMisses(score, textById.get(score.id) ?? ''))
    .filter((block) => block.length > 0);
  lines.push('');
  lines.push(blocks.length === 0 ? 'No misses.' : `Misses in ${blocks.length} items:`);
  lines.push(...blocks.flat());
  return lines.join('\n');
}

/** One block per item with at least one miss; empty for a perfect item. */
export function describeMisses(score: ItemScore, text: string): string[] {
  const lines: string[] = [];
  if (score.error) lines.push(`    extractor threw: ${score.error}`);
  if (score.negative) {
    if (score.falsePositive) {
      const regions = score.reports.map((report) => `${report.region} ${report.date}`).join(', ');
      lines.push(`    negative, but extracted ${score.reports.length} report(s): ${regions}`);
    }
  } else {
    if (score.regionCorrect === false) {
      const got = score.reports.map((report) => report.region).join(', ') || 'no report';
      lines.push(`    region: expected ${score.region ?? '(unknown region name)'}, got ${got}`);
    }
    if (score.dateCorrect === false) {
      lines.push(`    date: expected ${score.reportDate ?? '?'}, got ${score.selected?.date ?? 'no report'}`);
    }
    for (const name of METRIC_NAMES) {
      const outcome = score.fields?.[name];
      if (outcome && !outcome.correct) lines.push(`    ${name}: ${describeOutcome(outcome, text)}`);
    }
    for (const figure of score.perCommunity?.figures ?? []) {
      if (!figure.correct) {
        lines.push(`    per_community ${figure.name} ${figure.field}: ${describeOutcome(figure, text)}`);
      }
    }
    for (const name of score.perCommunity?.unresolved ?? []) {
      lines.push(`    per_community ${name}: not in the gazetteer, not scored`);
    }
  }
  if (lines.length === 0) return [];
  return [`  ${score.id} [${score.lang}${score.region ? ` ${score.region}` : ''}]`, ...lines];
}

function describeOutcome(outcome: MetricOutcome, text: string): string {
  const expected =
    outcome.expected !== null
      ? String(outcome.expected)
      : outcome.approx
        ? `null (approx ${outcome.approx.qualifier} ${outcome.approx.value})`
        : 'null';
  return `expected ${expected}, got ${describeValue(outcome.got, text)}`;
}

function describeValue(value: MetricValue | null, text: string): string {
  if (value === null) return 'null';
  const evidence = text.slice(value.evidence.start, value.evidence.end).replace(/\s+/g, ' ');
  const clipped = evidence.length > EVIDENCE_LIMIT ? `${evidence.slice(0, EVIDENCE_LIMIT)}…` : evidence;
  return `${value.value} (${value.qualifier}, "${value.term}") from "${clipped}" @${value.evidence.start}`;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`.padStart(10);
}
