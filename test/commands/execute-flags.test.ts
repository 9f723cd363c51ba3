import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DATABASE, duckdbProject, relations, withoutTimes } from '../support/duckdb-project.js';
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

// Issue 11: a selection that matches no model did nothing the user asked for: exit 2 (it was exit 0 with a warning).
test('a selector that matches nothing is exit 2 and runs nothing', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['run', '--select', 'nothing_here']);
  assert.equal(result, {
    code: 2,
    stdout: '',
    stderr: [
      "--select: error E_SELECT_EMPTY: the selector 'nothing_here' matched no model.",
      '  hint: See the models with `pdb ls`; a bare word matches a model name, a folder or a tag (tag:x, path:x, name:x to be exact).',
      '1 error.',
      '',
    ].join('\n'),
  });
  assert.not.ok(existsSync(join(dir, DATABASE)), 'no database was opened');
});

test('--exclude leaves a model out of a run', async () => {
  const dir = await duckdbProject({ ...FILES, 'models/n.sql': "{{ config(materialized='table') }}\nselect 2 as v\n" });
  const result = await runCli(dir, ['run', '--exclude', 'm']);
  assert.is(result.code, 0, result.stderr);
  assert.equal(await relations(dir), ['main.n BASE TABLE']);
});

test.run();
