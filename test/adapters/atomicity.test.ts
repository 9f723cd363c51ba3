import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, queryDb, relations, runResultsFile, withoutSeconds, withoutTimes } from '../support/duckdb-project.js';
import { runCli, writeFiles } from '../support/temp-project.js';

const GOOD = "{{ config(materialized='table') }}\nselect range as v from range(3)\n";
const SUMMARY_FAILED = '\nDone in <t> s: 0 built, 1 failed, 0 skipped, tests: 0 passed, 0 warned, 0 failed.\n';
/** The output of a run whose one model failed: its line, then the failure repeated at the end, then the summary. */
const repeated = (failure: string): string => `[1/1] ${failure}\nCompleted with 1 error:\n  ${failure}${SUMMARY_FAILED}`;

/** Builds `m` from GOOD, then rebuilds it from `bad`; returns the second run's CLI result. */
async function rebuildWith(bad: string): Promise<{ dir: string; code: number; stdout: string }> {
  const dir = await duckdbProject({ 'models/m.sql': GOOD });
  const first = await runCli(dir, ['run']);
  assert.is(first.code, 0, first.stderr);
  await writeFiles(dir, { 'models/m.sql': bad });
  const second = await runCli(dir, ['run']);
  return { dir, code: second.code, stdout: withoutTimes(second.stdout) };
}

test('a run-time error (a failed cast) leaves the previous table and its rows, and no temporary table', async () => {
  // The compiled file is `select\n  cast(...) as v\nfrom range(3)`: the cast is on its line 2.
  const { dir, code, stdout } = await rebuildWith("{{ config(materialized='table') }}\nselect\n  cast('x' || range as integer) as v\nfrom range(3)\n");
  assert.is(code, 1);
  assert.equal(await relations(dir), ['main.m BASE TABLE']);
  assert.equal(await queryDb(dir, 'select v from main.m order by v'), [{ v: '0' }, { v: '1' }, { v: '2' }]);
  assert.is(
    stdout,
    repeated("ERROR  model m (table, <t> s)\n         target/compiled/dev/models/m.sql:2: Conversion Error: Could not convert string 'x0' to INT32\n"),
  );
  assert.equal(withoutSeconds((await runResultsFile(dir)).json.results), [
    {
      id: 'model.m',
      kind: 'model',
      location: { file: 'target/compiled/dev/models/m.sql', line: 2 },
      materialized: 'table',
      message: "Conversion Error: Could not convert string 'x0' to INT32",
      name: 'm',
      relation: '"main"."m"',
      status: 'error',
    },
  ]);
});

test('a reference to a missing column names the compiled file, its line and the binder error', async () => {
  const { dir, code, stdout } = await rebuildWith("{{ config(materialized='table') }}\nselect\n  nope as v\nfrom range(3)\n");
  assert.is(code, 1);
  assert.equal(await relations(dir), ['main.m BASE TABLE']);
  assert.equal(await queryDb(dir, 'select count(*) as n from main.m'), [{ n: '3' }]);
  assert.is(stdout, repeated('ERROR  model m (table, <t> s)\n         target/compiled/dev/models/m.sql:2: Binder Error: Referenced column "nope" not found in FROM clause!\n'));
});

test('a failing incremental run keeps every row the table had', async () => {
  const dir = await duckdbProject({
    'models/m.sql': "{{ config(materialized='incremental', partition_by='d') }}\nselect date '2024-01-01' + cast(range as integer) as d, range as v from range(3)\n",
  });
  assert.is((await runCli(dir, ['run'])).code, 0);
  await writeFiles(dir, {
    'models/m.sql': "{{ config(materialized='incremental', partition_by='d') }}\nselect date '2024-01-01' as d, cast('x' || range as integer) as v from range(3)\n",
  });
  const second = await runCli(dir, ['run']);
  assert.is(second.code, 1);
  assert.equal(await relations(dir), ['main.m BASE TABLE']);
  assert.equal(await queryDb(dir, 'select cast(d as varchar) as d, v from main.m order by d'), [
    { d: '2024-01-01', v: '0' },
    { d: '2024-01-02', v: '1' },
    { d: '2024-01-03', v: '2' },
  ]);
  const [result] = (await runResultsFile(dir)).json.results;
  assert.equal({ status: result?.status, message: result?.message }, { status: 'error', message: "Conversion Error: Could not convert string 'x0' to INT32" });
});

test('a view whose new SQL fails keeps the previous view', async () => {
  const dir = await duckdbProject({ 'models/v.sql': "{{ config(materialized='view') }}\nselect 1 as v\n" });
  assert.is((await runCli(dir, ['run'])).code, 0);
  await writeFiles(dir, { 'models/v.sql': "{{ config(materialized='view') }}\nselect\n  nope as v\nfrom range(1)\n" });
  const second = await runCli(dir, ['run']);
  assert.is(second.code, 1);
  assert.equal(await relations(dir), ['main.v VIEW']);
  assert.equal(await queryDb(dir, 'select v from main.v'), [{ v: 1 }]);
  assert.match(second.stdout, 'target/compiled/dev/models/v.sql:2: Binder Error: Referenced column "nope" not found in FROM clause!\n');
});

test('a failing model that never existed creates nothing', async () => {
  const dir = await duckdbProject({ 'models/m.sql': "{{ config(materialized='table') }}\nselect cast('x' as integer) as v\n" });
  const result = await runCli(dir, ['run']);
  assert.is(result.code, 1);
  assert.equal(await relations(dir), []);
});

test.run();
