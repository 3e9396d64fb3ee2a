/**
 * Picks the day's injured and killed figures for one region from every casualty statement about it.
 *
 * A report mixes three kinds of statement: the day's summary for the region ("За минулу добу на Миколаївщині
 * поранені ..."), accounts of single incidents ("О 20:50 обстріляно село ... Без постраждалих"), and the
 * outlet's headline. The summary's figure is the day's. Without one, the victims of the incidents add up, and
 * an incident's "no casualties" speaks of that incident only, so it neither cancels victims elsewhere nor
 * stands for the day when others named victims. A headline counts only when the body says nothing.
 */
import { isApproximate } from './qualifiers.js';
import type { ScopedCasualty, SummaryKind } from './scope-figures.js';
import type { MetricValue } from './types.js';

export interface PickedCasualties {
  injured: MetricValue | null;
  killed: MetricValue | null;
}

/** The day's injured and killed figures, or null where the text does not settle them. */
export function pickCasualties(casualties: readonly ScopedCasualty[]): PickedCasualties {
  const usable = preferQuotedSummary(casualties);
  // Paragraphs with any statement about victims, of either metric, uncounted ones included.
  const told = new Set(casualties.map((c) => c.paragraph));
  const injured = pickMetric(
    usable.filter((c) => c.metric === 'injured'),
    told,
  );
  const killed = pickMetric(
    usable.filter((c) => c.metric === 'killed'),
    told,
  );
  const dead = usable.filter((c) => c.metric === 'killed' && c.subset && c.value === killed?.value.value);
  return { injured: subtractTheDead(injured, dead), killed: killed?.value ?? null };
}

interface Picked {
  value: MetricValue;
  /** The single statement the figure came from, when it came from one. */
  from?: ScopedCasualty;
}

function pickMetric(all: readonly ScopedCasualty[], told: ReadonlySet<number>): Picked | undefined {
  const candidates = all.filter((c) => c.strength !== 'unnumbered');
  // A toll raised later in the text ("has risen to four") is the latest figure and replaces the first count.
  const revised = candidates.filter((c) => c.revised && !c.community && !isApproximate(c.qualifier)).at(-1);
  if (revised) return single(revised);
  const totals = candidates.filter((c) => c.strength === 'count' && c.total && !isApproximate(c.qualifier));
  if (totals[0]) return single(totals[0]);
  const body = candidates.filter((c) => !c.sentence.fromTitle);
  // A headline figure is the outlet's summary of one incident as often as of the day: the body decides.
  if (body.length === 0) return single(pickByStrength(all, candidates));
  const daySummary = pickSummary(all, body, 'day');
  if (daySummary) return single(daySummary);
  // Without the day's summary, a headline count ("kill 1, injure 1") is the outlet's reading of the whole.
  const title = candidates.filter(
    (c) => c.sentence.fromTitle && c.value > 0 && !isPart(c) && !isApproximate(c.qualifier),
  );
  const headline = title.find((c) => c.strength === 'count') ?? title[0];
  if (headline && !headline.community) return single(headline);
  const oblastSummary = pickSummary(all, body, 'oblast');
  if (oblastSummary) return single(oblastSummary);
  return sumIncidents(all, body, told);
}

function pickSummary(
  all: readonly ScopedCasualty[],
  body: readonly ScopedCasualty[],
  kind: SummaryKind,
): ScopedCasualty | undefined {
  const summary = body.filter((c) => c.summary === kind);
  if (summary.length === 0) return undefined;
  return pickByStrength(
    all.filter((c) => c.summary === kind),
    summary,
  );
}

/**
 * Incidents without a summary. Each paragraph that tells of one place's incident gives its victims; several
 * such paragraphs about different places add up ("У Золочеві загинули двоє ... У Харкові загинула жінка" is 3).
 * Otherwise the figures restate each other (lede and quote), and the strongest one stands. Zeros are the
 * incidents' own: they count only when no incident had victims.
 */
function sumIncidents(
  all: readonly ScopedCasualty[],
  body: readonly ScopedCasualty[],
  told: ReadonlySet<number>,
): Picked | undefined {
  const victims = body.filter((c) => c.value > 0 && !isPart(c) && !isApproximate(c.qualifier));
  if (victims.length === 0) {
    if (speaksOfSomeIncidents(body, told)) return undefined;
    // Only parts ("двох госпіталізовано") or hedged figures: the strongest of them as before.
    return single(
      pickByStrength(
        all,
        body.filter((c) => c.value > 0 || !hasVictims(body)),
      ),
    );
  }
  const perParagraph = new Map<number, ScopedCasualty>();
  for (const victim of victims) {
    const seen = perParagraph.get(victim.paragraph);
    if (!seen || (seen.strength !== 'count' && victim.strength === 'count'))
      perParagraph.set(victim.paragraph, victim);
  }
  const parts = [...perParagraph.values()];
  const places = new Set(parts.map((part) => part.place));
  const distinct = parts.length > 1 && !places.has(undefined) && places.size === parts.length;
  if (!distinct) return single(pickByStrength(all, victims));
  const first = parts[0];
  const last = parts.at(-1);
  if (!first || !last) return undefined;
  return {
    value: {
      value: parts.reduce((sum, part) => sum + part.value, 0),
      qualifier: 'exact',
      term: first.term,
      evidence: { ...first.evidence, end: Math.max(first.evidence.end, last.evidence.end) },
    },
  };
}

/**
 * "At 10:20 a drone hit a garage in Kupiansk. No one was injured." beside another incident account that says
 * nothing of victims: the zero is that incident's, and the day's figure is unknown.
 */
function speaksOfSomeIncidents(body: readonly ScopedCasualty[], told: ReadonlySet<number>): boolean {
  const zeros = body.filter((c) => c.value === 0);
  const incidents = zeros[0]?.incidents ?? [];
  if (zeros.length === 0 || !zeros.every((c) => incidents.includes(c.paragraph))) return false;
  return incidents.some((paragraph) => !told.has(paragraph));
}

/**
 * Injured counted among victims already named ("двох госпіталізовано", "з них троє у лікарні"). A death "of
 * them" is still the day's killed figure; it is taken off the injured instead (see subtractTheDead).
 */
function isPart(c: ScopedCasualty): boolean {
  return c.subset === true && c.metric === 'injured';
}

function hasVictims(body: readonly ScopedCasualty[]): boolean {
  return body.some((c) => c.value > 0);
}

const STRENGTH_ORDER = ['count', 'singular', 'zero', 'weak_zero'] as const;

/** Counts before single victims before zeros; a single victim beside an explicit zero is a contradiction. */
function pickByStrength(
  all: readonly ScopedCasualty[],
  candidates: readonly ScopedCasualty[],
): ScopedCasualty | undefined {
  // A zero about one place ("Постраждалих там немає") does not contradict a victim elsewhere.
  const hasZero = candidates.some((c) => c.value === 0 && !c.community);
  const unnumberedTitle = all.some((c) => c.strength === 'unnumbered' && c.sentence.fromTitle);
  const mentionsVictims = all.some((c) => c.value !== 0);
  for (const strength of STRENGTH_ORDER) {
    // A hedged zero ("попередньо, без постраждалих") is dropped when the text reports victims at all.
    if (strength === 'weak_zero' && mentionsVictims) break;
    const ofStrength = candidates.filter((c) => c.strength === strength && !isPart(c));
    const chosen = ofStrength.find((c) => !isApproximate(c.qualifier)) ?? ofStrength[0];
    if (!chosen) continue;
    // The headline says there are victims without a count ("є поранені"), and the only count is one
    // community's: it is a part, not the oblast's figure.
    if (strength === 'count' && chosen.community && unnumberedTitle) return undefined;
    if (strength === 'singular' && hasZero) return undefined;
    return chosen;
  }
  // Only a part is counted ("одна – в лікарні"): those are the victims the text knows of.
  return candidates.find(
    (c) => isPart(c) && (c.strength === 'count' || c.strength === 'singular') && !isApproximate(c.qualifier),
  );
}

/**
 * An outlet's lede and the official's quoted summary give the same day's figures, but one differs ("5 людей
 * загинули та ще 21 отримала поранення" against «вбили 5 ... Ще 8 людей отримали поранення»): the quote is
 * the source, so the lede's differing figure is set aside. The agreeing figure shows both are the summary.
 */
function preferQuotedSummary(casualties: readonly ScopedCasualty[]): readonly ScopedCasualty[] {
  const counts = casualties.filter((c) => c.strength === 'count' && c.value > 0 && !isPart(c));
  const quoted = counts.filter((c) => c.quoted);
  if (quoted.length === 0) return casualties;
  const lede = counts.filter((c) => !c.quoted && (c.sentence.fromTitle || c.summary));
  const agrees = lede.some((c) => quoted.some((q) => q.metric === c.metric && q.value === c.value));
  if (!agrees) return casualties;
  const overruled = new Set(
    lede.filter(
      (c) =>
        quoted.some((q) => q.metric === c.metric) &&
        !quoted.some((q) => q.metric === c.metric && q.value === c.value),
    ),
  );
  return overruled.size === 0 ? casualties : casualties.filter((c) => !overruled.has(c));
}

/**
 * "Постраждали дев'ятеро людей. Один з них загинув": the casualties counted first include the dead, so the
 * injured are the rest.
 */
function subtractTheDead(injured: Picked | undefined, dead: readonly ScopedCasualty[]): MetricValue | null {
  if (!injured) return null;
  const hurt = injured.from;
  if (!hurt) return injured.value;
  const ofThem = dead.find((d) => d.value < hurt.value && followsClosely(hurt, d));
  return ofThem ? { ...injured.value, value: hurt.value - ofThem.value } : injured.value;
}

function followsClosely(first: ScopedCasualty, then: ScopedCasualty): boolean {
  return then.index > first.index && then.paragraph === first.paragraph;
}

function single(chosen: ScopedCasualty | undefined): Picked | undefined {
  if (!chosen) return undefined;
  return {
    value: {
      value: chosen.value,
      qualifier: chosen.qualifier,
      term: chosen.term,
      evidence: { ...chosen.evidence },
    },
    from: chosen,
  };
}
