/**
 * One insights run, from the hook's context: read the aggregates, find the findings, write the
 * narrative (LLM when configured, templates otherwise), write target/insights/insights.json and
 * insights.md, and log the top insights.
 */
import type { HookContext, HookFinding, ModelInfo } from '../../../src/plugins/plugin-api.js';
import { parseBenchmarks, readShippedBenchmarks, type Benchmark } from '../qa/benchmarks.js';
import type { InsightsConfig } from './config.js';
import { findFindings, DEFAULT_FDR } from './engine.js';
import type { BenchmarkEntry } from './findings/benchmarks.js';
import { INSIGHTS_SCHEMA_VERSION, type InsightsFile } from './insights-file.js';
import { narrate } from './narrative/narrate.js';
import { renderMarkdown } from './narrative/render-markdown.js';
import { DEFAULT_TOP } from './narrative/template-narrative.js';
import { readMetrics } from './read-metrics.js';

export async function runInsights(ctx: HookContext<InsightsConfig>, models: readonly ModelInfo[]): Promise<{ file: InsightsFile; findings: HookFinding[] }> {
  const config = ctx.config ?? {};
  const relations = new Map(models.map((m) => [m.name, m.relation]));
  const data = await readMetrics({ dialect: ctx.dialect, query: ctx.query, relationOf: (name) => relations.get(name) });
  const benchmarks = loadBenchmarks(ctx, config);
  const { applicable, skipped: benchmarkSkip } = forCategory(benchmarks, ctx.product.category);
  const fdr = config.fdr ?? DEFAULT_FDR;
  const engine = findFindings(data, applicable, fdr);
  const skipped = benchmarkSkip === undefined ? data.skipped : [...data.skipped, benchmarkSkip];
  const narrative = await narrate(engine.findings, { config, env: ctx.env, top: config.top ?? DEFAULT_TOP, project: ctx.project.name });
  const file: InsightsFile = {
    metadata: { schema_version: INSIGHTS_SCHEMA_VERSION, project: ctx.project.name, target: ctx.target.name },
    window: data.window === null ? null : { min_date: data.window.minDate, max_date: data.window.maxDate },
    headline: narrative.headline,
    findings: engine.findings,
    insights: narrative.insights,
    narrative: narrative.info,
    verification: narrative.verification,
    skipped,
    tests: { family_size: engine.familySize, significant: engine.significant, fdr },
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
  const applicable = new Map<string, BenchmarkEntry>();
  for (const [name, b] of benchmarks) {
    const ranges = b.ranges.filter((r) => r.category === undefined || r.category === category);
    if (ranges.length > 0) applicable.set(name, { ...b, ranges });
  }
  if (applicable.size > 0 || benchmarks.size === 0) return { applicable };
  return {
    applicable,
    skipped: {
      analysis: 'benchmark comparison',
      reason: category === undefined ? 'project.yml names no product category (product: { category: ... }), so no published range applies' : `the benchmarks file has no range for product category ${category}`,
    },
  };
}

function loadBenchmarks(ctx: HookContext<InsightsConfig>, config: InsightsConfig): ReadonlyMap<string, Benchmark> {
  try {
    return config.benchmarks === undefined ? readShippedBenchmarks() : parseBenchmarks(ctx.readProjectFile(config.benchmarks), config.benchmarks);
  } catch (error) {
    ctx.log(`benchmarks not used: ${error instanceof Error ? error.message : String(error)}`);
    return new Map();
  }
}
