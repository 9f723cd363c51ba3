/**
 * pdb's built-in insights, written against the public plugin API only: after a build (and with
 * `pdb insights` on the tables already built) it reads the metric tables, finds statistically
 * tested findings (one Benjamini-Hochberg family per run) and writes a narrative in which every
 * number comes from a finding: by an LLM when one is configured and every claim checks out, from
 * templates otherwise. Output: target/insights/insights.json (format: insights/insights-file.ts)
 * and target/insights/insights.md.
 *
 *   plugins:
 *     - name: insights
 *       config:
 *         llm: { model: gpt-4o-mini, api_key_env: OPENAI_API_KEY }   # optional
 */
import { readFileSync } from 'node:fs';
import type { PdbPlugin } from '../../src/plugins/plugin-api.js';
import { shippedBenchmarksFile } from './qa/benchmarks.js';
import { configSchema, type InsightsConfig } from './insights/config.js';

const plugin: PdbPlugin<InsightsConfig> = {
  name: 'insights',
  description: 'Statistically tested findings from the built metric tables, and a checked narrative.',
  configSchema,
  // `pdb test` builds nothing: the findings would be those of the last build (pdb insights gives them).
  afterRunOn: ['run', 'build'],
  async afterRun(context) {
    // Loaded here, not above: a build whose insights are reused never loads the engine.
    const { runInsights } = await import('./insights/run-insights.js');
    const { findings } = await runInsights(context, context.models);
    return findings;
  },
  // Besides the metric tables (their fingerprints are in the key): the benchmarks, the
  // data-quality figures, and whether the LLM's key is there (never the key).
  async afterRunInputs(context) {
    const config = context.config ?? {};
    return {
      benchmarks: config.benchmarks === undefined ? readFileSync(shippedBenchmarksFile(), 'utf8') : readProjectFileOrNull(context.readProjectFile, config.benchmarks),
      dataQuality: (await context.dataQuality()) ?? null,
      llmKey: config.llm === undefined ? null : (context.env(config.llm.api_key_env) ?? '') !== '',
    };
  },
};

const readProjectFileOrNull = (read: (path: string) => string, path: string): string | null => {
  try {
    return read(path);
  } catch {
    return null;
  }
};

export default plugin;
