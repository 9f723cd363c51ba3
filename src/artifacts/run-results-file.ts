import { join } from 'node:path';
import type { RunResults } from '../runner/run-results.js';
import { stableJson } from './stable-json.js';
import { writeFileAtomic } from './write-file-atomic.js';

export const RUN_RESULTS_SCHEMA_VERSION = 'pdb.run_results.v1';

/** target/run_results.json: each step's status, timing, row count and relation. */
export async function writeRunResults(projectDir: string, targetPath: string, command: string, targetName: string, run: RunResults): Promise<void> {
  const data = {
    metadata: { schema_version: RUN_RESULTS_SCHEMA_VERSION, command, target: targetName },
    elapsed_seconds: round(run.seconds),
    cancelled: run.cancelled,
    results: run.results.map((r) => ({ ...r, seconds: round(r.seconds) })),
  };
  await writeFileAtomic(join(projectDir, targetPath, 'run_results.json'), stableJson(data));
}

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;
