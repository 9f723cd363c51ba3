/**
 * Bench support: generate a sample into a temporary folder, copy the repo's project beside it and
 * build it in-process, so target/insights/ holds the run's insights.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InsightsFile } from '../../core/plugins/insights/insights-file.js';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { generateSample } from '../../src/sample/generate-sample.js';
import { copyProject } from '../build/project-copy.js';

export interface BuiltSample {
  readonly dir: string;
  readonly events: number;
  readonly vars: readonly string[];
  cleanup(): Promise<void>;
}

export async function buildSample(repoRoot: string, options: { seed: number; effects: boolean; users?: number; targetEvents?: number }): Promise<BuiltSample> {
  const root = await mkdtemp(join(tmpdir(), 'pdb-bench-insights-'));
  const eventsDir = join(root, 'events');
  const sample = await generateSample({ outDir: eventsDir, seed: options.seed, effects: options.effects, ...(options.users === undefined ? {} : { users: options.users }), ...(options.targetEvents === undefined ? {} : { targetEvents: options.targetEvents }) });
  const dir = join(root, 'project');
  await copyProject(repoRoot, dir);
  const vars = ['--vars', JSON.stringify({ events_path: join(eventsDir, 'events_*.parquet') })];
  const code = await runQuiet(dir, ['build', ...vars]);
  if (code !== 0) throw new Error(`pdb build exited ${code} in ${dir}`);
  return { dir, events: sample.events, vars, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export async function runQuiet(cwd: string, argv: readonly string[]): Promise<number> {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), cwd, env: { ...process.env }, interactive: false };
  const code = await main(argv, io);
  if (code !== 0) process.stderr.write(out);
  return code;
}

export async function readInsightsFile(dir: string): Promise<InsightsFile> {
  return JSON.parse(await readFile(join(dir, 'target/insights/insights.json'), 'utf8')) as InsightsFile;
}
