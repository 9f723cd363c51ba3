/**
 * A model with a unique_key, built incrementally on BigQuery, gives the table a full refresh gives:
 * the adapter's script (replacePartitionsScript, its since date, its incremental_replaced() and
 * unique_key conditions) run statement by statement on ZetaSQL's reference evaluator over a table
 * built in full from yesterday's input, then compared with a full build from today's input. Cases:
 * a key with new days, a key whose recent days are gone, a key with no days left, a row with no
 * partition date, a new key, and NULL keys (one key or one of two): a NULL key is a key of its own,
 * as a NULL partition is a partition.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fullBuildSql } from '../../src/compile/incremental-since.js';
import { bigQueryLanguage, catalogName, type ZetaSqlLanguage } from '../../src/validate/zetasql-catalog.js';
import { withZetaSqlServer, type ZetaSqlServer } from '../../src/validate/zetasql-server.js';
import { plainRows } from '../bigquery-equivalence/evaluate-models.js';
import { model, relation } from '../bigquery-rest/harness.js';
import { afterIncrementalScript, evaluateTable } from './run-incremental-script.js';

const DAYS = relation('days');

/**
 * One row per key: its newest day (NULL when one of its days has none, so it is recomputed on every
 * build), and how many days it has. It recomputes the keys with a day from incremental_since() on
 * (a NULL key too) and those whose rows the build replaces.
 */
const keyedModel = (keys: readonly string[]) => {
  const list = keys.join(', ');
  const sameKey = keys.map((k) => `r.${k} is not distinct from days.${k}`).join(' and ');
  return model(
    `by_${keys.join('_')}`,
    [
      `with recomputed as (select distinct ${list} from ${DAYS} where d >= __pdb_incremental_since_1__ or d is null)`,
      `select ${list}, case when count(d) = count(*) then max(d) end as d, count(*) as days`,
      `from ${DAYS} as days`,
      `where exists (select 1 from recomputed as r where ${sameKey}) or __pdb_incremental_replaced_user_id__`,
      `group by ${list}`,
    ].join('\n'),
    { materialized: 'incremental', partitionBy: { field: 'd', dataType: 'date', granularity: 'day' }, uniqueKey: keys },
    ['days'],
  );
};

/** `(user_id, d)` rows, or `(user_id, platform, d)`, as the days table. */
const daysTable = (server: ZetaSqlServer, language: ZetaSqlLanguage, rows: readonly (readonly (string | null)[])[]) => {
  const literal = (v: string | null, type: string): string => (v === null ? `cast(null as ${type})` : type === 'date' ? `date '2024-${v}'` : `'${v}'`);
  const names = rows[0]!.length === 2 ? ['user_id', 'd'] : ['user_id', 'platform', 'd'];
  const structs = rows.map((r) => `struct(${r.map((v, i) => `${literal(v, names[i] === 'd' ? 'date' : 'string')} as ${names[i]}`).join(', ')})`);
  return evaluateTable(server, language, catalogName(DAYS), `select * from unnest([${structs.join(', ')}])`);
};

/** The model's table after a full build on `before` then an incremental one on `after`, and a full build on `after`. */
async function incrementalAndFull(keys: readonly string[], before: readonly (readonly (string | null)[])[], after: readonly (readonly (string | null)[])[]) {
  const outcome = await withZetaSqlServer(async (server) => {
    const language = bigQueryLanguage(await server.call('GetLanguageOptions', { maximumFeatures: true }));
    const m = keyedModel(keys);
    const full = async (rows: readonly (readonly (string | null)[])[]) => evaluateTable(server, language, catalogName(m.relation), fullBuildSql(m.sql), [await daysTable(server, language, rows)]);
    const existing = await full(before);
    const incremental = await afterIncrementalScript(server, language, m, existing, [await daysTable(server, language, after)]);
    const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    return { incremental: sorted(plainRows(incremental)), full: sorted(plainRows(await full(after))) };
  });
  assert.is(outcome.status, 'ran', 'the ZetaSQL package is installed');
  if (outcome.status !== 'ran') throw new Error(outcome.reason);
  return outcome.value;
}

const row = (user_id: string | null, d: string | null, days: number): string => JSON.stringify({ user_id, d: d === null ? null : `2024-${d}`, days });

test('one key: new days, recent days gone, no days left, no partition date, a new key and a NULL key with a new day', async () => {
  const { incremental, full } = await incrementalAndFull(
    ['user_id'],
    [['a', '01-01'], ['b', '01-01'], ['b', '01-05'], ['c', '01-02'], ['c', '01-05'], ['e', '01-01'], ['e', null], [null, '01-01'], ['f', '01-05']],
    [['a', '01-01'], ['b', '01-01'], ['b', '01-05'], ['b', '01-06'], ['c', '01-02'], ['e', '01-01'], ['e', null], ['e', '01-06'], [null, '01-01'], [null, '01-06'], ['g', '01-06']],
  );
  assert.equal(full, [row('a', '01-01', 1), row('b', '01-06', 3), row('c', '01-02', 1), row('e', null, 3), row('g', '01-06', 1), row(null, '01-06', 2)].sort());
  assert.equal(incremental, full);
});

test('one key: a NULL key whose recent days are gone is recomputed from the days it has left', async () => {
  const { incremental, full } = await incrementalAndFull(
    ['user_id'],
    [[null, '01-02'], [null, '01-05'], ['a', '01-05']],
    [[null, '01-02'], ['a', '01-05']],
  );
  assert.equal(full, [row('a', '01-05', 1), row(null, '01-02', 1)].sort());
  assert.equal(incremental, full);
});

test('two keys: a key with a NULL part and a new day replaces its old row', async () => {
  const { incremental, full } = await incrementalAndFull(
    ['user_id', 'platform'],
    [['x', null, '01-01'], ['y', 'ios', '01-01'], ['z', 'web', '01-05']],
    [['x', null, '01-01'], ['x', null, '01-06'], ['y', 'ios', '01-01'], ['z', 'web', '01-05']],
  );
  const keyed = (user_id: string, platform: string | null, d: string, days: number) => JSON.stringify({ user_id, platform, d: `2024-${d}`, days });
  assert.equal(full, [keyed('x', null, '01-06', 2), keyed('y', 'ios', '01-01', 1), keyed('z', 'web', '01-05', 1)].sort());
  assert.equal(incremental, full);
});

test.run();
