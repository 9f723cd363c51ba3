import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replacePartitionsScript } from '../../src/adapters/bigquery/bigquery-statements.js';
import { incrementalLogic } from '../../src/compile/incremental-since.js';
import { model, startHarness } from './harness.js';

test('a table build runs one job, waits for it, and reads the row count of the new table', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    h.server.rowsFor = () => 42;
    const outcome = await h.adapter.materialize(model('daily', 'select 1 as x from `acme-analytics.raw.events`'), { fullRefresh: false });
    assert.equal(outcome, { ok: true, value: { rows: 42 } });
    assert.equal(h.server.requests.map((r) => `${r.method} ${r.path.replace('/bigquery/v2/projects/acme-analytics', '')}`), [
      'GET /datasets/pdb_dev/tables/daily',
      'POST /jobs',
      'GET /datasets/pdb_dev/tables/daily',
    ]);
    assert.equal(h.logs, ['job pdb_run-1_daily_1 started: daily', 'job pdb_run-1_daily_1 done: 1048576 bytes processed']);
  } finally {
    await h.close();
  }
});

test('a view over an existing table drops the table first, then creates the view; rows are null', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.pdb_dev.v', { numRows: 5 });
    const outcome = await h.adapter.materialize(model('v', 'select 1 as x', { materialized: 'view' }), { fullRefresh: false });
    assert.equal(outcome, { ok: true, value: { rows: null } });
    assert.equal(h.server.inserts().map((i) => i.body.configuration?.query?.query), ['drop table if exists `acme-analytics.pdb_dev.v`', 'create or replace view `acme-analytics.pdb_dev.v` as\nselect 1 as x']);
  } finally {
    await h.close();
  }
});

test('an ephemeral model sends nothing', async () => {
  const h = await startHarness();
  try {
    assert.equal(await h.adapter.materialize(model('e', 'select 1', { materialized: 'ephemeral' }), { fullRefresh: false }), { ok: true, value: { rows: null } });
    assert.equal(await h.adapter.relationExists(model('e', 'select 1', { materialized: 'ephemeral' })), false);
    assert.is(h.server.requests.length, 0);
  } finally {
    await h.close();
  }
});

test("a failed job is an error as data, its line moved back to the compiled file's line", async () => {
  const h = await startHarness();
  try {
    h.server.failJob = () => ({ reason: 'invalidQuery', message: 'Unrecognized name: usr_id; Did you mean user_id? at [5:8]' });
    const m = model('daily', 'select\n  usr_id\nfrom x', { partitionBy: { field: 'd', dataType: 'date', granularity: 'day' } });
    const outcome = await h.adapter.materialize(m, { fullRefresh: false });
    // 3 lines of DDL come before the model's SQL: line 5 of the statement is line 2 of the model.
    assert.equal(outcome, { ok: false, error: { message: 'Unrecognized name: usr_id; Did you mean user_id? at [5:8]', line: 2, column: 8 } });
    assert.is(h.server.inserts().length, 1, 'an invalid query is not retried');
    assert.is(h.logs[1], 'job pdb_run-1_daily_1 failed: Unrecognized name: usr_id; Did you mean user_id? at [5:8]');
  } finally {
    await h.close();
  }
});

test('an incremental model over its existing table runs the partition script; relationExists sees tables', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    const inc = model('inc', 'select event_date from `acme-analytics.raw.events`', { materialized: 'incremental', partitionBy: { field: 'event_date', dataType: 'date', granularity: 'day' } });
    h.server.addTable('acme-analytics.pdb_dev.inc', { numRows: 7, fields: [{ name: 'event_date', type: 'DATE' }], description: incrementalLogic(inc) });
    assert.is(await h.adapter.relationExists(inc), true);
    assert.is(await h.adapter.relationExists(model('nope', 'select 1')), false);
    assert.equal(await h.adapter.materialize(inc, { fullRefresh: false }), { ok: true, value: { rows: 7 } });
    assert.ok(h.server.inserts()[0]!.body.configuration?.query?.query?.startsWith('declare pdb_partitions array<date>;'));
    const noPartition = model('inc', 'select 1', { materialized: 'incremental' });
    assert.equal(await h.adapter.materialize(noPartition, { fullRefresh: false }), {
      ok: false,
      error: { message: 'incremental model inc has no partition_by: BigQuery replaces whole partitions, so name the date column in its config' },
    });
  } finally {
    await h.close();
  }
});

test('staging an incremental model copies its table (never billed) and runs the since script on the copy; the table itself is untouched', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    h.server.rowsFor = () => 9;
    const sql = 'select d, count(*) as n from `acme-analytics.raw.events` where d >= __pdb_incremental_since_3__ group by d';
    const stg = model('stg', sql, { materialized: 'incremental', partitionBy: { field: 'd', dataType: 'date', granularity: 'day' } });
    h.server.addTable('acme-analytics.pdb_dev.stg', { numRows: 7, fields: [{ name: 'd', type: 'DATE' }, { name: 'n', type: 'INTEGER' }], description: incrementalLogic(stg) });
    const staged = await h.adapter.stage(stg, { fullRefresh: false });
    assert.equal(staged, { ok: true, value: { relation: '`acme-analytics.pdb_dev.stg__pdb_tmp`', rows: 9 } });
    const [copy, script] = h.server.inserts().map((i) => i.body.configuration?.query?.query ?? '');
    assert.is(copy, 'create or replace table `acme-analytics.pdb_dev.stg__pdb_tmp` copy `acme-analytics.pdb_dev.stg`');
    assert.match(script!, 'declare pdb_since date default (select if(count(*) = count(`d`), date_sub(date(max(`d`)), interval 3 day), null) from `acme-analytics.pdb_dev.stg__pdb_tmp`);');
    assert.match(script!, 'where d >= pdb_since group by d');
    assert.match(script!, 'delete from `acme-analytics.pdb_dev.stg__pdb_tmp` where date(`d`) >= pdb_since or `d` is null;');
    assert.not.match(script!, 'delete from `acme-analytics.pdb_dev.stg`');
    // Counted back from another column when the model names one (the newest shard's date).
    const fromShard = replacePartitionsScript({ ...stg, sql: sql.replace('__pdb_incremental_since_3__', '__pdb_incremental_since_3_from_last_shard_date__') }, stg.config.partitionBy!, ['d', 'n']);
    assert.match(fromShard.sql, 'declare pdb_since date default (select if(count(*) = count(`last_shard_date`), date_sub(date(max(`last_shard_date`)), interval 3 day), null) from `acme-analytics.pdb_dev.stg`);');
    assert.match(fromShard.sql, 'delete from `acme-analytics.pdb_dev.stg` where date(`d`) >= pdb_since or `d` is null;');
    // A full refresh stages the whole table from the source.
    const full = await h.adapter.stage(stg, { fullRefresh: true });
    assert.ok(full.ok);
    assert.match(h.server.inserts().at(-1)!.body.configuration?.query?.query ?? '', `create or replace table \`acme-analytics.pdb_dev.stg__pdb_tmp\`\npartition by \`d\`\noptions (description = ${JSON.stringify(incrementalLogic(stg))})\nas\nselect d, count(*) as n from \`acme-analytics.raw.events\` where d >= date '0001-01-02' group by d`);
    // Published, the table is marked with its SQL itself: the copy is not relied on to keep the mark.
    h.server.addTable('acme-analytics.pdb_dev.stg__pdb_tmp', { numRows: 9, fields: [{ name: 'd', type: 'DATE' }], timePartitioning: { type: 'DAY', field: 'd' } });
    h.server.addTable('acme-analytics.pdb_dev.stg', { numRows: 7, fields: [{ name: 'd', type: 'DATE' }], timePartitioning: { type: 'DAY', field: 'd' } });
    assert.ok((await h.adapter.publish(stg)).ok);
    assert.equal(h.server.inserts().slice(-3).map((i) => i.body.configuration?.query?.query ?? ''), [
      'create or replace table `acme-analytics.pdb_dev.stg` copy `acme-analytics.pdb_dev.stg__pdb_tmp`',
      `alter table \`acme-analytics.pdb_dev.stg\` set options (description = ${JSON.stringify(incrementalLogic(stg))})`,
      'drop table if exists `acme-analytics.pdb_dev.stg__pdb_tmp`',
    ]);
    // A table built by other SQL (an edited model) is rebuilt in full, not merged into.
    h.server.addTable('acme-analytics.pdb_dev.stg', { numRows: 7, fields: [{ name: 'd', type: 'DATE' }], description: 'pdb incremental 0000 null' });
    assert.ok((await h.adapter.materialize(stg, { fullRefresh: false })).ok);
    assert.match(h.server.inserts().at(-1)!.body.configuration?.query?.query ?? '', 'create or replace table `acme-analytics.pdb_dev.stg`\npartition by');
  } finally {
    await h.close();
  }
});

test('a table partitioned otherwise is dropped before it is replaced (BigQuery refuses to change the spec); one partitioned alike is not', async () => {
  const h = await startHarness();
  try {
    const daily = model('daily', 'select current_date() as d', { partitionBy: { field: 'd', dataType: 'date', granularity: 'day' } });
    h.server.addTable('acme-analytics.pdb_dev.daily', { numRows: 3, fields: [{ name: 'd', type: 'DATE' }] });
    assert.ok((await h.adapter.materialize(daily, { fullRefresh: false })).ok);
    const queries = (): string[] => h.server.inserts().map((i) => (i.body.configuration?.query?.query ?? '').split('\n')[0]!);
    assert.equal(queries(), ['drop table if exists `acme-analytics.pdb_dev.daily`', 'create or replace table `acme-analytics.pdb_dev.daily`']);
    h.server.addTable('acme-analytics.pdb_dev.daily', { numRows: 3, fields: [{ name: 'd', type: 'DATE' }], timePartitioning: { type: 'DAY', field: 'd' } });
    assert.ok((await h.adapter.materialize(daily, { fullRefresh: false })).ok);
    assert.equal(queries().slice(2), ['create or replace table `acme-analytics.pdb_dev.daily`']);
    // Publishing a staged table over one partitioned otherwise drops it first too.
    h.server.addTable('acme-analytics.pdb_dev.daily', { numRows: 3, fields: [{ name: 'd', type: 'DATE' }], timePartitioning: { type: 'MONTH', field: 'd' } });
    h.server.addTable('acme-analytics.pdb_dev.daily__pdb_tmp', { numRows: 3, fields: [{ name: 'd', type: 'DATE' }], timePartitioning: { type: 'DAY', field: 'd' } });
    assert.ok((await h.adapter.publish(daily)).ok);
    assert.equal(queries().slice(3, 5), ['drop table if exists `acme-analytics.pdb_dev.daily`', 'create or replace table `acme-analytics.pdb_dev.daily` copy `acme-analytics.pdb_dev.daily__pdb_tmp`']);
  } finally {
    await h.close();
  }
});

test.run();
