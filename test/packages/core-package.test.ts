/**
 * The built-in core package as a user's project gets it: on by default with a mapping, off with
 * `packages: []`, its models replaced by the project's own files of the same name, configured
 * and disabled through `models: core:`, its macros replaced by the project's, and every model
 * named with its package in the compiled paths and the manifest.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject, runCli, writeFiles } from '../support/temp-project.js';

const CORE_MODELS = 18;
const PROJECT = 'name: shop\nmapping: mapping.yml\n';

test('a project with a mapping and no packages: gets the core models, named core/...', async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, { 'project.yml': PROJECT });
  const result = await runCli(dir, ['ls', '-o', 'path']);
  assert.is(result.code, 0, result.stderr);
  const paths = result.stdout.trimEnd().split('\n');
  assert.is(paths.length, CORE_MODELS);
  assert.ok(paths.every((p) => p.startsWith('core/models/')), paths.join('\n'));
});

test('packages: [] turns the core package off', async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, { 'project.yml': `${PROJECT}packages: []\n`, 'models/mine.sql': 'select 1 as x\n' });
  assert.equal(await runCli(dir, ['ls']), { code: 0, stdout: 'mine\n', stderr: '' });
});

test("a project's model of the same name replaces the core model; its own models ref() core ones", async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, {
    'project.yml': PROJECT,
    'models/date_wise_dau.sql': "select event_date, count(distinct user_id) as dau\nfrom {{ ref('int_user_days') }}\ngroup by 1\n",
    'models/marts/weekly_dau.sql': "select date_trunc('week', event_date) as week, avg(dau) as dau\nfrom {{ ref('date_wise_dau') }}\ngroup by 1\n",
  });
  const paths = (await runCli(dir, ['ls', '-s', 'date_wise_dau+', '-o', 'path'])).stdout;
  assert.ok(paths.split('\n').includes('models/date_wise_dau.sql'), paths);
  assert.ok(paths.split('\n').includes('models/marts/weekly_dau.sql'), paths);
  assert.not.ok(paths.includes('core/models/metrics/users/date_wise_dau.sql'), paths);
  const result = await runCli(dir, ['compile']);
  assert.is(result.code, 0, result.stderr);
  const manifest = JSON.parse(await readFile(join(dir, 'target/manifest.json'), 'utf8')) as { models: Record<string, { package: string; path: string; compiled_path: string; yaml_path?: string }> };
  const own = manifest.models['date_wise_dau'];
  // The replaced model keeps the core documentation (and its tests) unless the project documents it.
  assert.equal([own?.package, own?.path, own?.compiled_path, own?.yaml_path], ['shop', 'models/date_wise_dau.sql', 'target/compiled/dev/models/date_wise_dau.sql', 'core/models/metrics/users/users.yml']);
  const core = manifest.models['date_wise_revenue'];
  assert.equal([core?.package, core?.path, core?.compiled_path], ['core', 'core/models/metrics/revenue/date_wise_revenue.sql', 'target/compiled/dev/core/models/metrics/revenue/date_wise_revenue.sql']);
});

test('models: core: configures the core folders: disable retention, materialize intermediate models as views', async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, {
    'project.yml': `${PROJECT}models:\n  core:\n    intermediate:\n      +materialized: view\n    metrics:\n      retention:\n        +enabled: false\n`,
  });
  const result = await runCli(dir, ['ls', '-o', 'json']);
  assert.is(result.code, 0, result.stderr);
  const models = JSON.parse(result.stdout) as { name: string; materialized: string }[];
  const names = models.map((m) => m.name);
  assert.is(names.length, CORE_MODELS - 2);
  assert.not.ok(names.includes('retention_by_cohort_date'));
  assert.not.ok(names.includes('retention_by_funnel_step'));
  assert.is(models.find((m) => m.name === 'int_users')?.materialized, 'view');
  assert.is(models.find((m) => m.name === 'date_wise_dau')?.materialized, 'table');
});

test('a mistyped core folder is an error at its key, with did-you-mean', async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, { 'project.yml': `${PROJECT}models:\n  core:\n    metrcs:\n      +enabled: false\n` });
  const result = await runCli(dir, ['ls']);
  assert.is(result.code, 2);
  assert.is(
    result.stderr.split('\n')[0],
    "project.yml:5:5: error E_FOLDER_UNKNOWN: 'models.core.metrcs' configures folder 'metrcs', but no model is in a folder of that name under the model paths of package 'core'. Did you mean 'metrics'?",
  );
});

test("a project's macro replaces the core macro of the same name, also one dispatched per engine", async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, {
    'project.yml': PROJECT,
    'macros/time.sql': "{% macro timestamp_from_micros(expr) %}to_timestamp(({{ expr }}) / 1e6)::timestamp{% endmacro %}\n",
  });
  const result = await runCli(dir, ['compile', '-s', 'stg_events']);
  assert.is(result.code, 0, result.stderr);
  const sql = await readFile(join(dir, 'target/compiled/dev/core/models/staging/stg_events.sql'), 'utf8');
  assert.ok(sql.includes('to_timestamp((event_timestamp) / 1e6)'), sql);
  assert.not.ok(sql.includes('make_timestamp(event_timestamp)'), sql);
});

test.run();
