import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, relations, withoutTimes } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const FILES = { 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n" };

test('--threads 0 is a command-line mistake: exit 2, no internal error', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['run', '--threads', '0']);
  assert.equal(result, {
    code: 2,
    stdout: '',
    stderr: "error: option '--threads <n>' argument '0' is invalid. --threads takes a whole number of 1 or more, not '0'\n",
  });
});

test('pdb test has no --full-refresh', async () => {
  const dir = await duckdbProject(FILES);
  assert.equal(await runCli(dir, ['test', '--full-refresh']), { code: 2, stdout: '', stderr: "error: unknown option '--full-refresh'\n" });
});

test('a selector that matches nothing warns and runs nothing, exit 0', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['run', '--select', 'nothing_here']);
  assert.equal(
    { ...result, stdout: withoutTimes(result.stdout) },
    { code: 0, stdout: '\nDone in <t> s: 0 built, 0 failed, 0 skipped, tests: 0 passed, 0 warned, 0 failed.\n', stderr: "warning: the selector 'nothing_here' matched no model.\n" },
  );
  assert.equal(await relations(dir), []);
});

test('--exclude leaves a model out of a run', async () => {
  const dir = await duckdbProject({ ...FILES, 'models/n.sql': "{{ config(materialized='table') }}\nselect 2 as v\n" });
  const result = await runCli(dir, ['run', '--exclude', 'm']);
  assert.is(result.code, 0, result.stderr);
  assert.equal(await relations(dir), ['main.n BASE TABLE']);
});

test.run();
