/**
 * Checks one insight an LLM proposed, before anything of it is shown: its cited findings exist;
 * it writes no digit of its own (numbers only through placeholders); directions it states agree
 * with the numbers of the findings it cites; "significant" and intensity words only for findings
 * with q < 0.05; causal language only in the hypothesis; a recommendation cites a verified
 * finding. Returns the errors (none = accepted) and the insight with its placeholders filled.
 */
import type { Direction, Finding, Insight } from '../insights-file.js';
import { fill, placeholdersIn, withoutPlaceholders } from './placeholders.js';

/** What the LLM returns for one insight (validated against the JSON schema first). */
export interface ProposedInsight {
  readonly title: string;
  readonly statement: string;
  readonly finding_ids: readonly string[];
  readonly hypothesis: string | null;
  readonly recommendation: string | null;
}

const UP = /\b(higher|rose|rise|rises|rising|increased?|increases|increasing|jump(?:ed|s)?|grew|grow(?:s|ing)?|growth|up|above|more|spiked?|surged?|gain(?:ed|s)?|improved?|better|exceed(?:s|ed)?|outperform(?:s|ed)?|boost(?:ed)?)\b/i;
const DOWN = /\b(lower|fell|fall(?:s|ing)?|drop(?:ped|s)?|decreased?|decreases|decreasing|declined?|declines|declining|down|below|less|fewer|collapsed?|plunged?|worse|underperform(?:s|ed)?|lost|loss|weaker|shrank|shrunk|dipped)\b/i;
const INTENSITY = /\b(significant(?:ly)?|sharp(?:ly)?|dramatic(?:ally)?|substantial(?:ly)?|strong(?:ly)?|huge|massive(?:ly)?|major|striking(?:ly)?|marked(?:ly)?|severe(?:ly)?|drastic(?:ally)?)\b/i;
const CAUSAL = /\b(because|due to|caused|causes|causing|driven by|drives|led to|leads to|result of|as a result|thanks to|owing to|attributable|explained by|responsible for)\b/i;

export interface CheckResult {
  readonly errors: readonly string[];
  readonly insight?: Insight;
}

export function checkInsight(proposed: ProposedInsight, byId: ReadonlyMap<string, Finding>): CheckResult {
  const errors: string[] = [];
  const texts: [string, string][] = [['title', proposed.title], ['statement', proposed.statement], ...(proposed.hypothesis ? [['hypothesis', proposed.hypothesis] as [string, string]] : []), ...(proposed.recommendation ? [['recommendation', proposed.recommendation] as [string, string]] : [])];

  // Names such as "D1" or "D30" in a metric's label are words, not numbers.
  const names = new Set([...byId.values()].flatMap((f) => f.metric_label.match(/\b[A-Za-z]+\d+\b/g) ?? []));
  if (proposed.finding_ids.length === 0) errors.push('cites no finding');
  for (const id of proposed.finding_ids) if (!byId.has(id)) errors.push(`cites unknown finding ${id}`);
  for (const [field, text] of texts) {
    for (const use of placeholdersIn(text)) {
      if (!byId.has(use.id)) errors.push(`${field}: {${use.id}.${use.field}} cites unknown finding ${use.id}`);
      else if (!proposed.finding_ids.includes(use.id)) errors.push(`${field}: {${use.id}.${use.field}} cites ${use.id}, which is not in finding_ids`);
    }
    const bare = withoutNames(withoutPlaceholders(text), names);
    if (/\d/.test(bare)) errors.push(`${field} writes a number of its own ("${excerpt(bare, /\d/)}"): numbers only through placeholders such as {F1.value}`);
  }
  const cited = proposed.finding_ids.map((id) => byId.get(id)).filter((f): f is Finding => f !== undefined);

  // Directions, clause by clause: the findings a clause names (or, without placeholders, all cited).
  for (const [field, text] of texts.filter(([f]) => f === 'title' || f === 'statement')) {
    for (const clause of text.split(/(?<=[.;!?])\s+/)) {
      const named = placeholdersIn(clause).map((u) => byId.get(u.id)).filter((f): f is Finding => f !== undefined);
      const about = named.length > 0 ? named : cited;
      const error = directionError(withoutPlaceholders(clause), about);
      if (error !== undefined) errors.push(`${field}: ${error}`);
    }
  }
  for (const [field, text] of texts.filter(([f]) => f !== 'hypothesis')) {
    const intense = INTENSITY.exec(text);
    if (intense !== null) {
      const named = placeholdersIn(text).map((u) => byId.get(u.id)).filter((f): f is Finding => f !== undefined);
      const about = [...new Set(named.length > 0 ? named : cited)];
      const weak = about.filter((f) => !f.significant);
      if (weak.length > 0) errors.push(`${field}: "${intense[0]}" for ${weak.map((f) => f.id).join(', ')}, which ${weak.length === 1 ? 'is' : 'are'} not significant (q >= 0.05 or below the minimum size)`);
    }
    const causal = CAUSAL.exec(text);
    if (causal !== null) errors.push(`${field}: causal language ("${causal[0]}") belongs in the hypothesis field only`);
  }
  if (proposed.recommendation && !cited.some((f) => f.significant || f.kind === 'gap' || f.kind === 'benchmark')) {
    errors.push('the recommendation cites no verified finding (a significant one, a gap or a benchmark)');
  }
  if (errors.length > 0) return { errors };

  const filled = texts.map(([field, text]) => [field, fill(text, byId)] as const);
  const fillErrors = filled.flatMap(([field, r]) => r.errors.map((e) => `${field}: ${e}`));
  if (fillErrors.length > 0) return { errors: fillErrors };
  const text = (field: string): string | undefined => filled.find(([f]) => f === field)?.[1].text;
  return {
    errors: [],
    insight: {
      title: text('title')!,
      statement: text('statement')!,
      ...(text('hypothesis') === undefined ? {} : { hypothesis: text('hypothesis')! }),
      ...(text('recommendation') === undefined ? {} : { recommendation: text('recommendation')! }),
      finding_ids: [...proposed.finding_ids],
    },
  };
}

function directionError(clause: string, findings: readonly Finding[]): string | undefined {
  const up = UP.exec(clause);
  const down = DOWN.exec(clause);
  if ((up === null) === (down === null)) return undefined; // none, or both: no single claim to check
  const said: Direction = up !== null ? 'up' : 'down';
  const wrong = findings.filter((f) => f.direction !== 'flat' && f.direction !== said);
  return wrong.length === 0 ? undefined : `"${(up ?? down)![0]}" disagrees with ${wrong.map((f) => `${f.id} (${f.direction})`).join(', ')}`;
}

/** The word holding the first match, e.g. `40%` or `D7`. */
function excerpt(text: string, at: RegExp): string {
  return (text.split(/\s+/).find((word) => at.test(word)) ?? '').replace(/^[("']+|[,.;:!?)"']+$/g, '');
}

function withoutNames(text: string, names: ReadonlySet<string>): string {
  return text.replace(/\b[A-Za-z]+\d+\b/g, (word) => (names.has(word) ? ' ' : word));
}
