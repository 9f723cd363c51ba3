/**
 * An incremental run that brings every row must leave the same table as a full refresh: NULL
 * partition keys form a partition of their own, and a timestamp partitioned by day replaces the
 * whole day, not only the exact timestamps the new rows hold.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, queryDb } from '../support/duckdb-project.js';
import { runCli, writeFiles } from '../support/temp-project.js';

const SOURCES = 'sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { path: data/events.csv }\n';

async function incrementalThenFull(model: string, first: string, second: string, order: string): Promise<{ incremental: unknown[]; full: unknown[] }> {
  const dir = await duckdbProject({ 'models/sources.yml': SOURCES, 'data/events.csv': first, 'models/m.sql': model });
  const run = async (args: string[]): Promise<void> => {
    const result = await runCli(dir, ['run', ...args]);
    assert.is(result.code, 0, result.stderr);
  };
  const rows = (): Promise<unknown[]> => queryDb(dir, `select * from main.m order by ${order}`);
  await run([]);
  await writeFiles(dir, { 'data/events.csv': second });
  await run([]);
  await run([]);
  const incremental = await rows();
  await run(['--full-refresh']);
  return { incremental, full: await rows() };
}

test('a NULL partition key: rows are replaced, not duplicated on every run', async () => {
  const csv = 'd,user_id\n2024-01-01,1\n,2\n,3\n2024-01-02,4\n';
  const { incremental, full } = await incrementalThenFull(
    "{{ config(materialized='incremental', partition_by='d') }}\nselect cast(d as date) as d, count(*) as n from {{ source('app', 'events') }} group by all\n",
    csv,
    csv,
    'd nulls first',
  );
  assert.equal(full, [{ d: null, n: '2' }, { d: '2024-01-01', n: '1' }, { d: '2024-01-02', n: '1' }]);
  assert.equal(incremental, full);
});

test('a timestamp partitioned by day: the whole day is replaced, stale hours go', async () => {
  const { incremental, full } = await incrementalThenFull(
    [
      "{{ config(materialized='incremental', partition_by={'field': 'hour', 'data_type': 'timestamp', 'granularity': 'day'}) }}",
      "select date_trunc('hour', cast(ts as timestamp)) as hour, count(*) as n from {{ source('app', 'events') }} group by all",
      '',
    ].join('\n'),
    'ts,user_id\n2024-01-01 10:15:00,1\n2024-01-01 11:20:00,2\n2024-01-02 09:00:00,3\n',
    // Day one is delivered again, corrected: the 10:00 event belonged to 12:00.
    'ts,user_id\n2024-01-01 12:15:00,1\n2024-01-01 11:20:00,2\n2024-01-02 09:00:00,3\n',
    'hour',
  );
  assert.equal(full, [
    { hour: '2024-01-01 11:00:00', n: '1' },
    { hour: '2024-01-01 12:00:00', n: '1' },
    { hour: '2024-01-02 09:00:00', n: '1' },
  ]);
  assert.equal(incremental, full);
});

test('a date partitioned by month: the whole month is replaced', async () => {
  const { incremental, full } = await incrementalThenFull(
    "{{ config(materialized='incremental', partition_by={'field': 'd', 'granularity': 'month'}) }}\nselect cast(d as date) as d, count(*) as n from {{ source('app', 'events') }} group by all\n",
    'd,user_id\n2024-01-01,1\n2024-01-20,2\n2024-02-01,3\n',
    'd,user_id\n2024-01-05,1\n2024-02-01,3\n',
    'd',
  );
  assert.equal(full, [{ d: '2024-01-05', n: '1' }, { d: '2024-02-01', n: '1' }]);
  assert.equal(incremental, full);
});

/**
 * One row per user: its newest day (NULL when a day has none) and its count of days, recomputing
 * the users with a day from incremental_since() on (a NULL user too) and those whose rows the build
 * replaces. A NULL user_id is a key of its own, as a NULL partition is a partition.
 */
const BY_USER = [
  "{{ config(materialized='incremental', partition_by='d', unique_key=['user_id']) }}",
  "with days as (select user_id, cast(d as date) as d from {{ source('app', 'events') }}),",
  'recomputed as (select distinct user_id from days where d >= {{ incremental_since(1) }} or d is null)',
  'select user_id, case when count(d) = count(*) then max(d) end as d, count(*) as days',
  'from days',
  "where exists (select 1 from recomputed as r where r.user_id is not distinct from days.user_id) or {{ incremental_replaced('user_id') }}",
  'group by user_id',
  '',
].join('\n');

test('a NULL unique_key with a new day: its old row is replaced, not kept next to the new one', async () => {
  const { incremental, full } = await incrementalThenFull(
    BY_USER,
    'user_id,d\na,2024-01-01\nb,2024-01-05\n,2024-01-01\n',
    'user_id,d\na,2024-01-01\nb,2024-01-05\n,2024-01-01\n,2024-01-06\n',
    'user_id nulls first',
  );
  assert.equal(full, [{ user_id: null, d: '2024-01-06', days: '2' }, { user_id: 'a', d: '2024-01-01', days: '1' }, { user_id: 'b', d: '2024-01-05', days: '1' }]);
  assert.equal(incremental, full);
});

test('a NULL unique_key whose recent days are gone is recomputed from the days it has left', async () => {
  const { incremental, full } = await incrementalThenFull(BY_USER, 'user_id,d\n,2024-01-02\n,2024-01-05\na,2024-01-05\n', 'user_id,d\n,2024-01-02\na,2024-01-05\n', 'user_id nulls first');
  assert.equal(full, [{ user_id: null, d: '2024-01-02', days: '1' }, { user_id: 'a', d: '2024-01-05', days: '1' }]);
  assert.equal(incremental, full);
});

test('an edited incremental model is rebuilt in full: rows computed by the old SQL are not kept', async () => {
  const model = (factor: number): string =>
    `{{ config(materialized='incremental', partition_by='d') }}\nselect cast(d as date) as d, ${factor} * count(*) as n from {{ source('app', 'events') }} where cast(d as date) >= {{ incremental_since(0) }} group by all\n`;
  const dir = await duckdbProject({ 'models/sources.yml': SOURCES, 'data/events.csv': 'd,user_id\n2024-01-01,1\n2024-01-02,2\n', 'models/m.sql': model(1) });
  assert.is((await runCli(dir, ['run'])).code, 0);
  await writeFiles(dir, { 'models/m.sql': model(10) });
  const edited = await runCli(dir, ['run']);
  assert.is(edited.code, 0, edited.stderr);
  assert.equal(await queryDb(dir, 'select strftime(d, \'%Y-%m-%d\') as d, n from main.m order by d'), [{ d: '2024-01-01', n: '10' }, { d: '2024-01-02', n: '10' }]);
});

test.run();
