/**
 * The report's data stage: reads the built metric tables and the artifacts of target/ through the
 * plugin API and shapes them into plain `ReportData`. Nothing here knows of HTML or charts.
 */
import type { AfterRunContext } from '../../../src/plugins/plugin-api.js';
import { METRIC_MODELS } from './metric-rows.js';
import { readMetricRows } from './read-metric-rows.js';
import { buildFacts, dataQualitySection, insightsSection, modelDocs, resultsOf, testResults } from './read-artifacts.js';
import type { ReportData } from './report-data.js';
import { incompleteDate, revenueSection, usersSection, windowDates } from './shape-daily.js';
import { funnelSection } from './shape-funnel.js';
import { kpiSet } from './shape-kpis.js';
import { retentionGrid, stepRetention } from './shape-retention.js';
import { retentionDays } from '../shared/retention-days.js';

export type ReportSource = Pick<AfterRunContext<unknown>, 'project' | 'target' | 'vars' | 'models' | 'results' | 'query' | 'readArtifact' | 'dataQuality'>;

export async function gatherReportData(source: ReportSource): Promise<ReportData> {
  const manifestText = await source.readArtifact('manifest.json');
  const models = modelDocs(manifestText);
  // The models of this run first; a model built by an earlier run (a build with --select) is read too.
  const relations = new Map<string, string>(manifestRelations(manifestText));
  for (const m of source.models) relations.set(m.name, m.relation);
  const { rows, missing } = await readMetricRows({ query: (sql) => source.query(sql), relationOf: (model) => relations.get(model) });

  const dates = windowDates(rows);
  const incomplete = incompleteDate(dates);
  const { source: resultsSource, results } = resultsOf(source.results, await source.readArtifact('run_results.json'));
  const skipped = missing.map((m) => ({ section: sectionOf(m.model), reason: `${m.model} is ${m.reason}` }));
  const insights = insightsSection(await source.readArtifact('insights/insights.json'));
  if (insights === null) skipped.push({ section: 'Insights', reason: 'target/insights/insights.json is missing: the insights plugin did not run' });
  return {
    project: source.project.name,
    target: { name: source.target.name, type: source.target.type },
    window: dates.length === 0 ? null : { minDate: dates[0]!, maxDate: dates.at(-1)! },
    incompleteDate: incomplete,
    kpis: kpiSet(rows, dates, incomplete),
    users: usersSection(rows, dates),
    funnel: funnelSection(rows, incomplete),
    retention: retentionGrid(rows, retentionDays(source.vars, 'retention_days')),
    retentionByStep: stepRetention(rows, retentionDays(source.vars, 'funnel_retention_days')),
    revenue: revenueSection(rows, dates),
    insights,
    dataQuality: dataQualitySection(await source.dataQuality()),
    tests: testResults(results),
    build: buildFacts(resultsSource, results, await source.readArtifact('cost.json'), source.target.name),
    models,
    skipped,
  };
}

function manifestRelations(text: string | undefined): [string, string][] {
  try {
    const models = (JSON.parse(text ?? '{}') as { models?: Record<string, { relation?: unknown }> }).models ?? {};
    return Object.entries(models).flatMap(([name, m]) => (typeof m.relation === 'string' ? [[name, m.relation] as [string, string]] : []));
  } catch {
    return [];
  }
}

const SECTIONS: Record<string, string> = {
  [METRIC_MODELS.dau]: 'Users', [METRIC_MODELS.newUsers]: 'Users', [METRIC_MODELS.newUsersByChannel]: 'Users', [METRIC_MODELS.newUsersByGeo]: 'Users',
  [METRIC_MODELS.funnel]: 'Funnel', [METRIC_MODELS.retention]: 'Retention', [METRIC_MODELS.retentionByStep]: 'Retention',
  [METRIC_MODELS.revenue]: 'Revenue', [METRIC_MODELS.revenueByGeo]: 'Revenue', [METRIC_MODELS.revenueByType]: 'Revenue',
};
const sectionOf = (model: string): string => SECTIONS[model] ?? 'Metrics';
