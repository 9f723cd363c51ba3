/**
 * The report's sections that come from target/ rather than from the metric tables: the insights
 * (insights/insights.json, with the findings each insight cites), the data-quality scan, the QA
 * and benchmark tests and the build's models (this run's results, or run_results.json of the last
 * run), the BigQuery dry-run estimate (cost.json) and the models' docs and lineage (manifest.json).
 * A missing or unreadable file leaves its section out; it never fails the report.
 */
import type { DataQualityInfo, NodeResultInfo } from '../../../src/plugins/plugin-api.js';
import type { InsightsFile } from '../insights/insights-file.js';
import type { BuildFacts, CitedFinding, DataQuality, InsightsSection, ModelDoc, TestResult } from './report-data.js';

export function insightsSection(text: string | undefined): InsightsSection | null {
  const file = parse<InsightsFile>(text);
  if (file === undefined || !Array.isArray(file.findings) || !Array.isArray(file.insights)) return null;
  const byId = new Map(file.findings.map((f) => [f.id, f]));
  const cited = (id: string): CitedFinding[] => {
    const f = byId.get(id);
    if (f === undefined) return [];
    return [{
      id: f.id, summary: f.summary, metric: f.metric_label, unit: f.unit, value: f.value, baseline: f.baseline, baselineLabel: f.baseline_label,
      where: Object.entries(f.where ?? {}).map(([k, v]) => `${k}: ${v}`).join(', '), significant: f.significant, q: f.test?.q ?? null,
    }];
  };
  return {
    headline: file.headline ?? '',
    narrative: file.narrative?.source === 'llm' ? `written by ${file.narrative.model ?? 'an LLM'}, every claim checked by pdb` : 'written from templates',
    insights: file.insights.map((i) => ({ title: i.title, statement: i.statement, hypothesis: i.hypothesis ?? null, recommendation: i.recommendation ?? null, findings: i.finding_ids.flatMap(cited) })),
    findings: file.findings.length,
    significant: file.findings.filter((f) => f.significant).length,
  };
}

export function dataQualitySection(info: DataQualityInfo | undefined): DataQuality | null {
  if (info === undefined) return null;
  return { rows: info.rows, window: info.window === null ? null : { from: info.window.min_date, to: info.window.max_date }, checks: info.checks };
}

interface RunResultsFile {
  readonly results?: readonly { kind?: string; name?: string; status?: string; seconds?: number; rows?: number | null; failures?: number; message?: string }[];
  readonly elapsed_seconds?: number;
}

/** This run's results when it has any, else those of the last run (`pdb report` on its own). */
export function resultsOf(thisRun: readonly NodeResultInfo[], runResultsText: string | undefined): { source: BuildFacts['source']; results: readonly NodeResultInfo[] } {
  if (thisRun.length > 0) return { source: 'this run', results: thisRun };
  const file = parse<RunResultsFile>(runResultsText);
  if (file === undefined || !Array.isArray(file.results)) return { source: 'none', results: [] };
  const results = file.results.map((r): NodeResultInfo => ({
    id: '', kind: (r.kind ?? 'model') as NodeResultInfo['kind'], name: String(r.name ?? ''), status: String(r.status ?? ''), seconds: Number(r.seconds ?? 0),
    ...(r.rows === undefined ? {} : { rows: r.rows }), ...(r.failures === undefined ? {} : { failures: r.failures }), ...(r.message === undefined ? {} : { message: r.message }),
  }));
  return { source: 'run_results.json', results };
}

/** The data tests of a run (the data-quality checks have their own section). */
export function testResults(results: readonly NodeResultInfo[]): TestResult[] {
  return results
    .filter((r) => r.kind === 'test' && !r.name.startsWith('data_quality.'))
    .map((r) => ({ name: r.name, status: r.status, failures: r.failures ?? null, message: r.message ?? null, benchmark: r.name.includes('within_benchmark') }));
}

interface CostFile {
  readonly metadata?: { readonly target?: string };
  readonly total_bytes?: number | null;
  readonly total_cost_usd?: number | null;
  readonly price_per_tib_usd?: number | null;
  readonly models?: readonly { name?: string; bytes?: number | null; cost_usd?: number | null }[];
}

export function buildFacts(source: BuildFacts['source'], results: readonly NodeResultInfo[], costText: string | undefined, targetName: string): BuildFacts {
  const models = results.filter((r) => r.kind === 'model').map((r) => ({ name: r.name, status: r.status, seconds: r.seconds, rows: r.rows ?? null }));
  const cost = parse<CostFile>(costText);
  return {
    source,
    models,
    seconds: results.reduce((s, r) => s + r.seconds, 0),
    cost: cost === undefined || cost.metadata?.target !== targetName || !Array.isArray(cost.models) ? null : {
      totalBytes: cost.total_bytes ?? null,
      totalCostUsd: cost.total_cost_usd ?? null,
      pricePerTiB: cost.price_per_tib_usd ?? null,
      models: cost.models.map((m) => ({ name: String(m.name ?? ''), bytes: m.bytes ?? null, costUsd: m.cost_usd ?? null })),
    },
  };
}

interface ManifestFile {
  readonly models?: Readonly<Record<string, {
    path?: string; description?: string; tags?: string[]; config?: { materialized?: string };
    depends_on?: { models?: string[]; sources?: string[] };
    columns?: { name?: string; description?: string; data_type?: string | null }[];
  }>>;
}

/** The models of manifest.json (docs and lineage), in the order of their paths. */
export function modelDocs(manifestText: string | undefined): ModelDoc[] {
  const manifest = parse<ManifestFile>(manifestText);
  if (manifest?.models === undefined) return [];
  return Object.entries(manifest.models)
    .map(([name, m]): ModelDoc => ({
      name,
      path: m.path ?? '',
      description: m.description ?? '',
      materialized: m.config?.materialized ?? '',
      tags: m.tags ?? [],
      dependsOn: m.depends_on?.models ?? [],
      sources: m.depends_on?.sources ?? [],
      columns: (m.columns ?? []).map((c) => ({ name: String(c.name ?? ''), description: c.description ?? '', dataType: c.data_type ?? null })),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function parse<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
