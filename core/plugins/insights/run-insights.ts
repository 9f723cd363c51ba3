/**
 * One insights run, from the hook's context: read the aggregates, find the findings, write the
 * narrative (LLM when configured, templates otherwise), write target/insights/insights.json and
 * insights.md, and log the top insights.
 */
import type { HookContext, HookFinding, KnowledgeFinding, ModelInfo } from '../../../src/plugins/plugin-api.js';
import { benchmarksFor, parseBenchmarks, readShippedBenchmarks, type Benchmark } from '../qa/benchmarks.js';
import type { InsightsConfig } from './config.js';
import { findFindings, DEFAULT_FDR } from './engine.js';
import type { BenchmarkEntry } from './findings/benchmarks.js';
import { INSIGHTS_SCHEMA_VERSION, type Finding, type Insight, type InsightsFile } from './insights-file.js';
import { narrate } from './narrative/narrate.js';
import { renderMarkdown } from './narrative/render-markdown.js';
import { DEFAULT_TOP } from './narrative/template-narrative.js';
import { readMetrics } from './read-metrics.js';
import { retentionDays } from '../shared/retention-days.js';

export async function runInsights(ctx: HookContext<InsightsConfig>, models: readonly ModelInfo[]): Promise<{ file: InsightsFile; findings: HookFinding[] }> {
  const config = ctx.config ?? {};
  const relations = new Map(models.map((m) => [m.name, m.relation]));
  const data = await readMetrics({ dialect: ctx.dialect, query: ctx.query, relationOf: (name) => relations.get(name), retentionDays: retentionDays(ctx.vars, 'retention_days') });
  const benchmarks = loadBenchmarks(ctx, config);
  const { applicable, skipped: benchmarkSkip } = forCategory(benchmarks, ctx.product.category);
  const fdr = config.fdr ?? DEFAULT_FDR;
  const engine = findFindings(data, applicable, fdr);
  const skipped = benchmarkSkip === undefined ? data.skipped : [...data.skipped, benchmarkSkip];
  const { findings, resolved } = await remember(ctx, engine.findings);
  // A finding a person dismissed stays in the findings but is not raised in the narrative again.
  const raised = findings.filter((f) => f.history?.feedback?.verdict !== 'dismissed');
  const narrative = await narrate(raised, { config, env: ctx.env, top: config.top ?? DEFAULT_TOP, project: ctx.project.name });
  const quality = await ctx.dataQuality();
  const file: InsightsFile = {
    metadata: { schema_version: INSIGHTS_SCHEMA_VERSION, project: ctx.project.name, target: ctx.target.name },
    window: data.window === null ? null : { min_date: data.window.minDate, max_date: data.window.maxDate },
    headline: narrative.headline,
    findings,
    insights: narrative.insights.map((insight) => withNotes(insight, findings)),
    narrative: narrative.info,
    verification: narrative.verification,
    skipped,
    tests: { family_size: engine.familySize, significant: engine.significant, fdr },
    ...(quality === undefined ? {} : { data_quality: { rows: quality.rows, checks: quality.checks.map((c) => ({ name: c.name, status: c.status, detail: c.detail })) } }),
    resolved,
  };
  await ctx.writeArtifact('insights', file);
  if (narrative.prompt !== undefined) await ctx.writeArtifact('prompt', narrative.prompt);
  await ctx.writeTextArtifact('insights.md', renderMarkdown(file));
  ctx.log(`${engine.significant} significant findings of ${engine.familySize} tests (FDR ${fdr * 100}%); narrative: ${narrative.info.source === 'llm' ? `LLM (${narrative.info.model})` : `templates${narrative.info.reason === undefined ? '' : ` (${narrative.info.reason})`}`}`);
  narrative.insights.forEach((insight, i) => ctx.log(`${i + 1}. ${insight.title}`));
  for (const s of skipped) ctx.log(`skipped ${s.analysis}: ${s.reason}`);
  ctx.log(`details: target/insights/insights.md`);
  return { file, findings: [] };
}

/**
 * Only ranges measured on the project's kind of product apply (project.yml `product: category:`);
 * a range without a category (a project's own file) applies to any.
 */
function forCategory(benchmarks: ReadonlyMap<string, Benchmark>, category: string | undefined): { applicable: ReadonlyMap<string, BenchmarkEntry>; skipped?: { analysis: string; reason: string } } {
  const applicable = new Map<string, BenchmarkEntry>([...benchmarksFor(benchmarks, category)].filter(([, b]) => b.ranges.length > 0));
  if (applicable.size > 0 || benchmarks.size === 0) return { applicable };
  return {
    applicable,
    skipped: {
      analysis: 'benchmark comparison',
      reason: category === undefined ? 'project.yml names no product category (product: { category: ... }), so no published range applies' : `the benchmarks file has no range for product category ${category}`,
    },
  };
}

/**
 * Keeps the findings in the project's knowledge base and marks each with what it knew: new or
 * persisting since the last run, and what people said of it (`pdb insights feedback`).
 */
async function remember(ctx: HookContext<InsightsConfig>, found: readonly Finding[]): Promise<{ findings: Finding[]; resolved: { key: string; summary: string }[] }> {
  const known = await ctx.knowledge.recordFindings(found.map(knowledgeOf));
  const byKey = new Map(known.findings.map((k) => [k.key, k]));
  const findings = found.map((f) => {
    const k = byKey.get(f.key);
    return k === undefined ? f : { ...f, history: { status: k.status, first_seen_run: k.first_seen_run, ...(k.feedback === undefined ? {} : { feedback: k.feedback }) } };
  });
  return { findings, resolved: known.resolved.map((r) => ({ key: r.key, summary: r.summary })) };
}

/** What the knowledge base keys a finding by: its metric, its segment and its dates. */
export function knowledgeOf(f: Finding): KnowledgeFinding {
  const dates = Object.entries(f.where).filter(([k]) => k.endsWith('date')).map(([, v]) => v).sort();
  const segment = Object.entries(f.where).filter(([k]) => !k.endsWith('date')).map(([k, v]) => `${k}=${v}`).join(',');
  return { key: f.key, id: f.id, kind: f.kind, metric: f.metric, segment, date_from: dates[0] ?? null, date_to: dates.at(-1) ?? null, significant: f.significant, summary: f.summary };
}

/** An insight citing a finding people commented on carries their note, so the reader sees what is known. */
function withNotes(insight: Insight, findings: readonly Finding[]): Insight {
  const notes = insight.finding_ids
    .map((id) => findings.find((f) => f.id === id)?.history?.feedback)
    .filter((fb): fb is NonNullable<typeof fb> => fb !== undefined && fb.note !== null)
    .map((fb) => `${fb.verdict === 'confirmed' ? 'Confirmed' : 'Noted'} earlier: "${fb.note}".`);
  return notes.length === 0 ? insight : { ...insight, statement: `${insight.statement} ${notes.join(' ')}` };
}

function loadBenchmarks(ctx: HookContext<InsightsConfig>, config: InsightsConfig): ReadonlyMap<string, Benchmark> {
  try {
    return config.benchmarks === undefined ? readShippedBenchmarks() : parseBenchmarks(ctx.readProjectFile(config.benchmarks), config.benchmarks);
  } catch (error) {
    ctx.log(`benchmarks not used: ${error instanceof Error ? error.message : String(error)}`);
    return new Map();
  }
}
