/**
 * A model keyed by date, built incrementally on BigQuery, keeps an event later than the lookback:
 * the adapter's script run statement by statement on ZetaSQL's reference evaluator over a table
 * built in full from yesterday's shards, then compared with a full build from today's. The model
 * is stg_events' shape: it reads the shards from incremental_since() on, keeps the dates from then
 * on and every row of a shard newer than the table's newest, one row per user and date.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fullBuildSql } from '../../src/compile/incremental-since.js';
import { bigQueryLanguage, catalogName } from '../../src/validate/zetasql-catalog.js';
import { withZetaSqlServer } from '../../src/validate/zetasql-server.js';
import { plainRows } from '../bigquery-equivalence/evaluate-models.js';
import { model, relation } from '../bigquery-rest/harness.js';
import { afterIncrementalScript, evaluateTable } from './run-incremental-script.js';

const EVENTS = relation('events');
const SINCE = '__pdb_incremental_since_1_from_last_shard__';

const byDay = model(
  'user_days',
  [
    'select user_id, d, max(shard) as last_shard, count(*) as events',
    `from ${EVENTS}`,
    `where shard >= date_sub(${SINCE}, interval 1 day) and (d >= ${SINCE} or shard > date_add(${SINCE}, interval 1 day))`,
    'group by user_id, d',
  ].join('\n'),
  { materialized: 'incremental', partitionBy: { field: 'd', dataType: 'date', granularity: 'day' } },
);

type Event = readonly [user: string, day: string, shard: string];

/** The model's table after a full build on `before` then an incremental one on `after`, and after a full build on `after`. */
async function incrementalAndFull(before: readonly Event[], after: readonly Event[]): Promise<{ incremental: string[]; full: string[] }> {
  const outcome = await withZetaSqlServer(async (server) => {
    const language = bigQueryLanguage(await server.call('GetLanguageOptions', { maximumFeatures: true }));
    const events = (rows: readonly Event[]) =>
      evaluateTable(server, language, catalogName(EVENTS), `select * from unnest([${rows.map(([u, d, s]) => `struct('${u}' as user_id, date '2024-01-${d}' as d, date '2024-01-${s}' as shard)`).join(', ')}])`);
    const full = async (rows: readonly Event[]) => evaluateTable(server, language, catalogName(byDay.relation), fullBuildSql(byDay.sql), [await events(rows)]);
    const incremental = await afterIncrementalScript(server, language, byDay, await full(before), [await events(after)]);
    const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    return { incremental: sorted(plainRows(incremental)), full: sorted(plainRows(await full(after))) };
  });
  assert.is(outcome.status, 'ran', 'the ZetaSQL package is installed');
  if (outcome.status !== 'ran') throw new Error(outcome.reason);
  return outcome.value;
}

const before: Event[] = [['a', '01', '01'], ['a', '02', '02'], ['b', '02', '02'], ['a', '03', '03'], ['b', '04', '04'], ['a', '05', '05']];
const row = (user_id: string, d: string, last_shard: string, events: number): string => JSON.stringify({ user_id, d: `2024-01-${d}`, last_shard: `2024-01-${last_shard}`, events });

test('a new shard with an event four days late (the lookback is one): every date is recomputed, as a full build gives', async () => {
  const { incremental, full } = await incrementalAndFull(before, [...before, ['b', '06', '06'], ['a', '02', '06']]);
  assert.equal(incremental, full);
  assert.ok(incremental.includes(row('a', '02', '06', 2)), 'the late event is counted with its day');
});

test('a new shard with events inside the lookback: the same as a full build', async () => {
  const { incremental, full } = await incrementalAndFull(before, [...before, ['b', '06', '06'], ['a', '05', '06'], ['a', '04', '06']]);
  assert.equal(incremental, full);
  assert.ok(incremental.includes(row('a', '05', '06', 2)));
});

test.run();
