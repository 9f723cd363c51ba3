import { join } from 'node:path';
import type { RunResults } from '../runner/run-results.js';
import { stableJson } from './stable-json.js';
import { writeFileAtomic } from './write-file-atomic.js';

export const RUN_RESULTS_SCHEMA_VERSION = 'pdb.run_results.v1';

/** Which run wrote the file and when, as dbt's artifacts say it (the same id as the run state's). */
export interface Invocation {
  readonly invocationId: string;
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
}

/** target/run_results.json: each step's status, timing, row count and relation; keys in snake_case. */
export async function writeRunResults(projectDir: string, targetPath: string, command: string, targetName: string, run: RunResults, invocation: Invocation): Promise<void> {
  const data = {
    metadata: { schema_version: RUN_RESULTS_SCHEMA_VERSION, command, target: targetName, invocation_id: invocation.invocationId, generated_at: invocation.generatedAt },
    elapsed_seconds: round(run.seconds),
    cancelled: run.cancelled,
    results: run.results.map((r) => snakeKeys({ ...r, seconds: round(r.seconds) })),
  };
  await writeFileAtomic(join(projectDir, targetPath, 'run_results.json'), stableJson(data));
}

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/** A result's own keys in snake_case (`skippedBecause` -> `skipped_because`); the values (rows of a sample) untouched. */
function snakeKeys(result: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]));
}
