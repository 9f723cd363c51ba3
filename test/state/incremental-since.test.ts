import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { incrementalSincePlaceholder, lookbackDaysOf, newestColumnOf, withIncrementalSince } from '../../src/compile/incremental-since.js';
import { duckdbProject, queryDb } from '../support/duckdb-project.js';
import { runCli, writeFiles } from '../support/temp-project.js';

/**
 * Daily files named by date, as GA4 exports them, and an incremental model that counts events per
 * day from `incremental_since(1)` on: only the files of those days are read, by their name.
 */
const day = (date: string, rows: readonly string[]): Record<string, string> => ({ [`data/events_${date.replaceAll('-', '')}.csv`]: `user_id,ts\n${rows.join('\n')}\n` });
const FILES = {
  'project.yml': 'name: t\nmodels:\n  +materialized: table\n',
  'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: events\n        duckdb: { path: "data/events_*.csv" }\n',
  'models/daily.sql': [
    "{{ config(materialized='incremental', partition_by={'field': 'd', 'data_type': 'date'}) }}",
    "select cast(ts as date) as d, count(*) as events, count(distinct user_id) as users",
    "from {{ source('raw', 'events') }}",
    "where (regexp_extract(filename, '(\\d{8})[^/]*$', 1) >= strftime({{ incremental_since(1) }} - 1, '%Y%m%d'))",
    "  and cast(ts as date) >= {{ incremental_since(1) }}",
    'group by 1',
    '',
  ].join('\n'),
  ...day('2026-10-01', ['a,2026-10-01 10:00:00', 'b,2026-10-01 11:00:00']),
  ...day('2026-10-02', ['a,2026-10-02 10:00:00']),
  ...day('2026-10-03', ['c,2026-10-03 09:00:00']),
};

const rows = (dir: string) => queryDb(dir, "select strftime(d, '%Y-%m-%d') as d, events, users from main.daily order by d");

test('the placeholder carries the lookback and is filled in everywhere', () => {
  const sql = "select * from t where d >= __pdb_incremental_since_3__ and x >= __pdb_incremental_since_3__";
  assert.is(lookbackDaysOf(sql), 3);
  assert.is(lookbackDaysOf('select 1'), undefined);
  assert.is(withIncrementalSince(sql, "date '2026-10-01'"), "select * from t where d >= date '2026-10-01' and x >= date '2026-10-01'");
  assert.is(newestColumnOf(sql), undefined);
  const fromShard = `select * from t where d >= ${incrementalSincePlaceholder(2, 'last_shard_date')}`;
  assert.is(lookbackDaysOf(fromShard), 2);
  assert.is(newestColumnOf(fromShard), 'last_shard_date');
  assert.is(withIncrementalSince(fromShard, 'x'), 'select * from t where d >= x');
});

test('a new day and a late event are recomputed from the newest date less the lookback; an older file that changed makes a rebuild in full; the table equals a full refresh', async () => {
  const dir = await duckdbProject(FILES);
  const first = await runCli(dir, ['build', '--threads', '1']);
  assert.is(first.code, 0, first.stdout + first.stderr);
  assert.equal(await rows(dir), [{ d: '2026-10-01', events: '2', users: '2' }, { d: '2026-10-02', events: '1', users: '1' }, { d: '2026-10-03', events: '1', users: '1' }]);
  // A new day arrives, with a late event of the day before.
  await writeFiles(dir, day('2026-10-04', ['a,2026-10-04 08:00:00', 'd,2026-10-03 23:30:00']));
  const incremental = await runCli(dir, ['build', '--threads', '1']);
  assert.is(incremental.code, 0, incremental.stdout + incremental.stderr);
  assert.match(incremental.stdout, 'model daily (incremental, recomputed from 2026-10-02, 3 new rows, ');
  assert.equal(await rows(dir), [
    { d: '2026-10-01', events: '2', users: '2' },
    { d: '2026-10-02', events: '1', users: '1' },
    { d: '2026-10-03', events: '2', users: '2' },
    { d: '2026-10-04', events: '1', users: '1' },
  ]);
  // The first day's file gains a row: the window of recent days would never read it again.
  await writeFiles(dir, day('2026-10-01', ['a,2026-10-01 10:00:00', 'b,2026-10-01 11:00:00', 'e,2026-10-01 12:00:00']));
  const rewritten = await runCli(dir, ['build', '--threads', '1']);
  assert.is(rewritten.code, 0, rewritten.stdout + rewritten.stderr);
  assert.match(rewritten.stdout, 'model daily (incremental, rebuilt in full: data/events_20261001.csv changed, older than the 1-day lookback, 4 rows, ');
  const afterIncremental = await rows(dir);
  assert.equal(afterIncremental[0], { d: '2026-10-01', events: '3', users: '3' });
  const full = await runCli(dir, ['build', '--threads', '1', '--full-refresh']);
  assert.is(full.code, 0, full.stdout + full.stderr);
  assert.equal(await rows(dir), afterIncremental);
});

test('incremental_since() takes a whole number of days', async () => {
  const dir = await duckdbProject({ ...FILES, 'models/daily.sql': "select {{ incremental_since('x') }} as d\n" });
  const result = await runCli(dir, ['compile']);
  assert.is(result.code, 2);
  assert.match(result.stderr, 'incremental_since() takes the days of late events to recompute as a whole number of 0 or more, e.g. incremental_since(3), not "x".');
});

test("incremental_since()'s column is a plain column name", async () => {
  const dir = await duckdbProject({ ...FILES, 'models/daily.sql': "select {{ incremental_since(3, 'a__b') }} as d\n" });
  const result = await runCli(dir, ['compile']);
  assert.is(result.code, 2);
  assert.match(result.stderr, "incremental_since()'s second argument names the date column to count back from, e.g. incremental_since(3, 'last_shard_date'), not \"a__b\".");
});

test.run();
