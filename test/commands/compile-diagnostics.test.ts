/** `pdb compile` reports what `pdb build` would refuse, with the same codes and places, and opens no database. */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DATABASE, duckdbProject } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

test('unknown test kinds and bad test arguments: compile fails as build does, before a database exists', async () => {
  const dir = await duckdbProject({
    'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n",
    'models/m.yml': 'models:\n  - name: m\n    columns:\n      - name: v\n        tests:\n          - accepted_values: { value: [1] }\n    tests:\n      - not_nul: { column_name: v }\n',
  });
  const compiled = await runCli(dir, ['compile']);
  assert.is(compiled.code, 2);
  assert.match(compiled.stderr, 'error E_TEST_ARGS');
  assert.match(compiled.stderr, 'error E_TEST_UNKNOWN');
  assert.not.ok(await exists(join(dir, DATABASE)), 'compile opened no database');
  const built = await runCli(dir, ['build']);
  assert.equal(compiled, built);
});

test("a plugin's config mistake: compile fails as build does", async () => {
  const dir = await duckdbProject({
    'project.yml': 'name: t\nplugins:\n  - name: qa\n    config: { benchmarks: benchmarks.txt }\n',
    'models/m.sql': 'select 1 as v\n',
  });
  const compiled = await runCli(dir, ['compile']);
  assert.is(compiled.code, 2);
  assert.match(compiled.stderr, "project.yml:3:5: error E_PLUGIN_CONFIG: plugin 'qa' config.benchmarks must match pattern");
  assert.equal(compiled, await runCli(dir, ['build']));
});

test('a data-quality threshold mistake: compile fails as build does', async () => {
  const dir = await duckdbProject({ 'project.yml': 'name: t\ndata-quality:\n  gap_dates: { warn_above: -1 }\n', 'models/m.sql': 'select 1 as v\n' });
  const compiled = await runCli(dir, ['compile']);
  assert.is(compiled.code, 2);
  assert.match(compiled.stderr, "project.yml:3:28: error E_INVALID_VALUE: Invalid value -1 for 'data-quality.gap_dates.warn_above'");
  assert.equal(compiled, await runCli(dir, ['build']));
});

test.run();
