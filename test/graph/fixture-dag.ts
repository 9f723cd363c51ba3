/**
 * A small fixed project for graph and selection tests: 12 models in staging/, intermediate/,
 * metrics/ (with metrics/retention/) and reports/. Bare-word traps on purpose: `retention` is a
 * folder and a tag, `revenue` is a model and a tag, `staging` is a folder and a tag.
 */
import type { GraphNode } from '../../src/graph/model-graph.js';
import { modelId } from '../../src/project/types.js';

function node(path: string, tags: readonly string[], dependsOn: readonly string[]): GraphNode {
  const parts = path.split('/');
  const name = parts[parts.length - 1]!.replace(/\.sql$/, '');
  return { id: modelId(name), path, folders: parts.slice(1, -1), tags, dependsOn: dependsOn.map(modelId) };
}

export const FIXTURE_NODES: readonly GraphNode[] = [
  node('models/staging/stg_events.sql', ['staging', 'daily'], []),
  node('models/staging/stg_users.sql', ['staging'], []),
  node('models/intermediate/int_user_days.sql', ['daily'], ['stg_events']),
  node('models/intermediate/int_users.sql', [], ['stg_events', 'stg_users']),
  node('models/metrics/dau.sql', ['core', 'daily'], ['int_user_days']),
  node('models/metrics/new_users.sql', ['core'], ['int_users']),
  node('models/metrics/revenue.sql', ['core'], ['int_user_days', 'stg_events']),
  node('models/metrics/arpu.sql', ['revenue'], ['revenue', 'dau']),
  node('models/metrics/retention/retention_by_cohort_date.sql', [], ['int_user_days', 'int_users']),
  node('models/metrics/retention/retention_curve.sql', ['core'], ['retention_by_cohort_date']),
  node('models/reports/weekly_report.sql', ['report'], ['dau', 'retention_curve', 'revenue']),
  node('models/reports/retention_email.sql', ['retention'], ['retention_curve']),
];

/** Kahn's order with ties broken by name, worked out by hand. */
export const FIXTURE_ORDER: readonly string[] = [
  'stg_events',
  'int_user_days',
  'dau',
  'revenue',
  'arpu',
  'stg_users',
  'int_users',
  'new_users',
  'retention_by_cohort_date',
  'retention_curve',
  'retention_email',
  'weekly_report',
];
