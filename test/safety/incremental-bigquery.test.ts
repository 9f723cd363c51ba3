/**
 * The BigQuery incremental script, checked on ZetaSQL's reference evaluator: the partitions it
 * computes from the new rows and the rows its delete keeps give, with the new rows, the table a
 * full refresh gives, for NULL keys and for timestamps partitioned by day.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inReplacedPartitions, newPartitionsQuery, partitionExpression, replacedSinceRows } from '../../src/adapters/bigquery/bigquery-statements.js';
import type { PartitionBy } from '../../src/project/types.js';
import { analyzerOptions, bigQueryLanguage, simpleCatalog } from '../../src/validate/zetasql-catalog.js';
import type { ColumnProto, ValueProto } from '../../src/validate/zetasql-protocol.js';
import { withZetaSqlServer, type ZetaSqlServer } from '../../src/validate/zetasql-server.js';
import { plainRows } from '../bigquery-equivalence/evaluate-models.js';

/** The table after the script's delete and insert: existing rows outside the replaced partitions, then the new rows. */
function afterIncremental(partition: PartitionBy, existing: string, incoming: string): string {
  const expression = partitionExpression(partition);
  const partitions = `(${newPartitionsQuery(expression, 'pdb_new_rows')})`;
  return [
    `with existing as (select * from unnest(${existing})),`,
    `pdb_new_rows as (select * from unnest(${incoming})),`,
    `replaced as (select p.keys, p.has_null from ${partitions} as p)`,
    // A DELETE removes the rows its condition holds TRUE for; NULL keeps the row.
    `select e.* from existing as e, replaced where (${inReplacedPartitions(expression, 'replaced.keys', 'replaced.has_null')}) is not true`,
    'union all select * from pdb_new_rows',
    'order by 1, 2',
  ].join('\n');
}

async function evaluate(server: ZetaSqlServer, sql: string): Promise<Record<string, unknown>[]> {
  const language = bigQueryLanguage(await server.call('GetLanguageOptions', { maximumFeatures: true }));
  const response = (await server.call('EvaluateQuery', { sql, options: analyzerOptions(language), simpleCatalog: simpleCatalog(language, []) })) as {
    content?: { tableData?: { row?: { cell?: ValueProto[] }[] } };
    prepared?: { columns?: ColumnProto[] };
  };
  const column = (response.prepared?.columns ?? []).map((c) => ({ name: c.name ?? '', type: c.type ?? {} }));
  return plainRows({ table: { name: 'result', column }, rows: (response.content?.tableData?.row ?? []).map((r) => ({ cell: r.cell ?? [] })) });
}

test('NULL keys are a partition of their own; timestamps are replaced by the whole day', async () => {
  const outcome = await withZetaSqlServer(async (server) => ({
    nulls: await evaluate(
      server,
      afterIncremental(
        { field: 'd', dataType: 'date', granularity: 'day' },
        "[struct(cast(null as date) as d, 2 as n), (date '2024-01-01', 1), (date '2024-01-02', 5)]",
        "[struct(cast(null as date) as d, 2 as n), (date '2024-01-01', 1)]",
      ),
    ),
    hours: await evaluate(
      server,
      afterIncremental(
        { field: 'hour', dataType: 'timestamp', granularity: 'day' },
        "[struct(timestamp '2024-01-01 10:00:00+00' as hour, 1 as n), (timestamp '2024-01-01 11:00:00+00', 1), (timestamp '2024-01-02 09:00:00+00', 1)]",
        "[struct(timestamp '2024-01-01 11:00:00+00' as hour, 1 as n), (timestamp '2024-01-01 12:00:00+00', 1)]",
      ),
    ),
  }));
  assert.is(outcome.status, 'ran', 'the ZetaSQL package is installed');
  if (outcome.status !== 'ran') return;
  assert.equal(outcome.value.nulls, [
    { d: null, n: 2 },
    { d: '2024-01-01', n: 1 },
    { d: '2024-01-02', n: 5 },
  ]);
  assert.equal(outcome.value.hours, [
    { hour: '2024-01-01T11:00:00.000Z', n: 1 },
    { hour: '2024-01-01T12:00:00.000Z', n: 1 },
    { hour: '2024-01-02T09:00:00.000Z', n: 1 },
  ]);
});

test('with a unique_key, the rows of the keys recomputed are replaced whatever their date, besides those from the since date on', async () => {
  const kept = (keys: readonly string[]): string => {
    const condition = replacedSinceRows({ field: 'd', dataType: 'date', granularity: 'day' }, keys, 'pdb_new_rows').replaceAll('pdb_since', "date '2024-01-03'");
    return [
      "with existing as (select * from unnest([struct('a' as user_id, date '2024-01-01' as d, 1 as s), ('b', date '2024-01-02', 1), ('c', date '2024-01-04', 1), ('e', cast(null as date), 1)])),",
      "pdb_new_rows as (select * from unnest([struct('b' as user_id, date '2024-01-05' as d, 2 as s)]))",
      `select user_id from existing where (${condition}) is not true order by 1`,
    ].join('\n');
  };
  const outcome = await withZetaSqlServer(async (server) => ({ oneKey: await evaluate(server, kept(['user_id'])), twoKeys: await evaluate(server, kept(['user_id', 's'])) }));
  assert.is(outcome.status, 'ran', 'the ZetaSQL package is installed');
  if (outcome.status !== 'ran') return;
  assert.equal(outcome.value.oneKey, [{ user_id: 'a' }]);
  assert.equal(outcome.value.twoKeys, [{ user_id: 'a' }, { user_id: 'b' }]);
});

test.run();
