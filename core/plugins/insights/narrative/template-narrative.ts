/**
 * The deterministic narrative: written from templates over the same findings the LLM would get,
 * used without an API key and whenever the LLM fails. Every number comes from a finding.
 */
import { formatChange, formatValue } from '../format.js';
import type { Finding, Insight } from '../insights-file.js';
import { subjects, topSubjects } from './subjects.js';

export const DEFAULT_TOP = 5;

export function templateInsights(findings: readonly Finding[], top = DEFAULT_TOP): Insight[] {
  return topSubjects(subjects(findings), top).map((subject) => {
    const lead = subject.findings[0]!;
    const cited = subject.findings.slice(0, 3);
    const recommendation = recommend(lead);
    return {
      title: title(lead),
      statement: cited.map((f) => f.summary).join(' '),
      ...(recommendation === undefined ? {} : { recommendation }),
      finding_ids: cited.map((f) => f.id),
    };
  });
}

export function title(f: Finding): string {
  const change = f.change === null ? '' : ` (${formatChange(f.change)})`;
  const where = Object.entries(f.where).filter(([k]) => k !== 'from' && k !== 'to');
  switch (f.kind) {
    case 'gap':
      return f.where['event_date'] !== undefined ? `${f.metric_label} collapsed on ${f.where['event_date']}${change}` : `${f.metric_label}: no data for ${f.n} days`;
    case 'anomaly':
      return `${f.metric_label} ${f.direction === 'up' ? 'jumped' : 'dropped'} on ${f.where['event_date']}${change}`;
    case 'segment':
      return `${f.metric_label} of ${where.map(([k, v]) => `${k} ${v}`).join(', ')} is ${f.direction === 'up' ? 'higher' : 'lower'} than the rest${change}`;
    case 'trend':
      return `${f.metric_label} ${f.direction === 'up' ? 'rose' : 'fell'} week over week`;
    case 'funnel':
      return `First-day drop-off before ${f.where['step_name']}: ${formatValue(f.value, 'rate')}`;
    case 'benchmark':
      return `${f.metric_label} against the benchmark`;
  }
}

function recommend(f: Finding): string | undefined {
  switch (f.kind) {
    case 'gap':
      return f.where['event_date'] !== undefined
        ? `Check the tracking and the export for ${f.where['event_date']} before reading that day's metrics; exclude or annotate the day in reports.`
        : `Check whether ${Object.entries(f.where)[0]?.join(' ')} still sends data.`;
    case 'anomaly':
      return `Find out what happened on ${f.where['event_date']} (a release, a campaign, a promotion, a tracking change) and annotate the day.`;
    case 'segment': {
      const [dimension, value] = Object.entries(f.where)[0] ?? ['segment', ''];
      return f.direction === 'down'
        ? `Review ${dimension} ${value}: its ${f.metric_label.toLowerCase()} is below the rest; compare its acquisition cost with the value of its users.`
        : `Look at what ${dimension} ${value} does well: its ${f.metric_label.toLowerCase()} is above the rest.`;
    }
    case 'trend':
    case 'funnel':
    case 'benchmark':
      return undefined;
  }
}
