import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { CONFIG_KEY_NAMES } from '../../src/project/config-keys.js';
import { compileDiagnostics, compiledSql } from '../support/compile-project.js';
import { tempProject } from '../support/temp-project.js';

// Every config key is defined once (src/project/config-keys.ts): the YAML schema, in-file
// config() and the manifest all follow that definition, so they can no longer disagree.

test("config(requires='user_idd') is an error at the config() line, as the same key in YAML is", async () => {
  const files = { 'project.yml': 'name: t\n', 'models/m.sql': "-- m\n{{ config(requires='user_idd') }}\nselect 1 as x\n" };
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_CONFIG',
      message: "config(requires=...) names 'user_idd', which is not a canonical column or 'funnel'. Did you mean 'user_id'?",
      where: 'models/m.sql:2',
      hint: "Write config(requires=['revenue']); each one of user_id, event_time, event_name, country, region, channel, revenue, revenue_type, cohort_date, funnel.",
    },
  ]);
  const yaml = { 'project.yml': 'name: t\n', 'models/m.sql': 'select 1 as x\n', 'models/m.yml': 'models:\n  - name: m\n    config: { requires: [user_idd] }\n' };
  const [fromYaml] = await compileDiagnostics(yaml);
  assert.is(fromYaml?.code, 'E_INVALID_VALUE');
  assert.is(fromYaml?.where, 'models/m.yml:3:26');
});

test('requires as one string means the same in config() and YAML', async () => {
  const other = { 'project.yml': 'name: t\n', 'models/n.sql': 'select 2 as y\n' };
  const inFile = { ...other, 'models/m.sql': "{{ config(requires='revenue') }}\nselect 1 as x\n" };
  const inYaml = { ...other, 'models/m.sql': 'select 1 as x\n', 'models/m.yml': 'models:\n  - name: m\n    config: { requires: revenue }\n' };
  // No mapping maps revenue, so both leave the model out rather than fail.
  assert.equal(Object.keys(await compiledSql(inFile)), ['n']);
  assert.equal(Object.keys(await compiledSql(inYaml)), ['n']);
});

test('an alias that is not a name is refused in YAML as it is in config()', async () => {
  const files = { 'project.yml': 'name: t\n', 'models/m.sql': 'select 1 as x\n', 'models/m.yml': "models:\n  - name: m\n    config: { alias: 'not valid' }\n" };
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_INVALID_VALUE',
      message: "Invalid value 'not valid' for 'models[0].config.alias': expected a name of letters, digits and underscores.",
      where: 'models/m.yml:3:22',
      hint: 'Change the value to a name of letters, digits and underscores.',
    },
  ]);
});

test("the manifest writes every config key of the table, by the key's own name", async () => {
  const dir = await tempProject({
    'project.yml': 'name: t\n',
    'models/m.sql': "{{ config(materialized='incremental', partition_by={'field': 'd', 'granularity': 'month'}, cluster_by='x', unique_key=['d', 'x']) }}\nselect current_date as d, 1 as x\n",
  });
  await compile({ dir, env: {}, validate: false });
  const manifest = JSON.parse(await readFile(join(dir, 'target', 'manifest.json'), 'utf8')) as { models: Record<string, { config: Record<string, unknown> }> };
  const config = manifest.models['m']!.config;
  assert.ok(Object.keys(config).every((key) => CONFIG_KEY_NAMES.includes(key)), Object.keys(config).join(', '));
  assert.is(config['materialized'], 'incremental');
  assert.equal(config['partition_by'], { field: 'd', data_type: 'date', granularity: 'month' });
  assert.equal(config['cluster_by'], ['x']);
  assert.equal(config['unique_key'], ['d', 'x']);
});

test.run();
