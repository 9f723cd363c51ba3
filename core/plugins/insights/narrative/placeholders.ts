/**
 * Placeholders an LLM writes instead of numbers, e.g. `{F12.value}`, and pdb fills in from the
 * finding: the LLM never types a digit, so every number shown comes from the findings engine.
 */
import { formatChange, formatQ, formatValue } from '../format.js';
import type { Finding } from '../insights-file.js';

export const PLACEHOLDER_FIELDS = ['value', 'baseline', 'change', 'difference', 'n', 'q', 'low', 'high', 'date', 'segment', 'where', 'metric'] as const;
export type PlaceholderField = (typeof PLACEHOLDER_FIELDS)[number];

export const PLACEHOLDER = /\{(F\d+)\.([a-z_]+)\}/g;

export interface PlaceholderUse {
  readonly id: string;
  readonly field: string;
}

export function placeholdersIn(text: string): PlaceholderUse[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ id: m[1]!, field: m[2]! }));
}

/** The text with every placeholder removed (what the no-digits rule checks). */
export const withoutPlaceholders = (text: string): string => text.replace(PLACEHOLDER, ' ');

/** The text of one placeholder, or an error saying why it cannot be filled. */
export function fillOne(finding: Finding, field: string): { text: string } | { error: string } {
  const unit = finding.unit;
  switch (field as PlaceholderField) {
    case 'value':
      return { text: formatValue(finding.value, unit) };
    case 'baseline':
      return finding.baseline === null ? { error: `${finding.id} has no baseline` } : { text: formatValue(finding.baseline, unit) };
    case 'change':
      return finding.change === null ? { error: `${finding.id} has no relative change` } : { text: formatChange(finding.change) };
    case 'difference':
      return finding.difference === null ? { error: `${finding.id} has no difference` } : { text: formatValue(Math.abs(finding.difference), unit) };
    case 'n':
      return { text: finding.n.toLocaleString('en-US') };
    case 'q':
      return finding.test === null ? { error: `${finding.id} is not a statistical test (no q-value)` } : { text: formatQ(finding.test.q) };
    case 'low':
      return finding.interval === null ? { error: `${finding.id} has no interval` } : { text: formatValue(finding.interval.low, unit) };
    case 'high':
      return finding.interval === null ? { error: `${finding.id} has no interval` } : { text: formatValue(finding.interval.high, unit) };
    case 'date':
      return finding.where['event_date'] === undefined ? { error: `${finding.id} is not about a date` } : { text: finding.where['event_date'] };
    case 'segment': {
      const entry = Object.entries(finding.where).find(([k]) => !['event_date', 'from', 'to', 'weeks', 'step', 'step_name', 'from_step'].includes(k));
      return entry === undefined ? { error: `${finding.id} is not about a segment` } : { text: entry[1] };
    }
    case 'where':
      return { text: Object.entries(finding.where).map(([k, v]) => `${k} ${v}`).join(', ') || 'overall' };
    case 'metric':
      return { text: finding.metric_label };
    default:
      return { error: `{${finding.id}.${field}} is not a known field (use ${PLACEHOLDER_FIELDS.join(', ')})` };
  }
}

/** Fills every placeholder; unknown ids and fields are collected as errors. */
export function fill(text: string, byId: ReadonlyMap<string, Finding>): { text: string; errors: string[] } {
  const errors: string[] = [];
  const out = text.replace(PLACEHOLDER, (whole, id: string, field: string) => {
    const finding = byId.get(id);
    if (finding === undefined) {
      errors.push(`${whole} cites unknown finding ${id}`);
      return whole;
    }
    const filled = fillOne(finding, field);
    if ('error' in filled) {
      errors.push(filled.error);
      return whole;
    }
    return filled.text;
  });
  return { text: out, errors };
}
