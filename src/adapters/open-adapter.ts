import type { Target } from '../project/types.js';
import type { Adapter } from './adapter.js';
import { BigQueryAdapter } from './bigquery/bigquery-adapter.js';
import { DuckDbAdapter } from './duckdb/duckdb-adapter.js';

/** Connects to the target's engine. */
export async function openAdapter(target: Target, projectDir: string): Promise<Adapter> {
  switch (target.type) {
    case 'duckdb':
      return DuckDbAdapter.open(target, projectDir);
    case 'bigquery':
      return BigQueryAdapter.open(target, { projectDir });
  }
}
