import { PdbError } from '../errors/pdb-error.js';
import type { Target } from '../project/types.js';
import type { Adapter } from './adapter.js';
import { DuckDbAdapter } from './duckdb/duckdb-adapter.js';

/** Connects to the target's engine. */
export async function openAdapter(target: Target, projectDir: string): Promise<Adapter> {
  switch (target.type) {
    case 'duckdb':
      return DuckDbAdapter.open(target, projectDir);
    case 'bigquery':
      throw new PdbError({
        code: 'E_TARGET_UNSUPPORTED',
        message: `target '${target.name}' is BigQuery, which pdb can compile for but not yet run on.`,
        hint: `Use \`pdb compile --target ${target.name}\` to get the BigQuery SQL, or run on a duckdb target.`,
        location: { file: 'profiles.yml' },
      });
  }
}
