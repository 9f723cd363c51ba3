/**
 * The bytes a full core build would be billed on BigQuery, from `pdb build --target bq --dry-run`
 * against the local server that speaks BigQuery's REST API (test/support). The server's catalog
 * holds the GA4-shaped source with the sample's schema and each built model's table, both with
 * the bytes their columns hold (column-bytes.ts, measured with DuckDB on the same data), and it
 * answers each dry run with the bytes of the columns the query references (referenced-bytes.ts).
 *
 * Two dry runs: the first with no model built (each model is estimated with its unbuilt upstreams
 * inlined, as `pdb build --dry-run` does on a fresh dataset: an over-count the CLI says it is),
 * the second with every model's table in place, which is what each statement of a real build
 * reads (upstreams are built before their readers).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labelValue } from '../../src/adapters/bigquery/job-labels.js';
import { FakeBigQueryServer } from '../../test/support/fake-bigquery-server.js';
import { runCli } from '../../test/support/temp-project.js';
import type { LeafColumn, SchemaField, TableBytes } from './column-bytes.js';
import { referencedBytes, type TableRead } from './referenced-bytes.js';

/** Where the dry runs say the models go and where the source is (the repo project's defaults). */
export const BQ_PROJECT = 'proj';
export const BQ_DATASET = 'core';
export const RAW_TABLE = 'my-project.analytics_123456.events_*';

/** The raw columns the core models need (mapping.yml; the build bench's floor reads the same). */
export const NEEDED_RAW_COLUMNS: readonly string[] = [
  'user_pseudo_id',
  'event_timestamp',
  'event_name',
  'event_value_in_usd',
  'geo.country',
  'geo.region',
  'traffic_source.source',
  'event_params.key',
  'event_params.value.int_value',
  'event_params.value.float_value',
  'event_params.value.double_value',
];

export interface ModelBytes {
  readonly model: string;
  /** What the CLI's dry run reported (target/cost.json). */
  readonly dryRunBytes: number | null;
  /** The tables its statement reads, with the columns counted. */
  readonly reads: readonly TableRead[];
}

export interface DryRunResult {
  readonly models: readonly ModelBytes[];
  readonly totalBytes: number;
  /** Bytes read from the raw source over all models. */
  readonly rawBytes: number;
  /** Models whose statement reads the raw source. */
  readonly rawReaders: readonly string[];
}

export interface CoreBuildBytes {
  /** No model built: upstreams inlined. */
  readonly fresh: DryRunResult;
  /** Every model's table in place: what each statement of the build reads. */
  readonly built: DryRunResult;
  /** The raw source's rows and bytes: all columns, and the needed ones. */
  readonly rawRows: number;
  readonly rawAllBytes: number;
  readonly rawNeededBytes: number;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const dotted = (leaf: LeafColumn): string => leaf.path.join('.');

interface CostFile {
  readonly total_bytes: number | null;
  readonly models: readonly { readonly name: string; readonly bytes: number | null; readonly status: string; readonly reason?: string }[];
}

async function dryRun(server: FakeBigQueryServer, catalog: ReadonlyMap<string, readonly LeafColumn[]>, projectDir: string, extraArgs: readonly string[]): Promise<DryRunResult> {
  const before = server.inserts().length;
  const env = { PDB_BIGQUERY_API_ENDPOINT: server.url, PDB_BQ_PROJECT: BQ_PROJECT, PDB_BQ_DATASET: BQ_DATASET };
  const result = await runCli(projectDir, ['build', '--target', 'bq', '--dry-run', ...extraArgs], env);
  if (result.code !== 0) throw new Error(`pdb build --target bq --dry-run failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  const cost = JSON.parse(await readFile(join(projectDir, 'target', 'cost.json'), 'utf8')) as CostFile;
  const unknown = cost.models.filter((m) => m.status !== 'estimated');
  if (unknown.length > 0) throw new Error(`the dry run could not estimate ${unknown.map((m) => `${m.name} (${m.reason ?? m.status})`).join(', ')}`);
  // The statement of each model, by the table it creates (the labels name the model too).
  const statements = new Map<string, string>();
  for (const { body } of server.inserts().slice(before)) {
    const model = body.configuration?.labels?.['pdb_model'];
    const query = body.configuration?.query?.query;
    if (model !== undefined && query !== undefined) statements.set(model, query);
  }
  const models = cost.models.map((m) => ({ model: m.name, dryRunBytes: m.bytes, reads: referencedBytes(statements.get(labelValue(m.name)) ?? '', catalog) }));
  const rawReads = models.flatMap((m) => m.reads.filter((r) => r.table === RAW_TABLE).map(() => m.model));
  return {
    models,
    totalBytes: cost.total_bytes ?? Number.NaN,
    rawBytes: sum(models.flatMap((m) => m.reads.filter((r) => r.table === RAW_TABLE).map((r) => r.bytes))),
    rawReaders: rawReads,
  };
}

/**
 * Runs both dry runs of the project in `projectDir` (a copy of the repo project) against a fresh
 * local server. `raw` is the source's table bytes; `built` each model's table bytes by name (from a
 * DuckDB build of the same data).
 */
export async function coreBuildBytes(projectDir: string, raw: TableBytes, built: ReadonlyMap<string, TableBytes>, extraArgs: readonly string[] = []): Promise<CoreBuildBytes> {
  const server = await FakeBigQueryServer.start();
  try {
    const catalog = new Map<string, readonly LeafColumn[]>([[RAW_TABLE, raw.leaves]]);
    server.bytesFor = (query) => sum(referencedBytes(query, catalog).map((r) => r.bytes));
    server.addTable(RAW_TABLE, { numRows: raw.rows, fields: raw.fields as SchemaField[] });
    const fresh = await dryRun(server, catalog, projectDir, extraArgs);
    for (const { model } of fresh.models) {
      const table = built.get(model);
      if (table === undefined) throw new Error(`model ${model} has no table in the DuckDB build to size it by`);
      const ref = `${BQ_PROJECT}.${BQ_DATASET}.${model}`;
      catalog.set(ref, table.leaves);
      server.addTable(ref, { numRows: table.rows, fields: table.fields as SchemaField[] });
    }
    const builtRun = await dryRun(server, catalog, projectDir, extraArgs);
    const needed = new Set(NEEDED_RAW_COLUMNS);
    return {
      fresh,
      built: builtRun,
      rawRows: raw.rows,
      rawAllBytes: sum(raw.leaves.map((l) => l.bytes)),
      rawNeededBytes: sum(raw.leaves.filter((l) => needed.has(dotted(l))).map((l) => l.bytes)),
    };
  } finally {
    await server.close();
  }
}
