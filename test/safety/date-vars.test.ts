import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE, duckdbProject, queryDb } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

// A model that reads the date window the way the core staging model does.
const FILES = {
  'models/days.sql': [
    "{{ config(materialized='table') }}",
    "select d::date as day from generate_series(date '2026-01-01', date '2026-01-10', interval 1 day) as t(d)",
    "where true",
    "{%- if var('start_date') %} and d >= {{ date_literal(var('start_date')) }}{% endif %}",
    "{%- if var('end_date') %} and d <= {{ date_literal(var('end_date')) }}{% endif %}",
    '',
  ].join('\n'),
  'macros/dates.sql': "{% macro date_literal(value) %}date '{{ value }}'{% endmacro %}\n",
};
const PROJECT = 'name: t\nvars:\n  start_date: null\n  end_date: null\n';

async function builtProject(project = PROJECT): Promise<string> {
  const dir = await duckdbProject({ ...FILES, 'project.yml': project });
  const first = await runCli(dir, ['run']);
  assert.is(first.code, 0, first.stderr);
  return dir;
}

async function rowsOf(dir: string): Promise<number> {
  return Number((await queryDb(dir, 'select count(*) as n from main.days'))[0]!.n);
}

test('end_date before start_date on --vars: exit 2 blamed on --vars, the table stays', async () => {
  const dir = await builtProject();
  const result = await runCli(dir, ['run', '--vars', '{"start_date": "2026-01-05", "end_date": "2026-01-02"}']);
  assert.is(result.code, 2);
  assert.equal(result.stderr, [
    '--vars: error E_VAR_DATE_RANGE: end_date (2026-01-02) is before start_date (2026-01-05): the window holds no day, so every table would be rebuilt empty.',
    '  hint: Swap the two dates, or leave one of them out (null) for an open window.',
    '1 error.',
    '',
  ].join('\n'));
  assert.is(await rowsOf(dir), 10);
});

test('a non-date, an object and a date followed by SQL are each refused at --vars', async () => {
  const dir = await builtProject();
  for (const [vars, shown] of [
    ['{"start_date": "yesterday"}', "'yesterday'"],
    ['{"start_date": {"a": 1}}', 'a mapping {"a":1}'],
    [`{"end_date": "2026-01-03' or 1=1 --"}`, `'2026-01-03' or 1=1 --'`],
    ['{"end_date": 20260103}', 'the number 20260103'],
    ['{"end_date": "2026-02-30"}', "'2026-02-30'"],
  ] as const) {
    const result = await runCli(dir, ['run', '--vars', vars]);
    const name = vars.includes('start_date') ? 'start_date' : 'end_date';
    assert.is(result.code, 2, vars);
    assert.ok(result.stderr.startsWith(`--vars: error E_VAR_DATE: The var '${name}' must be a date written YYYY-MM-DD (or null for no limit), not ${shown}.\n`), result.stderr);
    assert.not.match(result.stderr, /mapping\.yml|object Object/);
  }
  assert.is(await rowsOf(dir), 10);
});

test('a bad date var in project.yml is blamed on its line there', async () => {
  const dir = await duckdbProject({ ...FILES, 'project.yml': 'name: t\nvars:\n  start_date: 2026-01-05\n  end_date: 2026-01\n' });
  const result = await runCli(dir, ['run']);
  assert.is(result.code, 2);
  assert.match(result.stderr, "project.yml:4:13: error E_VAR_DATE: The var 'end_date' must be a date written YYYY-MM-DD (or null for no limit), not '2026-01'.");
  assert.not.ok(existsSync(join(dir, DATABASE)), 'no database is opened');
});

test('--vars overrides a bad value of project.yml: only the value in effect is checked', async () => {
  const dir = await duckdbProject({ ...FILES, 'project.yml': 'name: t\nvars:\n  start_date: null\n  end_date: nope\n' });
  const result = await runCli(dir, ['run', '--vars', '{"end_date": "2026-01-04"}']);
  assert.is(result.code, 0, result.stderr);
  assert.is(await rowsOf(dir), 4);
});

test('a valid window builds the days it covers', async () => {
  const dir = await builtProject();
  const result = await runCli(dir, ['run', '--vars', '{"start_date": "2026-01-02", "end_date": "2026-01-04"}']);
  assert.is(result.code, 0, result.stderr);
  assert.is(await rowsOf(dir), 3);
});

test.run();
