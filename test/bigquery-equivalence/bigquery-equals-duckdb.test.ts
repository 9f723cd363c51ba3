/**
 * The proof that BigQuery SQL equals DuckDB: the repo's core models, compiled for BigQuery, run
 * on ZetaSQL's reference evaluator over a small GA4-shaped fixture (the sample generator's daily
 * shards, read as `events_*` with `_TABLE_SUFFIX`), give the same rows in every metric table as
 * the DuckDB build of the same events.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { generateSample } from '../../src/sample/generate-sample.js';
import { parseBigQueryType } from '../../src/validate/bigquery-type.js';
import { catalogName } from '../../src/validate/zetasql-catalog.js';
import { TYPE_KIND, type ColumnProto } from '../../src/validate/zetasql-protocol.js';
import { withZetaSqlServer } from '../../src/validate/zetasql-server.js';
import { CORE_MODEL_NAMES, compareMetricTables } from '../reference/index.js';
import { copyRepoProject, runCli } from '../support/temp-project.js';
import { evaluateModels, plainRows, type EvaluatedTable } from './evaluate-models.js';
import { toValueProto } from './zetasql-values.js';

const BQ_ENV = { PDB_BQ_PROJECT: 'pdb-equivalence', PDB_BQ_DATASET: 'core' };
const SOURCE_TABLE = 'my-project.analytics_123456.events_*';

async function duckdbRows(dbPath: string, sql: string, json: boolean): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(dbPath);
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return (json ? reader.getRowObjectsJson() : reader.getRowObjectsJS()) as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

/** The shards as the source table: declared columns in order, then `_TABLE_SUFFIX` from each file name. */
async function sourceTable(glob: string, declared: readonly { name: string; dataType?: string }[]): Promise<EvaluatedTable> {
  const column: ColumnProto[] = declared.map((c) => {
    const parsed = parseBigQueryType(c.dataType ?? '');
    if (!parsed.ok) throw new Error(`ga4.events column ${c.name}: ${parsed.message}`);
    return { name: c.name, type: parsed.type };
  });
  column.push({ name: '_TABLE_SUFFIX', type: { typeKind: TYPE_KIND.STRING }, isPseudoColumn: true });
  const rows = await duckdbRows(
    ':memory:',
    `select *, regexp_extract(filename, 'events_([0-9]{8})\\.parquet$', 1) as _TABLE_SUFFIX
     from read_parquet('${glob}', filename = true) order by filename, event_timestamp, user_pseudo_id, event_name`,
    false,
  );
  const missing = column.filter((c) => rows.length > 0 && !Object.hasOwn(rows[0]!, c.name ?? ''));
  assert.equal(missing.map((c) => c.name), [], 'every declared source column is in the fixture');
  return {
    table: { name: SOURCE_TABLE, column },
    rows: rows.map((row) => ({ cell: column.map((c) => toValueProto(row[c.name ?? ''], c.type ?? {})) })),
  };
}

test('every core model gives the same rows on the ZetaSQL evaluator (BigQuery SQL) as on DuckDB', async () => {
  const dir = await copyRepoProject();
  const eventsDir = await mkdtemp(join(tmpdir(), 'pdb-ga4-'));
  const sample = await generateSample({ outDir: eventsDir, users: 150, days: 12, seed: 20240601 });
  assert.ok(sample.events > 1000 && sample.events < 10_000, `a few thousand events, got ${sample.events}`);
  const glob = join(eventsDir, 'events_*.parquet');

  // DuckDB: the ordinary build of the same shards.
  const build = await runCli(dir, ['build', '--vars', JSON.stringify({ events_path: glob })]);
  assert.is(build.code, 0, `pdb build failed:\n${build.stdout}\n${build.stderr}`);
  const expected: Record<string, Record<string, unknown>[]> = {};
  for (const name of CORE_MODEL_NAMES) expected[name] = await duckdbRows(join(dir, 'target/pdb.duckdb'), `select * from main.${name}`, true);

  // BigQuery: the same project compiled for target bq, run model by model on the evaluator.
  const compiled = await compile({ dir, target: 'bq', env: BQ_ENV });
  const events = compiled.project.sources.find((s) => s.sourceName === 'ga4' && s.name === 'events');
  assert.ok(events !== undefined, 'the repo declares ga4.events');
  assert.ok(compiled.models[0]!.sql.includes(`\`${SOURCE_TABLE}\``), 'stg_events reads the wildcard table');
  const source = await sourceTable(glob, events.columns);
  const outcome = await withZetaSqlServer((server) => evaluateModels(server, compiled.models, new Map([['ga4.events', source]])));
  assert.is(outcome.status, 'ran', 'the ZetaSQL package is installed');
  if (outcome.status !== 'ran') return;

  const evaluated = outcome.value;
  assert.equal(
    compiled.models.map((m) => catalogName(m.relation)),
    compiled.models.map((m) => `pdb-equivalence.core.${m.name}`),
  );
  const actual: Record<string, Record<string, unknown>[]> = {};
  for (const name of CORE_MODEL_NAMES) {
    const result = evaluated.get(name);
    assert.ok(result !== undefined, `${name} was evaluated`);
    actual[name] = plainRows(result);
  }
  const differences = compareMetricTables(expected, actual, { relTol: 1e-9, absTol: 1e-9 });
  assert.equal(differences, [], `BigQuery SQL (ZetaSQL) differs from DuckDB:\n${differences.slice(0, 40).join('\n')}`);
  // Every metric table has rows, so the comparison is not vacuous.
  assert.equal(
    CORE_MODEL_NAMES.filter((name) => (actual[name] ?? []).length === 0),
    [],
  );
});

test.run();
