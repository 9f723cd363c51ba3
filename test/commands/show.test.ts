import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE, duckdbProject, relations } from '../support/duckdb-project.js';
import { repoRoot, runCli, tempProject } from '../support/temp-project.js';
import { withFiles } from '../templating/base-project.js';

const FILES = {
  'models/numbers.sql': "{{ config(materialized='table') }}\nselect range as n, 'row ' || range as label from range(10) order by n\n",
  'models/evens.sql': "{{ config(materialized='ephemeral') }}\nselect n from {{ ref('numbers') }} where n % 2 = 0\n",
  'models/halves.sql': "{{ config(materialized='table') }}\nselect n, n / 2 as half from {{ ref('evens') }} order by n\n",
};

const NUMBERS_TABLE = [
  '┌───┬───────┐',
  '│ n │ label │',
  '├───┼───────┤',
  '│ 0 │ row 0 │',
  '├───┼───────┤',
  '│ 1 │ row 1 │',
  '├───┼───────┤',
  '│ 2 │ row 2 │',
  '└───┴───────┘',
  '3 rows of numbers, ordered by n, label.',
  '',
].join('\n');

test('pdb show MODEL --limit 3 prints the column names and three rows of the built table', async () => {
  const dir = await duckdbProject(FILES);
  assert.is((await runCli(dir, ['run', '--select', 'numbers'])).code, 0);
  const result = await runCli(dir, ['show', 'numbers', '--limit', '3']);
  assert.equal(result, { code: 0, stdout: NUMBERS_TABLE, stderr: '' });
});

test('for a model not built yet, pdb show runs its compiled query and creates nothing', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['show', 'numbers', '-n', '3']);
  assert.equal(result, { code: 0, stdout: NUMBERS_TABLE, stderr: '' });
  assert.equal(await relations(dir), []);
});

test('an ephemeral model is shown through its compiled query', async () => {
  const dir = await duckdbProject(FILES);
  assert.is((await runCli(dir, ['run', '--select', 'numbers'])).code, 0);
  const result = await runCli(dir, ['show', 'evens', '--limit', '2']);
  assert.equal(result, { code: 0, stdout: ['┌───┐', '│ n │', '├───┤', '│ 0 │', '├───┤', '│ 2 │', '└───┘', '2 rows of evens, ordered by n.', ''].join('\n'), stderr: '' });
});

test('an unknown model exits 2 with did-you-mean', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['show', 'numbrs']);
  assert.equal(result, {
    code: 2,
    stdout: '',
    stderr: "--model: error E_MODEL_UNKNOWN: there is no model 'numbrs'. Did you mean 'numbers'?\n  hint: Run `pdb ls` to see the models.\n1 error.\n",
  });
});

test('a model whose upstream is not built exits 2 and says what to build', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['show', 'halves']);
  assert.is(result.code, 2);
  assert.is(result.stdout, '');
  assert.match(result.stderr, /^models\/halves\.sql: error E_QUERY: halves: Catalog Error: Table with name numbers does not exist!/);
  assert.match(result.stderr, '  hint: Build it and what it reads first: pdb build --select +halves\n1 error.\n');
});

test('rows come in key order: the grain of the model (its unique test) first, whatever order the engine returns', async () => {
  const dir = await duckdbProject({
    'models/keyed.sql': "{{ config(materialized='table') }}\nselect * from (values ('z', 1), ('a', 3), ('m', 2)) as t(label, k)\n",
    'models/keyed.yml': 'models:\n  - name: keyed\n    tests:\n      - unique: { columns: [k] }\n',
  });
  const result = await runCli(dir, ['show', 'keyed', '--output', 'csv']);
  assert.equal(result, { code: 0, stdout: 'label,k\nz,1\nm,2\na,3\n', stderr: '' });
  const table = await runCli(dir, ['show', 'keyed']);
  assert.match(table.stdout, '3 rows of keyed, ordered by k, label.\n');
});

for (const bad of ['0', '-3', 'ten', '2.5']) {
  test(`-n ${bad} is refused: exit 2, blamed on -n`, async () => {
    const dir = await duckdbProject(FILES);
    const result = await runCli(dir, ['show', 'numbers', '-n', bad]);
    assert.is(result.code, 2, result.stdout);
    assert.is(result.stdout, '');
    assert.match(result.stderr, `-n takes a whole number of rows, 1 or more, not '${bad}'.`);
  });
}

test('a disabled model is named as disabled, with the reason (exit 2)', async () => {
  const dir = await duckdbProject({ ...FILES, 'models/off.sql': "{{ config(materialized='table', enabled=false) }}\nselect 1 as x\n" });
  const result = await runCli(dir, ['show', 'off']);
  assert.is(result.code, 2);
  assert.match(result.stderr, "models/off.sql: error E_MODEL_DISABLED: the model 'off' is disabled: its configuration says enabled: false.");
});

test('the model argument is a name, not a glob: a pattern is an unknown model with did-you-mean', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['show', 'num*']);
  assert.is(result.code, 2, result.stdout);
  assert.is(result.stdout, '');
  assert.match(result.stderr, "error E_MODEL_UNKNOWN: there is no model 'num*'.");
});

test('a model disabled because the mapping lacks a field it requires is named as disabled, with the field, as is what reads it', async () => {
  const dir = await tempProject(
    withFiles({
      'models/revenue.sql': "{{ config(requires=['revenue']) }}\nselect sum({{ mapping.revenue }}) as revenue from {{ source('app', 'events') }}\n",
      'models/revenue_by_day.sql': "select * from {{ ref('revenue') }}\n",
    }),
  );
  const own = await runCli(dir, ['show', 'revenue']);
  assert.equal(own, {
    code: 2,
    stdout: '',
    stderr: "models/revenue.sql: error E_MODEL_DISABLED: the model 'revenue' is disabled: the mapping has no revenue.\n  hint: Map the field it needs in mapping.yml, then build it.\n1 error.\n",
  });
  const downstream = await runCli(dir, ['show', 'revenue_by_day', '-o', 'json']);
  assert.is(downstream.code, 2);
  assert.is(downstream.stdout, '');
  assert.match(downstream.stderr, "models/revenue_by_day.sql: error E_MODEL_DISABLED: the model 'revenue_by_day' is disabled: it reads revenue, which is disabled: the mapping has no revenue.\n");
});

test('a pattern matching models is not expanded: the first match is offered and the others named', async () => {
  const names = ['int_users', 'int_calendar', 'int_user_days', 'int_window', 'int_user_funnel', 'int_user_revenue_days'];
  const dir = await duckdbProject(Object.fromEntries(names.map((n) => [`models/${n}.sql`, 'select 1 as x\n'])));
  const result = await runCli(dir, ['show', 'int_*']);
  assert.equal(result, {
    code: 2,
    stdout: '',
    stderr: [
      "--model: error E_MODEL_UNKNOWN: there is no model 'int_*'. Did you mean 'int_calendar'?",
      "  hint: pdb show takes one model's name, not a pattern; 'int_*' matches int_calendar, int_user_days, int_user_funnel, int_user_revenue_days, int_users, and 1 more (pdb ls --select 'int_*' lists them).",
      '1 error.',
      '',
    ].join('\n'),
  });
  assert.not.ok(existsSync(join(dir, DATABASE)), 'nothing was queried');
});

test('a name that is part of model names (what people call a metric) offers those models', async () => {
  const dir = await duckdbProject(Object.fromEntries(['date_wise_dau', 'date_wise_revenue', 'retention_by_cohort_date'].map((n) => [`models/${n}.sql`, 'select 1 as x\n'])));
  const result = await runCli(dir, ['show', 'dau']);
  assert.equal(result, {
    code: 2,
    stdout: '',
    stderr: "--model: error E_MODEL_UNKNOWN: there is no model 'dau'. Did you mean 'date_wise_dau'?\n  hint: Models whose names contain 'dau': date_wise_dau.\n1 error.\n",
  });
  const unrelated = await runCli(dir, ['show', 'sessions']);
  assert.match(unrelated.stderr, "there is no model 'sessions'.\n  hint: Run `pdb ls` to see the models.");
});

const METRICS = {
  'models/rates.sql':
    "{{ config(materialized='table') }}\nselect * from (values (date '2026-01-02', 0.4236::double, 1234.5::double, 0.125::double, 7::bigint), (date '2026-01-01', 1::double, 0.004::double, null, 12345678901::bigint)) as t(event_date, retention_rate, revenue, arpdau, users)\n",
};

test('the table shows rates as percentages and money rounded; csv and json keep the raw values', async () => {
  const dir = await duckdbProject(METRICS);
  const table = await runCli(dir, ['show', 'rates']);
  assert.is(table.code, 0, table.stderr);
  assert.match(table.stdout, '│ 2026-01-01 │ 100.0%         │ 0.00     │ null   │ 12,345,678,901 │');
  assert.match(table.stdout, '│ 2026-01-02 │ 42.4%          │ 1,234.50 │ 0.13   │ 7              │');
  const csv = await runCli(dir, ['show', 'rates', '--output', 'csv']);
  assert.equal(csv, { code: 0, stdout: 'event_date,retention_rate,revenue,arpdau,users\n2026-01-01,1,0.004,,12345678901\n2026-01-02,0.4236,1234.5,0.125,7\n', stderr: '' });
  const json = await runCli(dir, ['show', 'rates', '-o', 'json']);
  assert.is(json.code, 0);
  assert.equal(JSON.parse(json.stdout), [
    { event_date: '2026-01-01', retention_rate: 1, revenue: 0.004, arpdau: null, users: 12345678901 },
    { event_date: '2026-01-02', retention_rate: 0.4236, revenue: 1234.5, arpdau: 0.125, users: 7 },
  ]);
});

test('the table formats by column name like a dashboard: rates in percent, money in cents, counts grouped, the rest as it is', async () => {
  const dir = await duckdbProject({
    'models/kpis.sql': [
      "{{ config(materialized='table') }}",
      'select * from (values',
      "  (1, 'iap', 0.07251::double, 0.5::decimal(9, 4), 1234567.891::decimal(18, 3), 98765432109876::bigint, 1234::integer, 1234567::bigint, 0.333333333::double),",
      "  (2, 'ads', 0.0::double, 0.0004::decimal(9, 4), 2.5::double, 0::bigint, 12::integer, 999::bigint, 2.0::double)",
      ') as t(step, revenue_type, d1_retention, conversion_rate, arppu, new_users, sessions, user_id, score)',
      '',
    ].join('\n'),
    'models/kpis.yml': 'models:\n  - name: kpis\n    tests:\n      - unique: { columns: [step] }\n',
  });
  const table = await runCli(dir, ['show', 'kpis']);
  assert.is(table.code, 0, table.stderr);
  const rows = table.stdout.split('\n').filter((line) => /^│ \d/.test(line));
  assert.equal(rows, [
    '│ 1    │ iap          │ 7.3%         │ 50.0%           │ 1,234,567.89 │ 98,765,432,109,876 │ 1,234    │ 1234567 │ 0.333333 │',
    '│ 2    │ ads          │ 0.0%         │ 0.0%            │ 2.50         │ 0                  │ 12       │ 999     │ 2        │',
  ]);
  const csv = await runCli(dir, ['show', 'kpis', '-o', 'csv']);
  assert.equal(csv, {
    code: 0,
    stdout: 'step,revenue_type,d1_retention,conversion_rate,arppu,new_users,sessions,user_id,score\n1,iap,0.07251,0.5,1234567.891,98765432109876,1234,1234567,0.333333333\n2,ads,0,0.0004,2.5,0,12,999,2\n',
    stderr: '',
  });
});

test('-n 20000 and -n 200000 stream their rows: every row printed, in order, as a table or as csv', async () => {
  const dir = await duckdbProject({ 'models/many.sql': "{{ config(materialized='table') }}\nselect 249999 - range as n from range(250000)\n" });
  assert.is((await runCli(dir, ['run'])).code, 0);
  const csv = await runCli(dir, ['show', 'many', '-n', '200000', '--output', 'csv']);
  assert.is(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trimEnd().split('\n');
  assert.is(lines.length, 200001);
  assert.equal([lines[0], lines[1], lines[200000]], ['n', '0', '199999']);
  const table = await runCli(dir, ['show', 'many', '-n', '20000']);
  assert.is(table.code, 0, table.stderr);
  assert.ok(table.stdout.endsWith('20,000 rows of many, ordered by n.\n'), table.stdout.slice(-200));
  assert.is(table.stdout.split('\n').filter((line) => /^│ \d+ +│$/.test(line)).length, 20000);
  const json = await runCli(dir, ['show', 'many', '-n', '200000', '--output', 'json']);
  assert.is((JSON.parse(json.stdout) as unknown[]).length, 200000);
});

test('a reader that stops early (pdb show -o csv | head) ends pdb quietly: exit 0, no EPIPE stack trace', async () => {
  const dir = await duckdbProject({ 'models/many.sql': "{{ config(materialized='table') }}\nselect range as n from range(200000)\n" });
  assert.is((await runCli(dir, ['run'])).code, 0);
  for (const output of ['csv', 'table']) {
    const child = spawn(process.execPath, [join(repoRoot(), 'bin', 'pdb.js'), 'show', 'many', '-n', '200000', '-o', output], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The reader takes one chunk and goes away, as `head` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal({ output, code, stderr }, { output, code: 0, stderr: '' });
  }
});

test.run();
