/**
 * The DuckDB settings of the target `pdb build` uses, read from the project's profiles.yml, so
 * that the floor query runs with the same threads and memory limit as the build.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface DuckDbSettings {
  readonly target: string;
  readonly threads?: number;
  readonly memoryLimit?: string;
}

/** From the text of profiles.yml; `target` defaults to the file's own `target:`. */
export function duckDbSettings(profilesYaml: string, target?: string): DuckDbSettings {
  const doc: unknown = parse(profilesYaml);
  const root = isRecord(doc) ? doc : {};
  const name = target ?? (typeof root.target === 'string' ? root.target : undefined);
  if (name === undefined) throw new Error('profiles.yml names no default target; pass one');
  const targets = isRecord(root.targets) ? root.targets : {};
  const entry = targets[name];
  if (!isRecord(entry)) throw new Error(`profiles.yml has no target '${name}'`);
  if (entry.type !== 'duckdb') throw new Error(`target '${name}' in profiles.yml is of type '${String(entry.type)}', not duckdb`);
  return {
    target: name,
    ...(typeof entry.threads === 'number' ? { threads: entry.threads } : {}),
    ...(typeof entry.memory_limit === 'string' ? { memoryLimit: entry.memory_limit } : {}),
  };
}

export async function readDuckDbSettings(projectDir: string, target?: string): Promise<DuckDbSettings> {
  return duckDbSettings(await readFile(join(projectDir, 'profiles.yml'), 'utf8'), target);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
