import { REVIEW_BELOW } from '../infer/mapping-yaml.js';
import type { CanonicalField, MappingProposal } from '../plugins/plugin-api.js';
import { CANONICAL_COLUMNS } from '../project/types.js';

/** What inference proposed, as `pdb infer` and `pdb init` print it: a field table, then the event roles and geo level. */
export function proposalText(proposal: MappingProposal): string {
  const rows = CANONICAL_COLUMNS.map((field) => {
    const p = proposal.columns[field as CanonicalField];
    return p === undefined ? [field, '(none)', '', ''] : [field, p.expression, `${p.confidence.toFixed(2)}${p.confidence < REVIEW_BELOW ? ' review' : ''}`, p.evidence.join('; ')];
  });
  let text = table([['field', 'expression', 'confidence', 'evidence'], ...rows]);
  const events = proposal.events;
  if (events !== undefined) {
    text += `\nnew-user events: ${(events.newUser ?? []).join(', ') || '(first activity)'}\n`;
    text += `funnel: ${(events.funnel ?? []).map((s) => `${s.name} [${s.events.join(', ')}]`).join(' -> ') || '(none)'}\n`;
  }
  text += `geo level: ${proposal.geoLevel ?? 'auto'}\n`;
  return text;
}

/** The fields a user should check first: required ones missing, and guesses below the review mark. */
export function fieldsToReview(proposal: MappingProposal): string[] {
  const out: string[] = [];
  for (const field of ['user_id', 'event_time', 'event_name'] as const) {
    if (proposal.columns[field] === undefined) out.push(`${field}: no column found, and it is required: map it in mapping.yml`);
  }
  for (const field of CANONICAL_COLUMNS) {
    const p = proposal.columns[field as CanonicalField];
    if (p !== undefined && p.confidence < REVIEW_BELOW) out.push(`${field}: '${p.expression}' is a guess (confidence ${p.confidence.toFixed(2)}: ${p.evidence.join('; ')})`);
  }
  if ((proposal.events?.funnel ?? []).length === 0) out.push('funnel: no steps found; the funnel models are left out until mapping.yml lists events.funnel');
  return out;
}

/** A plain text table; the evidence column is last, so long evidence only makes lines longer. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (i === r.length - 1 ? 0 : (r[i] ?? '').length))));
  return rows.map((r) => `${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()}\n`).join('');
}
