import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, queryDb, runResultsFile } from '../support/duckdb-project.js';
import { runCli, writeFiles } from '../support/temp-project.js';

/** A source file, a staging model on it, two models downstream and a test on each. */
const FILES = {
  'project.yml': 'name: t\nmodels:\n  +materialized: table\n',
  'data/events.csv': 'user_id,amount\nu1,3\nu2,4\n',
  'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: events\n        duckdb: { path: "data/events.csv" }\n',
  'models/stg.sql': "select user_id, amount from {{ source('raw', 'events') }}\n",
  'models/totals.sql': "select count(*) as users, sum(amount) as amount from {{ ref('stg') }}\n",
  'models/constant.sql': 'select 1 as one\n',
  'models/models.yml': 'models:\n  - name: totals\n    columns:\n      - name: users\n        tests: [not_null]\n  - name: constant\n    columns:\n      - name: one\n        tests: [not_null]\n',
};

/** Each step of the last run as `name status` with `(reused)` when it did not run. */
async function outcome(dir: string): Promise<string[]> {
  const { json } = await runResultsFile(dir);
  return json.results.filter((r) => r.kind !== 'hook' && !String(r.name).startsWith('data_quality.')).map((r) => `${String(r.name)} ${String(r.status)}${r.reused === true ? ' (reused)' : ''}`);
}

async function build(dir: string, ...flags: string[]): Promise<string[]> {
  const result = await runCli(dir, ['build', '--threads', '1', ...flags]);
  assert.is(result.code, 0, result.stdout + result.stderr);
  return outcome(dir);
}

const ALL_BUILT = ['constant success', 'not_null__constant__one pass', 'stg success', 'totals success', 'not_null__totals__users pass'];
const ALL_REUSED = ['constant success (reused)', 'not_null__constant__one pass (reused)', 'stg success (reused)', 'totals success (reused)', 'not_null__totals__users pass (reused)'];

test('an unchanged build reuses every model and passing test; --no-cache and --full-refresh force the work', async () => {
  const dir = await duckdbProject(FILES);
  assert.equal(await build(dir), ALL_BUILT);
  assert.equal(await build(dir), ALL_REUSED);
  assert.equal(await build(dir, '--no-cache'), ALL_BUILT);
  assert.equal(await build(dir, '--full-refresh'), ALL_BUILT);
  assert.equal(await queryDb(dir, 'select users, amount from main.totals'), [{ users: '2', amount: '7' }]);
});

test('an edited model is rebuilt with what reads it; the rest is reused', async () => {
  const dir = await duckdbProject(FILES);
  await build(dir);
  await writeFiles(dir, { 'models/stg.sql': "select user_id, amount * 2 as amount from {{ source('raw', 'events') }}\n" });
  assert.equal(await build(dir), ['constant success (reused)', 'not_null__constant__one pass (reused)', 'stg success', 'totals success', 'not_null__totals__users pass']);
  assert.equal(await queryDb(dir, 'select amount from main.totals'), [{ amount: '14' }]);
});

test('new source rows rebuild what reads the source', async () => {
  const dir = await duckdbProject(FILES);
  await build(dir);
  await appendFile(join(dir, 'data/events.csv'), 'u3,5\n');
  assert.equal(await build(dir), ['constant success (reused)', 'not_null__constant__one pass (reused)', 'stg success', 'totals success', 'not_null__totals__users pass']);
  assert.equal(await queryDb(dir, 'select users, amount from main.totals'), [{ users: '3', amount: '12' }]);
});

test('a table dropped or changed behind pdb\'s back is rebuilt', async () => {
  const dir = await duckdbProject(FILES);
  await build(dir);
  await queryDb(dir, 'drop table main.constant');
  await queryDb(dir, "insert into main.stg values ('intruder', 100)");
  const after = await build(dir);
  assert.ok(after.includes('constant success'), after.join('\n'));
  assert.ok(after.includes('stg success'), after.join('\n'));
  assert.equal(await queryDb(dir, 'select count(*) as n from main.stg'), [{ n: '2' }]);
});

test('a var the models read changes what is reused', async () => {
  const dir = await duckdbProject({ ...FILES, 'models/constant.sql': "select {{ var('k', 1) }} as one\n" });
  await build(dir);
  const changed = await build(dir, '--vars', '{"k": 2}');
  assert.ok(changed.includes('constant success'), changed.join('\n'));
  assert.ok(changed.includes('stg success (reused)'), changed.join('\n'));
});

test('a source location read from an environment variable is rendered again when the variable changes', async () => {
  const dir = await duckdbProject({
    ...FILES,
    'data/other.csv': 'user_id,amount\nu9,10\n',
    'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: events\n        duckdb: { path: "{{ env_var(\'EVENTS_FILE\') }}" }\n',
  });
  const built = async (file: string): Promise<number> => {
    const result = await runCli(dir, ['build', '--threads', '1'], { EVENTS_FILE: file });
    assert.is(result.code, 0, result.stdout + result.stderr);
    return Number((await queryDb(dir, 'select amount from main.totals'))[0]?.amount);
  };
  assert.is(await built('data/events.csv'), 7);
  assert.is(await built('data/other.csv'), 10);
  assert.ok((await outcome(dir)).includes('stg success'));
  assert.is(await built('data/events.csv'), 7);
});

test('the state store keeps each run with its hash; the same inputs give the same hash', async () => {
  const dir = await duckdbProject(FILES);
  await build(dir);
  await build(dir);
  const runs = await runCli(dir, ['runs', '--output', 'json']);
  assert.is(runs.code, 0, runs.stderr);
  const listed = JSON.parse(runs.stdout) as { run_hash: string; status: string; command: string }[];
  assert.is(listed.length, 2);
  assert.is(listed[0]!.run_hash, listed[1]!.run_hash);
  assert.equal(listed.map((r) => [r.command, r.status]), [['build', 'success'], ['build', 'success']]);
});

test('pdb retry reruns what failed or was skipped in the last run, with its vars', async () => {
  const dir = await duckdbProject({ ...FILES, 'models/totals.sql': "select count(*) as users, sum(amount) as amount from {{ ref('stg') }} where {{ var('ok', false) }} or error('boom')\n" });
  const failed = await runCli(dir, ['build', '--threads', '1']);
  assert.is(failed.code, 1, failed.stdout + failed.stderr);
  // The fix arrives as a var; retry keeps the last run's vars, so it must come from the project.
  await writeFiles(dir, { 'project.yml': 'name: t\nvars: { ok: true }\nmodels:\n  +materialized: table\n' });
  const retried = await runCli(dir, ['retry']);
  assert.is(retried.code, 0, retried.stdout + retried.stderr);
  assert.match(retried.stdout, /Retrying 1 model of run [0-9a-f]{8} \(build\): totals\n/);
  assert.equal(await outcome(dir), ['totals success', 'not_null__totals__users pass']);
  const nothing = await runCli(dir, ['retry']);
  assert.match(nothing.stdout, /^Nothing to retry: the last run \([0-9a-f]{8}, build\) had no failed or skipped step\.\n$/);
});

test('pdb retry without an earlier run says so, exit 2', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['retry']);
  assert.is(result.code, 2);
  assert.match(result.stderr, 'there is no earlier run of this project to retry.');
});

test.run();
