/** Findings for the narrative tests, written out by hand, and the answers an LLM could give. */
import type { Finding } from '../../core/plugins/insights/insights-file.js';

function finding(partial: Partial<Finding> & Pick<Finding, 'id' | 'kind' | 'metric' | 'value'>): Finding {
  const baseline = partial.baseline ?? null;
  return {
    key: `${partial.kind}:${partial.metric}:${partial.id}`,
    metric_label: partial.metric,
    table: 't',
    where: {},
    unit: 'count',
    baseline,
    baseline_label: 'the usual value',
    difference: baseline === null ? null : partial.value - baseline,
    change: baseline === null || baseline === 0 ? null : partial.value / baseline - 1,
    direction: baseline === null ? 'flat' : partial.value > baseline ? 'up' : partial.value < baseline ? 'down' : 'flat',
    n: 1000,
    interval: null,
    test: null,
    significant: false,
    summary: `${partial.metric} summary`,
    score: 1,
    ...partial,
  };
}

export const FINDINGS: readonly Finding[] = [
  finding({ id: 'F1', kind: 'anomaly', metric: 'Daily active users', value: 600, baseline: 1000, where: { event_date: '2026-02-18' }, test: { name: 'robust_z', statistic: -6, p: 1e-9, q: 1e-7 }, significant: true }),
  finding({ id: 'F2', kind: 'segment', metric: 'D1 retention', unit: 'rate', value: 0.166, baseline: 0.315, where: { channel: 'tiktok' }, interval: { low: 0.151, high: 0.181 }, test: { name: 'two_proportion_z', statistic: -14, p: 1e-40, q: 1e-38 }, significant: true }),
  finding({ id: 'F3', kind: 'segment', metric: 'D1 retention', unit: 'rate', value: 0.32, baseline: 0.31, where: { channel: 'google' }, test: { name: 'two_proportion_z', statistic: 1, p: 0.3, q: 0.6 }, significant: false }),
  finding({ id: 'F4', kind: 'benchmark', metric: 'D1 retention', unit: 'rate', value: 0.297, baseline: 0.277 }),
];

export interface Proposed {
  title: string;
  statement: string;
  finding_ids: string[];
  hypothesis: string | null;
  recommendation: string | null;
}

export const GOOD_DROP: Proposed = {
  title: 'Daily users dropped on {F1.date}',
  statement: 'Daily active users fell to {F1.value} against a usual {F1.baseline} ({F1.change}, {F1.q}).',
  finding_ids: ['F1'],
  hypothesis: 'A tracking problem could be behind the drop.',
  recommendation: 'Check the tracking for {F1.date}.',
};

export const GOOD_CHANNEL: Proposed = {
  title: 'Channel {F2.segment} retains worse',
  statement: 'D1 retention of {F2.segment} is {F2.value}, lower than the {F2.baseline} of the other channels.',
  finding_ids: ['F2'],
  hypothesis: null,
  recommendation: null,
};

export const answer = (...insights: Proposed[]): string => JSON.stringify({ insights });
