/**
 * `pdb init --source bigquery:...`: the table's schema and a page of its rows, read with
 * tables.get and tabledata.list. Neither runs a query job, so nothing is billed; init says so.
 * The rows become a local NDJSON file that inference reads with DuckDB, like any other sample.
 */
import type { SourceField, TableSample } from '../adapters/adapter.js';
import { openAdapter } from '../adapters/open-adapter.js';
import { errorsOf, isPdbError, PdbError } from '../errors/pdb-error.js';
import type { BigQueryTarget } from '../project/types.js';
import type { InitSource } from './init-source.js';

type Warehouse = Extract<InitSource, { kind: 'warehouse' }>;

export async function sampleWarehouse(source: Warehouse, rows: number, projectDir: string, env: Readonly<Record<string, string | undefined>>): Promise<TableSample> {
  const name = `${source.project}.${source.dataset}.${source.table}`;
  const target: BigQueryTarget = { type: 'bigquery', name: 'bq', project: source.project, dataset: 'pdb' };
  const unreachable = (why: string, cause?: unknown): PdbError =>
    new PdbError({
      code: 'E_INIT_BIGQUERY',
      message: `cannot read a sample of ${name} from BigQuery: ${why}`,
      hint: 'Check the table name, your credentials (gcloud auth application-default login, or GOOGLE_APPLICATION_CREDENTIALS) and the network; or run pdb init on an export of a day of events.',
      location: { file: '--source' },
      ...(cause === undefined ? {} : { cause }),
    });
  let adapter;
  try {
    adapter = await openAdapter(target, projectDir, env);
  } catch (error) {
    throw unreachable(firstLine(error), error);
  }
  try {
    if (adapter.sampleTable === undefined) throw unreachable('this engine cannot read a table without a query');
    const outcome = await adapter.sampleTable(name, rows).catch((error: unknown) => {
      throw unreachable(firstLine(error), error);
    });
    if (!outcome.ok) throw unreachable(outcome.error.message);
    return outcome.value;
  } finally {
    await adapter.close();
  }
}

/** The sample as NDJSON for DuckDB: whole numbers of INT64 columns as numbers (epoch times stay recognisable). */
export function sampleNdjson(sample: TableSample): string {
  return sample.rows.map((row) => JSON.stringify(typed(sample.fields, row))).join('\n') + '\n';
}

function typed(fields: readonly SourceField[], row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field.name] = valueOf(field, row[field.name]);
  return out;
}

function valueOf(field: SourceField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.mode === 'REPEATED' && Array.isArray(value)) return value.map((item) => valueOf({ ...field, mode: 'NULLABLE' }, item));
  if ((field.type === 'RECORD' || field.type === 'STRUCT') && typeof value === 'object') return typed(field.fields ?? [], value as Record<string, unknown>);
  if ((field.type === 'INTEGER' || field.type === 'INT64') && typeof value === 'string' && Number.isSafeInteger(Number(value))) return Number(value);
  return value;
}

/** The table's columns as GoogleSQL types, for the source declaration (ZetaSQL checks compiled SQL against them). */
export function columnTypes(fields: readonly SourceField[]): { name: string; dataType: string }[] {
  return fields.map((f) => ({ name: f.name, dataType: googleSqlType(f) }));
}

function googleSqlType(field: SourceField): string {
  const base = ((): string => {
    switch (field.type) {
      case 'RECORD':
      case 'STRUCT':
        return `STRUCT<${(field.fields ?? []).map((f) => `${f.name} ${googleSqlType(f)}`).join(', ')}>`;
      case 'INTEGER':
        return 'INT64';
      case 'FLOAT':
        return 'FLOAT64';
      case 'BOOLEAN':
        return 'BOOL';
      default:
        return field.type;
    }
  })();
  return field.mode === 'REPEATED' ? `ARRAY<${base}>` : base;
}

function firstLine(error: unknown): string {
  if (isPdbError(error)) return errorsOf(error).map((e) => e.message).join('; ');
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
