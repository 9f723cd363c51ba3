import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject } from '../support/duckdb-project.js';
import { runCli, writeFiles } from '../support/temp-project.js';

const FILES = {
  'project.yml': 'name: t\nmodels:\n  +materialized: table\n',
  'models/a.sql': 'select 1 as x\n',
  'models/b.sql': "select x from {{ ref('a') }}\n",
  'models/c.sql': 'select 3 as y\n',
  'models/models.yml': 'models:\n  - name: c\n    columns:\n      - name: y\n        tests: [{ accepted_values: { values: [1, 2] } }]\n',
};

const ls = async (dir: string, ...args: string[]): Promise<string[]> => {
  const result = await runCli(dir, ['ls', ...args]);
  assert.is(result.code, 0, result.stderr);
  return result.stdout.trim().split('\n').filter((l) => l !== '');
};

test('state:modified and state:new compare with the manifest of --state; + adds what reads them', async () => {
  const dir = await duckdbProject(FILES);
  assert.is((await runCli(dir, ['compile'])).code, 0);
  await cp(join(dir, 'target'), join(dir, 'prod'), { recursive: true });
  assert.equal(await ls(dir, '--select', 'state:modified', '--state', 'prod'), []);
  await writeFiles(dir, { 'models/a.sql': 'select 2 as x\n', 'models/d.sql': 'select 4 as z\n' });
  assert.equal(await ls(dir, '--select', 'state:modified', '--state', 'prod'), ['a', 'd']);
  assert.equal(await ls(dir, '--select', 'state:new', '--state', 'prod'), ['d']);
  assert.equal(await ls(dir, '--select', 'state:modified+', '--state', 'prod'), ['a', 'b', 'd']);
  // A config change is a modification too.
  await writeFiles(dir, { 'models/c.sql': "{{ config(materialized='view') }}\nselect 3 as y\n" });
  assert.equal(await ls(dir, '--select', 'state:modified', '--exclude', 'state:new', '--state', 'prod'), ['a', 'c']);
});

test('result:fail and result:error select models by the statuses of the --state run', async () => {
  const dir = await duckdbProject({ ...FILES, 'models/b.sql': "select x from {{ ref('a') }} where error('boom') is null\n" });
  assert.is((await runCli(dir, ['build', '--threads', '1'])).code, 1);
  assert.equal(await ls(dir, '--select', 'result:fail', '--state', 'target'), ['c']);
  assert.equal(await ls(dir, '--select', 'result:error', '--state', 'target'), ['b']);
  assert.equal(await ls(dir, '--select', 'result:error+', 'result:fail', '--state', 'target'), ['b', 'c']);
});

test('state selectors without --state, or with a folder lacking a manifest, are located usage errors', async () => {
  const dir = await duckdbProject(FILES);
  const without = await runCli(dir, ['ls', '--select', 'a state:modified']);
  assert.is(without.code, 2);
  assert.match(without.stderr, "--select: error E_SELECTOR: Selector 'state:modified' compares with a previous run, but no --state was given.");
  assert.match(without.stderr, 'hint: Pass --state DIR, the target/ folder of the run to compare with');
  assert.is((await runCli(dir, ['compile'])).code, 0);
  const typo = await runCli(dir, ['ls', '--select', 'state:modifed', '--state', 'target']);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, "Selector 'state:modifed' compares with --state by 'modified' or 'new', not 'modifed'. Did you mean 'modified'?");
  const missing = await runCli(dir, ['ls', '--select', 'state:modified', '--state', 'nowhere']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, 'error E_STATE_DIR: --state: there is no');
});

test.run();
