/**
 * The query `pdb diff --data` runs in the engine gives the same changed values on DuckDB and, for
 * its BigQuery form, on ZetaSQL's reference evaluator of GoogleSQL.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dialectFor } from '../../src/adapters/dialects.js';
import { valueChangesSql } from '../../src/diff/data-diff.js';
import { analyzerOptions, bigQueryLanguage, simpleCatalog } from '../../src/validate/zetasql-catalog.js';
import { TYPE_KIND, type TableProto, type ValueProto } from '../../src/validate/zetasql-protocol.js';
import { withZetaSqlServer } from '../../src/validate/zetasql-server.js';
import { fromValueProto, toValueProto } from '../bigquery-equivalence/zetasql-values.js';

/** (key, users, rate): day 1 unchanged, day 2 users -25 %, day 3 rate +0.1 % (within 0.5 %), day 4 only in the base, day 5 from 0. */
const BASE: [string, number, number][] = [['d1', 100, 0.5], ['d2', 40, 0.25], ['d3', 10, 0.2], ['d4', 7, 0.1], ['d5', 0, 0]];
const HEAD: [string, number, number][] = [['d1', 100, 0.5], ['d2', 30, 0.25], ['d3', 10, 0.2002], ['d5', 3, 0]];
const OPTIONS = { tolerance: 0.005, shownLimit: 10 };

/** What both engines must answer, in order: unbounded changes first (by column, then key), then the largest. */
const EXPECTED = [
  { key: 'd4', column: 'rate', base: 0.1, head: null, relative: null, changed_count: 4 },
  { key: 'd4', column: 'users', base: 7, head: null, relative: null, changed_count: 4 },
  { key: 'd5', column: 'users', base: 0, head: 3, relative: null, changed_count: 4 },
  { key: 'd2', column: 'users', base: 40, head: 30, relative: 0.25, changed_count: 4 },
];

/** Rows as the comparison needs them, with values rounded so both engines' floats compare. */
function plain(rows: readonly Record<string, unknown>[]): unknown[] {
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 1e9) / 1e9);
  return rows.map((r) => ({
    key: r['pdb_key_0'],
    column: r['column_name'],
    base: r['only_head'] === true ? null : num(r['base_value']),
    head: r['only_base'] === true ? null : num(r['head_value']),
    relative: num(r['relative']),
    changed_count: Number(r['changed_count']),
  }));
}

test('on DuckDB: rows joined on the key, changes beyond the tolerance, largest first', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const [name, rows] of [['base_m', BASE], ['head_m', HEAD]] as const) {
      await connection.run(`create table ${name} as select * from (values ${rows.map(([k, u, r]) => `('${k}', ${u}, ${r}::double)`).join(', ')}) as t(k, users, rate)`);
    }
    const sql = valueChangesSql(dialectFor('duckdb'), 'base_m', 'head_m', ['k'], ['users', 'rate'], OPTIONS);
    const reader = await connection.runAndReadAll(sql);
    assert.equal(plain(reader.getRowObjectsJson() as Record<string, unknown>[]), EXPECTED);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test('its BigQuery form gives the same rows on ZetaSQL\'s evaluator', async () => {
  const column = [
    { name: 'k', type: { typeKind: TYPE_KIND.STRING } },
    { name: 'users', type: { typeKind: TYPE_KIND.INT64 } },
    { name: 'rate', type: { typeKind: TYPE_KIND.DOUBLE } },
  ];
  const table = (name: string): TableProto => ({ name, column });
  const content = (rows: [string, number, number][]) => ({ tableData: { row: rows.map((row) => ({ cell: row.map((v, i) => toValueProto(v, column[i]!.type)) })) } });
  const sql = valueChangesSql(dialectFor('bigquery'), '`acme.base.m`', '`acme.head.m`', ['k'], ['users', 'rate'], OPTIONS);
  const ran = await withZetaSqlServer(async (server) => {
    const language = bigQueryLanguage(await server.call('GetLanguageOptions', { maximumFeatures: true }));
    const response = (await server.call('EvaluateQuery', {
      sql,
      options: analyzerOptions(language),
      simpleCatalog: simpleCatalog(language, [table('acme.base.m'), table('acme.head.m')]),
      tableContent: { 'acme.base.m': content(BASE), 'acme.head.m': content(HEAD) },
    })) as { content?: { tableData?: { row?: { cell?: ValueProto[] }[] } }; prepared?: { columns?: { name?: string; type?: { typeKind?: number } }[] } };
    const columns = response.prepared?.columns ?? [];
    return (response.content?.tableData?.row ?? []).map((r) => Object.fromEntries(columns.map((c, i) => [c.name ?? '', fromValueProto(r.cell?.[i] ?? {}, c.type ?? {})])));
  });
  assert.equal(ran.status, 'ran', ran.status === 'unavailable' ? ran.reason : '');
  if (ran.status === 'ran') assert.equal(plain(ran.value), EXPECTED);
});

test.run();
