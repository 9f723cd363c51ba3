import { stringify } from 'yaml';
import type { CanonicalField, MappingProposal } from '../plugins/plugin-api.js';
import { CANONICAL_COLUMNS } from '../project/types.js';

/** Below this, a field gets a `# review:` line. */
export const REVIEW_BELOW = 0.7;

/** The inferred mapping as a commented mapping.yml: each field with its confidence and evidence. */
export function mappingYaml(proposal: MappingProposal, source: string, sampleRows: number): string {
  const lines = [
    `# Proposed by \`pdb infer\` for ${source} from its columns, ${sampleRows} sampled rows and its event names.`,
    '# Review it before building: each column shows its confidence (0..1) and the evidence;',
    '# `# review:` marks the guesses to check first. Edit freely; `pdb infer --force` overwrites it.',
    `source: ${source}`,
    `timezone: ${scalar(proposal.timezone ?? 'UTC')}`,
    `geo_level: ${proposal.geoLevel ?? 'auto'}`,
    '',
    'columns:',
  ];
  for (const field of CANONICAL_COLUMNS) {
    const p = proposal.columns[field as CanonicalField];
    if (p === undefined) {
      lines.push(`  # ${field}: no column found${field === 'revenue_type' ? ' (derived from the revenue_types event lists)' : ''}`);
      continue;
    }
    if (p.confidence < REVIEW_BELOW) lines.push(`  # review: ${field} is a guess (confidence ${p.confidence.toFixed(2)})`);
    lines.push(`  # ${p.confidence.toFixed(2)}: ${p.evidence.join('; ')}`);
    lines.push(`  ${field}: ${scalar(p.expression)}`);
  }
  const events = proposal.events;
  if (events !== undefined) {
    lines.push('', 'events:');
    for (const why of proposal.evidence ?? []) lines.push(`  # ${why}`);
    lines.push(`  activity: ${events.activity === undefined || events.activity === 'all' ? 'all' : list(events.activity)}`);
    lines.push(`  new_user: ${list(events.newUser ?? [])}`);
    const funnel = events.funnel ?? [];
    if (funnel.length === 0) lines.push('  funnel: []');
    else {
      lines.push('  funnel:');
      for (const step of funnel) lines.push(`    - { name: ${name(step.name)}, events: ${list(step.events)} }`);
    }
    const types = events.revenueTypes ?? {};
    const entries = (['iap', 'ads', 'subscription'] as const).filter((k) => (types[k] ?? []).length > 0);
    if (entries.length === 0) lines.push('  revenue_types: {}');
    else {
      lines.push('  revenue_types:');
      for (const k of entries) lines.push(`    ${k}: ${list(types[k] ?? [])}`);
    }
  } else {
    for (const why of proposal.evidence ?? []) lines.push(`# ${why}`);
  }
  return `${lines.join('\n')}\n`;
}

function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function name(value: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(value) ? value : JSON.stringify(value);
}

function list(values: readonly string[]): string {
  return `[${values.map(name).join(', ')}]`;
}
