/** Test support for insights: building a copy of the repo's project on a sample, reading target/insights. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding, InsightsFile } from '../../core/plugins/insights/insights-file.js';
import { copyRepoProject, repoRoot, runCli, writeFiles, type CliResult, type ProjectFiles } from '../support/temp-project.js';

/** The repo's project, copied, reading the events in `eventsDir` (default: the shipped sample). */
export async function repoProjectOn(eventsDir = join(repoRoot(), 'data/generated/ga4_sample'), files: ProjectFiles = {}): Promise<{ dir: string; vars: string[] }> {
  const dir = await copyRepoProject();
  await writeFiles(dir, files);
  return { dir, vars: ['--vars', JSON.stringify({ events_path: join(eventsDir, 'events_*.parquet') })] };
}

export async function readInsights(dir: string): Promise<{ json: InsightsFile; markdown: string; text: string }> {
  const text = await readFile(join(dir, 'target/insights/insights.json'), 'utf8');
  const markdown = await readFile(join(dir, 'target/insights/insights.md'), 'utf8');
  return { json: JSON.parse(text) as InsightsFile, markdown, text };
}

export function expectOk(result: CliResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
}

/** The significant findings matching a predicate. */
export const significant = (file: InsightsFile, match: (f: Finding) => boolean): Finding[] => file.findings.filter((f) => f.significant && match(f));

export { runCli };
