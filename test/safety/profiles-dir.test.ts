import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

test('--profiles-dir pointing at a folder without profiles.yml is an error (exit 2), not the built-in target', async () => {
  const dir = await duckdbProject({ 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n" });
  const empty = await mkdtemp(join(tmpdir(), 'pdb-no-profiles-'));
  const result = await runCli(dir, ['run', '--profiles-dir', empty]);
  assert.is(result.code, 2);
  assert.equal(result.stderr, [
    `--profiles-dir: error E_PROFILES_MISSING: --profiles-dir points at ${empty}, which holds no profiles.yml.`,
    '  hint: Give the folder that holds profiles.yml, or leave --profiles-dir out to use the one in the project directory.',
    '1 error.',
    '',
  ].join('\n'));
  assert.equal(result.stdout, '');
});

test('--profiles-dir pointing at a folder with profiles.yml is used', async () => {
  const dir = await duckdbProject({ 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n" });
  const result = await runCli(dir, ['run', '--profiles-dir', dir]);
  assert.is(result.code, 0, result.stderr);
});

test.run();
