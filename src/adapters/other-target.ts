import { isAbsolute, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Adapter } from './adapter.js';
import { dialectFor } from './dialects.js';
import { relationName } from './relation-name.js';
import { PdbError } from '../errors/pdb-error.js';
import type { Target } from '../project/types.js';

/** The name the base's database is attached under, when it is another DuckDB file. */
const BASE_DATABASE = 'pdb_diff_base';

/** `--base-database FILE`: the target with its database file replaced; undefined for an engine without database files. */
export function withDatabaseFile(target: Target, path: string): Target | undefined {
  switch (target.type) {
    case 'duckdb':
      return { ...target, name: 'base', path };
    case 'bigquery':
      return undefined;
  }
}

/**
 * Makes the base's built tables readable from the head target's connection, and says how to name
 * them there: another DuckDB file is attached read-only under its own name; another schema of the
 * same file, or another BigQuery dataset, needs nothing. Returns the quoted relation of a base model.
 */
export async function reachBase(adapter: Adapter, head: Target, base: Target, projectDir: string): Promise<(config: { readonly schema?: string; readonly alias?: string }, modelName: string) => string> {
  if (base.type !== head.type) {
    throw new PdbError({ code: 'E_DIFF_DATA', message: `--data: the base target '${base.name}' is ${base.type} and the head target '${head.name}' is ${head.type}; both sides must be on one engine to be compared in it.`, hint: 'Build the base with the same engine, into another schema, dataset or database file.', location: { file: '--base-target' } });
  }
  const dialect = dialectFor(base.type);
  let prefix = '';
  switch (base.type) {
    case 'duckdb': {
      const file = (t: Target & { type: 'duckdb' }): string => (isAbsolute(t.path) ? t.path : join(projectDir, t.path));
      const path = file(base);
      if (head.type === 'duckdb' && path !== file(head)) {
        if (!existsSync(path)) {
          throw new PdbError({ code: 'E_DIFF_DATA', message: `--data: the base's database ${base.path} does not exist.`, hint: 'Build the base into it first (e.g. check out the base and run pdb build with that database), or point --base-database at it.', location: { file: '--base-database' } });
        }
        const attached = await adapter.query(`attach ${dialect.quoteString(path)} as ${dialect.quoteIdentifier(BASE_DATABASE)} (read_only)`);
        if (!attached.ok) {
          throw new PdbError({ code: 'E_DIFF_DATA', message: `--data: cannot open the base's database ${base.path}: ${attached.error.message.split('\n')[0]}`, hint: 'Check that it is a DuckDB file no other process is writing.', location: { file: '--base-database' } });
        }
        prefix = `${dialect.quoteIdentifier(BASE_DATABASE)}.`;
      }
      break;
    }
    case 'bigquery':
      break;
  }
  return (config, modelName) => prefix + dialect.relation(relationName(base, config, modelName));
}
