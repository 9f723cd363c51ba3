import type { Target } from '../project/types.js';
import type { Adapter } from './adapter.js';

/**
 * Connects to the target's engine. Each engine's client is imported only when used: DuckDB's
 * native binding and the BigQuery client take longer to load than a whole warm compile.
 */
export async function openAdapter(target: Target, projectDir: string): Promise<Adapter> {
  switch (target.type) {
    case 'duckdb': {
      const { DuckDbAdapter } = await import('./duckdb/duckdb-adapter.js');
      return DuckDbAdapter.open(target, projectDir);
    }
    case 'bigquery': {
      const { BigQueryAdapter } = await import('./bigquery/bigquery-adapter.js');
      return BigQueryAdapter.open(target, { projectDir });
    }
  }
}
