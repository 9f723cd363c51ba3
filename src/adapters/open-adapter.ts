import type { KeyfileOrigin, Target } from '../project/types.js';
import type { Adapter } from './adapter.js';

/**
 * Set to a local server that speaks the BigQuery v2 REST API (an emulator, or the test suite's),
 * BigQuery targets talk to it with a placeholder token instead of Google's endpoint and real
 * credentials, as BIGQUERY_EMULATOR_HOST does for other tools.
 */
export const BIGQUERY_ENDPOINT_VARIABLE = 'PDB_BIGQUERY_API_ENDPOINT';

/**
 * Connects to the target's engine. Each engine's client is imported only when used: DuckDB's
 * native binding and the BigQuery client take longer to load than a whole warm compile.
 */
export async function openAdapter(target: Target, projectDir: string, env: Readonly<Record<string, string | undefined>> = process.env, keyfileOrigin?: KeyfileOrigin): Promise<Adapter> {
  switch (target.type) {
    case 'duckdb': {
      const { DuckDbAdapter } = await import('./duckdb/duckdb-adapter.js');
      return DuckDbAdapter.open(target, projectDir);
    }
    case 'bigquery': {
      const { BigQueryAdapter } = await import('./bigquery/bigquery-adapter.js');
      const endpoint = env[BIGQUERY_ENDPOINT_VARIABLE];
      const where = { projectDir, env, ...(keyfileOrigin === undefined ? {} : { keyfileOrigin }) };
      if (endpoint === undefined || endpoint === '') return BigQueryAdapter.open(target, where);
      const { OAuth2Client } = await import('google-auth-library');
      const authClient = new OAuth2Client();
      authClient.setCredentials({ access_token: 'local-emulator', expiry_date: Date.now() + 24 * 3_600_000 });
      return BigQueryAdapter.open(target, { ...where, apiEndpoint: endpoint, authClient });
    }
  }
}
