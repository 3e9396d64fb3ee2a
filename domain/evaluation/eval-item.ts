/**
 * One labelled item of an evaluation set (the dev-set JSONL format), parsed and validated.
 * See docs/evaluation.md for the format and the labelling rules.
 */
import { z } from 'zod';
import { METRIC_NAMES, QUALIFIERS, type MetricName, type Qualifier } from '../extraction/types.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-MM-dd');
const Count = z.number().int().nonnegative().nullable();

const ApproxSchema = z.object({ value: z.number().nonnegative(), qualifier: z.enum(QUALIFIERS) });

const LabelledCommunitySchema = z.object({
  name: z.string().min(1),
  attacks: Count.optional().default(null),
  explosions: Count.optional().default(null),
  weapons: z.array(z.string()).optional().default([]),
  approx: z
    .partialRecord(z.enum(['attacks', 'explosions']), ApproxSchema)
    .optional()
    .default({}),
});

const LabelsSchema = z.object({
  communities: Count,
  settlements: Count,
  attacks: Count,
  explosions: Count,
  projectiles: Count,
  injured: Count,
  killed: Count,
  per_community: z.array(LabelledCommunitySchema).optional().default([]),
  approx: z.partialRecord(z.enum(METRIC_NAMES), ApproxSchema).optional().default({}),
});

const EvalItemSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(['uk', 'en', 'ru']),
  region: z.string().nullable(),
  report_date: IsoDate.nullable(),
  published: IsoDate.nullable().optional().default(null),
  outlet: z.string().nullable().optional().default(null),
  title: z.string().nullable().optional().default(null),
  text: z.string(),
  labels: LabelsSchema.nullable(),
});

export interface ApproxLabel {
  value: number;
  qualifier: Qualifier;
}

export interface LabelledCommunity {
  name: string;
  attacks: number | null;
  explosions: number | null;
  weapons: string[];
  /** Figures the text gives only approximately ("близько сотні прильотів"). */
  approx: Partial<Record<'attacks' | 'explosions', ApproxLabel>>;
}

export interface EvalLabels {
  values: Record<MetricName, number | null>;
  approx: Partial<Record<MetricName, ApproxLabel>>;
  perCommunity: LabelledCommunity[];
}

export interface EvalItem {
  id: string;
  lang: 'uk' | 'en' | 'ru';
  /** The region as the set names it ("Sumy"); null on most negatives. */
  region: string | null;
  reportDate: string | null;
  published: string | null;
  /** The outlet that published the text, where the set names it. */
  outlet: string | null;
  title: string | null;
  text: string;
  /** Null marks a negative: a text that is not a daily strike tally. */
  labels: EvalLabels | null;
}

export interface ParseProblem {
  line: number;
  message: string;
}

/** Parses a JSONL evaluation set. Blank lines are skipped; each bad line becomes a problem, not a throw. */
export function parseEvalJsonl(content: string): { items: EvalItem[]; problems: ParseProblem[] } {
  const items: EvalItem[] = [];
  const problems: ParseProblem[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push({ line: index + 1, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = EvalItemSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        line: index + 1,
        message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      });
      return;
    }
    items.push(toEvalItem(parsed.data));
  });
  return { items, problems };
}

function toEvalItem(row: z.infer<typeof EvalItemSchema>): EvalItem {
  const labels = row.labels;
  return {
    id: row.id,
    lang: row.lang,
    region: row.region,
    reportDate: row.report_date,
    published: row.published,
    outlet: row.outlet,
    title: row.title,
    text: row.text,
    labels: labels && {
      values: {
        communities: labels.communities,
        settlements: labels.settlements,
        attacks: labels.attacks,
        explosions: labels.explosions,
        projectiles: labels.projectiles,
        injured: labels.injured,
        killed: labels.killed,
      },
      approx: labels.approx,
      perCommunity: labels.per_community,
    },
  };
}
