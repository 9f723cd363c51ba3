import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, queryDb, relations, runResultsFile, withoutSeconds } from '../support/duckdb-project.js';
import { runCli, writeFiles } from '../support/temp-project.js';

const SOURCES = 'sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { path: data/events.csv }\n';

test('table, view and ephemeral: tables hold rows, views are views, ephemeral models create nothing', async () => {
  const dir = await duckdbProject({
    'models/base.sql': "{{ config(materialized='table') }}\nselect range as id from range(3)\n",
    'models/doubled.sql': "{{ config(materialized='ephemeral') }}\nselect id * 2 as id2 from {{ ref('base') }}\n",
    'models/reader.sql': "{{ config(materialized='table') }}\nselect sum(id2) as total from {{ ref('doubled') }}\n",
    'models/latest.sql': "{{ config(materialized='view') }}\nselect max(id) as id from {{ ref('base') }}\n",
  });
  const result = await runCli(dir, ['run']);
  assert.is(result.code, 0, result.stderr);
  assert.equal(await relations(dir), ['main.base BASE TABLE', 'main.latest VIEW', 'main.reader BASE TABLE']);
  assert.equal(await queryDb(dir, 'select total from main.reader'), [{ total: '6' }]);
  assert.equal(await queryDb(dir, 'select id from main.latest'), [{ id: '2' }]);
  const { json } = await runResultsFile(dir);
  assert.equal(withoutSeconds(json.results), [
    { id: 'model.base', kind: 'model', materialized: 'table', name: 'base', relation: '"main"."base"', rows: 3, status: 'success' },
    { id: 'model.latest', kind: 'model', materialized: 'view', name: 'latest', relation: '"main"."latest"', rows: null, status: 'success' },
    { id: 'model.reader', kind: 'model', materialized: 'table', name: 'reader', relation: '"main"."reader"', rows: 1, status: 'success' },
  ]);
});

test('incremental: the first build creates, the next replaces only the dates it brings, --full-refresh rebuilds', async () => {
  const dir = await duckdbProject({
    'models/sources.yml': SOURCES,
    'data/events.csv': 'd,user_id\n2024-01-01,1\n2024-01-01,2\n2024-01-02,1\n',
    'models/daily.sql': "{{ config(materialized='incremental', partition_by='d') }}\nselect cast(d as date) as d, count(*) as n from {{ source('app', 'events') }} group by all\n",
  });
  const daily = (): Promise<Record<string, unknown>[]> => queryDb(dir, 'select cast(d as varchar) as d, n from main.daily order by d');

  assert.is((await runCli(dir, ['run'])).code, 0);
  assert.equal(await daily(), [
    { d: '2024-01-01', n: '2' },
    { d: '2024-01-02', n: '1' },
  ]);

  // New events for 01-02 (now three) and 01-03; 01-01 is no longer in the source and must stay.
  await writeFiles(dir, { 'data/events.csv': 'd,user_id\n2024-01-02,1\n2024-01-02,2\n2024-01-02,3\n2024-01-03,4\n' });
  const incremental = await runCli(dir, ['run']);
  assert.is(incremental.code, 0);
  assert.match(incremental.stdout, 'model daily (incremental, recomputed, 2 new rows, 3 rows, ');
  assert.equal(await daily(), [
    { d: '2024-01-01', n: '2' },
    { d: '2024-01-02', n: '3' },
    { d: '2024-01-03', n: '1' },
  ]);
  assert.equal(withoutSeconds((await runResultsFile(dir)).json.results), [
    { id: 'model.daily', increment: { newRows: 2 }, kind: 'model', materialized: 'incremental', name: 'daily', relation: '"main"."daily"', rows: 3, status: 'success' },
  ]);

  assert.is((await runCli(dir, ['run', '--full-refresh'])).code, 0);
  assert.equal(await daily(), [
    { d: '2024-01-02', n: '3' },
    { d: '2024-01-03', n: '1' },
  ]);
  assert.equal(await relations(dir), ['main.daily BASE TABLE']);
});

test('incremental by key: a unique_key replaces a recomputed key\'s row whatever its date; incremental_replaced() recomputes a key whose recent rows are gone', async () => {
  const dir = await duckdbProject({
    'models/sources.yml': SOURCES,
    'data/events.csv': 'd,user_id,kind\n2024-01-01,u1,a\n2024-01-05,u1,a\n2024-01-01,u2,a\n2024-01-02,u3,b\n2024-01-05,u3,b\n',
    'models/users.sql': [
      "{{ config(materialized='incremental', partition_by='d', unique_key=['user_id', 'kind']) }}",
      'select user_id, kind, max(cast(d as date)) as d, count(*) as n',
      "from {{ source('app', 'events') }}",
      "where user_id in (select user_id from {{ source('app', 'events') }} where cast(d as date) >= {{ incremental_since(1) }}) or {{ incremental_replaced('user_id') }}",
      'group by all',
      '',
    ].join('\n'),
  });
  const users = (): Promise<Record<string, unknown>[]> => queryDb(dir, 'select user_id, kind, cast(d as varchar) as d, n from main.users order by all');
  assert.is((await runCli(dir, ['run'])).code, 0);
  assert.equal(await users(), [
    { user_id: 'u1', kind: 'a', d: '2024-01-05', n: '2' },
    { user_id: 'u2', kind: 'a', d: '2024-01-01', n: '1' },
    { user_id: 'u3', kind: 'b', d: '2024-01-05', n: '2' },
  ]);
  // From 01-04 on: u2, last seen on 01-01, comes back; u3's 01-05 is taken back.
  await writeFiles(dir, { 'data/events.csv': 'd,user_id,kind\n2024-01-01,u1,a\n2024-01-05,u1,a\n2024-01-06,u1,a\n2024-01-01,u2,a\n2024-01-06,u2,a\n2024-01-02,u3,b\n' });
  const expected = [
    { user_id: 'u1', kind: 'a', d: '2024-01-06', n: '3' },
    { user_id: 'u2', kind: 'a', d: '2024-01-06', n: '2' },
    { user_id: 'u3', kind: 'b', d: '2024-01-02', n: '1' },
  ];
  const incremental = await runCli(dir, ['run']);
  assert.is(incremental.code, 0, incremental.stdout + incremental.stderr);
  assert.equal(await users(), expected);
  assert.is((await runCli(dir, ['run', '--full-refresh'])).code, 0);
  assert.equal(await users(), expected);
});

test('incremental_replaced() without incremental_since() or a unique_key is a project error at its line', async () => {
  const dir = await duckdbProject({
    'models/m.sql': "{{ config(materialized='incremental', partition_by='d') }}\nselect current_date as d, 'u' as user_id\nwhere {{ incremental_replaced('user_id') }}\n",
  });
  const result = await runCli(dir, ['run']);
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, 'models/m.sql:3');
  assert.match(result.stderr, 'incremental_replaced(), which needs an incremental model with incremental_since() and a unique_key');
});

test('a model switched from view to table and back is rebuilt as what it now is', async () => {
  const model = (materialized: string): Record<string, string> => ({ 'models/m.sql': `{{ config(materialized='${materialized}') }}\nselect 7 as seven\n` });
  const dir = await duckdbProject(model('view'));
  assert.is((await runCli(dir, ['run'])).code, 0);
  assert.equal(await relations(dir), ['main.m VIEW']);

  await writeFiles(dir, model('table'));
  assert.is((await runCli(dir, ['run'])).code, 0);
  assert.equal(await relations(dir), ['main.m BASE TABLE']);
  assert.equal(await queryDb(dir, 'select seven from main.m'), [{ seven: 7 }]);

  await writeFiles(dir, model('view'));
  assert.is((await runCli(dir, ['run'])).code, 0);
  assert.equal(await relations(dir), ['main.m VIEW']);
  assert.equal(await queryDb(dir, 'select seven from main.m'), [{ seven: 7 }]);
});

test('a table rebuilt with new rows replaces the old ones, and a schema from config is created', async () => {
  const dir = await duckdbProject({ 'models/m.sql': "{{ config(materialized='table', schema='marts') }}\nselect 1 as v\n" });
  assert.is((await runCli(dir, ['run'])).code, 0);
  await writeFiles(dir, { 'models/m.sql': "{{ config(materialized='table', schema='marts') }}\nselect 2 as v union all select 3\n" });
  assert.is((await runCli(dir, ['run'])).code, 0);
  assert.equal(await relations(dir), ['marts.m BASE TABLE']);
  assert.equal(await queryDb(dir, 'select v from marts.m order by v'), [{ v: 2 }, { v: 3 }]);
});

test.run();
