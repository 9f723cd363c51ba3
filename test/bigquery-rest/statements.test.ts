import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTableStatement, createViewStatement, dropStatement, partitionExpression, replacePartitionsScript } from '../../src/adapters/bigquery/bigquery-statements.js';
import { model } from './harness.js';

const daily = model('daily_users', 'select event_date, country, count(*) as users\nfrom `acme-analytics.pdb_dev.stg_events`\ngroup by 1, 2;', {
  partitionBy: { field: 'event_date', dataType: 'date', granularity: 'day' },
  clusterBy: ['country'],
});

test('a table is created or replaced in one statement, partitioned and clustered from its config', () => {
  assert.equal(createTableStatement(daily), {
    sql: 'create or replace table `acme-analytics.pdb_dev.daily_users`\npartition by `event_date`\ncluster by `country`\nas\nselect event_date, country, count(*) as users\nfrom `acme-analytics.pdb_dev.stg_events`\ngroup by 1, 2',
    lineOffset: 4,
  });
});

test('a table without partitioning is a plain create-or-replace', () => {
  assert.equal(createTableStatement(model('t', 'select 1 as x')), { sql: 'create or replace table `acme-analytics.pdb_dev.t`\nas\nselect 1 as x', lineOffset: 2 });
});

test('a view is created or replaced; the other kind is dropped first', () => {
  assert.equal(createViewStatement(model('v', 'select 1 as x')), { sql: 'create or replace view `acme-analytics.pdb_dev.v` as\nselect 1 as x', lineOffset: 1 });
  assert.equal(dropStatement('`p.d.v`', 'table'), { sql: 'drop table if exists `p.d.v`', lineOffset: 0 });
});

test('partition expressions for each type and granularity', () => {
  assert.is(partitionExpression({ field: 'd', dataType: 'date', granularity: 'day' }), '`d`');
  assert.is(partitionExpression({ field: 'd', dataType: 'date', granularity: 'month' }), 'date_trunc(`d`, month)');
  assert.is(partitionExpression({ field: 'ts', dataType: 'timestamp', granularity: 'day' }), 'timestamp_trunc(`ts`, day)');
  assert.is(partitionExpression({ field: 'ts', dataType: 'timestamp', granularity: 'month' }), 'timestamp_trunc(`ts`, month)');
});

test('an incremental run replaces the affected partitions in one transaction', () => {
  const incremental = model('events_daily', 'select event_date, user_id from `acme-analytics.raw.events` -- new days only', {
    materialized: 'incremental',
    partitionBy: { field: 'event_date', dataType: 'date', granularity: 'day' },
  });
  assert.equal(replacePartitionsScript(incremental, incremental.config.partitionBy!, ['event_date', 'user_id']), {
    sql: [
      'declare pdb_partitions array<date>;',
      'declare pdb_null_partition bool;',
      'create temp table pdb_new_rows as',
      'select event_date, user_id from `acme-analytics.raw.events` -- new days only',
      ';',
      'set (pdb_partitions, pdb_null_partition) = (select as struct array_agg(distinct `event_date` ignore nulls) as keys, coalesce(logical_or(`event_date` is null), false) as has_null from pdb_new_rows);',
      'begin transaction;',
      'delete from `acme-analytics.pdb_dev.events_daily` where `event_date` in unnest(pdb_partitions) or (`event_date` is null and pdb_null_partition);',
      'insert into `acme-analytics.pdb_dev.events_daily` (`event_date`, `user_id`)',
      'select `event_date`, `user_id` from pdb_new_rows;',
      'commit transaction;',
    ].join('\n'),
    lineOffset: 3,
  });
});

test('a timestamp-partitioned incremental model keeps timestamps in its partition list', () => {
  const m = model('sessions', 'select ts from x', { materialized: 'incremental', partitionBy: { field: 'ts', dataType: 'timestamp', granularity: 'month' } });
  const { sql } = replacePartitionsScript(m, m.config.partitionBy!, ['ts']);
  assert.ok(sql.startsWith('declare pdb_partitions array<timestamp>;\n'));
  assert.ok(sql.includes('\nset (pdb_partitions, pdb_null_partition) = (select as struct array_agg(distinct timestamp_trunc(`ts`, month) ignore nulls) as keys, coalesce(logical_or(timestamp_trunc(`ts`, month) is null), false) as has_null from pdb_new_rows);\n'));
  assert.ok(sql.includes('\ndelete from `acme-analytics.pdb_dev.sessions` where timestamp_trunc(`ts`, month) in unnest(pdb_partitions) or (timestamp_trunc(`ts`, month) is null and pdb_null_partition);\n'));
});

test('a model using incremental_since() recomputes from the newest date less the lookback, held in a script variable', () => {
  const since = model('events_daily', 'select event_date, user_id from `acme-analytics.raw.events`\nwhere _TABLE_SUFFIX >= format_date(\'%Y%m%d\', __pdb_incremental_since_3__ - 1) and event_date >= __pdb_incremental_since_3__', {
    materialized: 'incremental',
    partitionBy: { field: 'event_date', dataType: 'date', granularity: 'day' },
  });
  assert.equal(replacePartitionsScript(since, since.config.partitionBy!, ['event_date', 'user_id']), {
    sql: [
      'declare pdb_since date default (select if(count(*) = count(`event_date`), date_sub(date(max(`event_date`)), interval 3 day), null) from `acme-analytics.pdb_dev.events_daily`);',
      "set pdb_since = coalesce(pdb_since, date '0001-01-02');",
      'create temp table pdb_new_rows as',
      'select event_date, user_id from `acme-analytics.raw.events`',
      "where _TABLE_SUFFIX >= format_date('%Y%m%d', pdb_since - 1) and event_date >= pdb_since",
      ';',
      // A new row from before pdb_since (an event later than the lookback): every date recomputed.
      "if pdb_since > date '0001-01-02' and exists (select 1 from pdb_new_rows where date(`event_date`) < pdb_since) then",
      "set pdb_since = date '0001-01-02';",
      'create or replace temp table pdb_new_rows as',
      'select event_date, user_id from `acme-analytics.raw.events`',
      "where _TABLE_SUFFIX >= format_date('%Y%m%d', pdb_since - 1) and event_date >= pdb_since",
      ';',
      'end if;',
      'begin transaction;',
      'delete from `acme-analytics.pdb_dev.events_daily` where date(`event_date`) >= pdb_since or `event_date` is null;',
      'insert into `acme-analytics.pdb_dev.events_daily` (`event_date`, `user_id`)',
      'select `event_date`, `user_id` from pdb_new_rows;',
      'commit transaction;',
    ].join('\n'),
    lineOffset: 3,
  });
  // A full build of the same model computes every date.
  assert.match(createTableStatement(since).sql, "where _TABLE_SUFFIX >= format_date('%Y%m%d', date '0001-01-02' - 1) and event_date >= date '0001-01-02'");
});

test('a model keyed by user replaces the rows of the keys it recomputes too, and reads the rows it replaces before the delete', () => {
  const users = model('users', 'select user_id, max(d) as d, max(s) as s from `acme-analytics.pdb_dev.days`\nwhere d >= __pdb_incremental_since_3_from_s__ or __pdb_incremental_replaced_user_id__\ngroup by user_id', {
    materialized: 'incremental',
    partitionBy: { field: 'd', dataType: 'date', granularity: 'day' },
    uniqueKey: ['user_id'],
  });
  const { sql } = replacePartitionsScript(users, users.config.partitionBy!, ['user_id', 'd', 's']);
  // A NULL key is a key of its own: IN never matches it.
  assert.match(
    sql,
    'where d >= pdb_since or (`user_id` in (select `user_id` from `acme-analytics.pdb_dev.users` where (date(`d`) >= pdb_since or `d` is null)) or ((`user_id` is null) and exists (select 1 from `acme-analytics.pdb_dev.users` where (date(`d`) >= pdb_since or `d` is null) and (`user_id` is null))))\ngroup by user_id\n;',
  );
  assert.match(sql, 'delete from `acme-analytics.pdb_dev.users` where date(`d`) >= pdb_since or `d` is null or (`user_id` in (select `user_id` from pdb_new_rows) or ((`user_id` is null) and exists (select 1 from pdb_new_rows where (`user_id` is null))));');
  assert.not.match(sql, 'end if;', 'a row of a key older than pdb_since replaces that key\'s row: nothing to recompute');
  const twoKeys = replacePartitionsScript({ ...users, config: { ...users.config, uniqueKey: ['user_id', 's'] } }, users.config.partitionBy!, ['user_id', 'd', 's']);
  assert.match(
    twoKeys.sql,
    'or (struct(`user_id`, `s`) in (select as struct `user_id`, `s` from pdb_new_rows) or ((`user_id` is null or `s` is null) and to_json_string(struct(`user_id`, `s`)) in (select to_json_string(struct(`user_id`, `s`)) from pdb_new_rows where (`user_id` is null or `s` is null))));',
  );
  // A full build reads no table of its own: no row is replaced.
  assert.match(createTableStatement(users).sql, "where d >= date '0001-01-02' or false\ngroup by user_id");
});

test.run();
