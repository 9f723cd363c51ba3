import { OAuth2Client } from 'google-auth-library';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BigQueryAdapter, type BigQueryAdapterOptions } from '../../src/adapters/bigquery/bigquery-adapter.js';
import type { CompiledModel } from '../../src/compile/compiled-model.js';
import { modelId, type BigQueryTarget, type ModelConfig } from '../../src/project/types.js';
import { FakeBigQueryServer } from '../support/fake-bigquery-server.js';

// The client must never look for a metadata server (there is no network in tests).
process.env['METADATA_SERVER_DETECTION'] = 'none';

export const ACCESS_TOKEN = 'ya29.test-access-token-0123456789';
export const PROJECT = 'acme-analytics';
export const DATASET = 'pdb_dev';

export const TARGET: BigQueryTarget = { type: 'bigquery', name: 'prod', project: PROJECT, dataset: DATASET, location: 'EU', maximumBytesBilled: 50_000_000_000 };

export interface Harness {
  readonly server: FakeBigQueryServer;
  readonly adapter: BigQueryAdapter;
  readonly logs: string[];
  readonly projectDir: string;
  close(): Promise<void>;
}

/** A fake BigQuery and an adapter talking to it with a set access token and millisecond delays. */
export async function startHarness(target: Partial<BigQueryTarget> = {}, options: Partial<BigQueryAdapterOptions> = {}): Promise<Harness> {
  const server = await FakeBigQueryServer.start();
  const logs: string[] = [];
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: ACCESS_TOKEN, expiry_date: Date.now() + 3_600_000 });
  const projectDir = options.projectDir ?? mkdtempSync(join(tmpdir(), 'pdb-bq-'));
  const adapter = await BigQueryAdapter.open(
    { ...TARGET, ...target },
    {
      projectDir,
      apiEndpoint: server.url,
      authClient: auth,
      runId: 'run-1',
      retry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 4 },
      pollIntervalMs: 2,
      log: (line) => logs.push(line),
      ...options,
    },
  );
  return {
    server,
    adapter,
    logs,
    projectDir,
    async close() {
      await adapter.close();
      await server.close();
    },
  };
}

export const relation = (name: string): string => `\`${PROJECT}.${DATASET}.${name}\``;

/** A compiled model as the compiler gives it, for the BigQuery target above. */
export function model(name: string, sql: string, config: Partial<ModelConfig> = {}, dependsOn: readonly string[] = []): CompiledModel {
  return {
    id: modelId(name),
    name,
    path: `models/${name}.sql`,
    config: { enabled: true, materialized: 'table', tags: [], ...config },
    relation: relation(name),
    dependsOn: { models: dependsOn.map(modelId), sources: [] },
    columns: [],
    tests: [],
    sql,
    rawChecksum: 'raw',
    compiledChecksum: 'compiled',
    upstreamChecksum: '',
  };
}
