import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { PdbError } from '../../errors/pdb-error.js';
import type { DuckDbTarget } from '../../project/types.js';

/**
 * Opens the target's database file. DuckDB allows one writing process per file; when another
 * holds it, say which file and which process, and what to do, instead of DuckDB's raw error.
 */
export async function openDuckDb(target: DuckDbTarget, projectDir: string): Promise<DuckDBInstance> {
  const path = target.path === ':memory:' ? ':memory:' : isAbsolute(target.path) ? target.path : join(projectDir, target.path);
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  // No model relies on row order; without it DuckDB writes large tables with less memory and
  // checkpoints faster (measured in bench/build).
  const options: Record<string, string> = { preserve_insertion_order: 'false' };
  if (target.threads !== undefined) options.threads = String(target.threads);
  if (target.memoryLimit !== undefined) options.memory_limit = target.memoryLimit;
  try {
    return await DuckDBInstance.create(path, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
    if (lock !== null) {
      throw new PdbError({
        code: 'E_DATABASE_LOCKED',
        message: `the database ${target.path} is in use by another process (${lock[1]}, PID ${lock[2]}).`,
        hint: `DuckDB lets one process write a database file at a time. Wait for that process to finish or stop it (kill ${lock[2]}), or point target '${target.name}' at another path in profiles.yml.`,
        location: { file: 'profiles.yml' },
      });
    }
    throw new PdbError({ code: 'E_DATABASE_OPEN', message: `cannot open the DuckDB database ${target.path}: ${message.split('\n')[0]}`, hint: 'Check the path of the target in profiles.yml and that the folder is writable.', location: { file: 'profiles.yml' } });
  }
}
