import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/project/load-project.js';
import { configLayer, mergeConfig } from '../../src/project/model-config.js';
import { BASE_FILES, loadErrors, loadFailure, tempProject } from './temp-project.js';

test('a folder in models: config that holds no models, with did-you-mean over real folders', async () => {
  const files = {
    ...BASE_FILES,
    'models/staging/s.sql': 'select 1',
    'models/metrics/m.sql': 'select 1',
    'project.yml': 'name: demo\nmodels:\n  stagng:\n    +materialized: view\n  staging:\n    sub:\n      +enabled: false\n',
  };
  const errors = await loadFailure(files);
  assert.equal(
    errors.map((e) => e.location),
    [
      { file: 'project.yml', line: 3, column: 3 },
      { file: 'project.yml', line: 6, column: 5 },
    ],
  );
  assert.equal(await loadErrors(files), [
    "project.yml:3:3: error E_FOLDER_UNKNOWN: 'models.stagng' configures folder 'stagng', but no model is in a folder of that name under the model paths. Did you mean 'staging'?\n" +
      "  hint: Keys under 'models:' without '+' are folders below a model path; folders here: metrics, staging.",
    "project.yml:6:5: error E_FOLDER_UNKNOWN: 'models.staging.sub' configures folder 'staging/sub', but no model is in a folder of that name under 'staging'.\n" +
      "  hint: Keys under 'models:' without '+' are folders below a model path; this level has no sub-folders with models.",
  ]);
});

test('folder config: inner folders override, tags accumulate, YAML config is innermost', async () => {
  const dir = await tempProject({
    'project.yml': [
      'name: demo',
      'models:',
      '  +materialized: table',
      '  +tags: [all]',
      '  +schema: analytics',
      '  a:',
      '    +materialized: view',
      '    +tags: a',
      '    b:',
      '      +enabled: false',
      '      +tags: [b, all]',
      '',
    ].join('\n'),
    'models/top.sql': 'select 1',
    'models/a/mid.sql': 'select 1',
    'models/a/b/deep.sql': 'select 1',
    'models/a/b/docs.yml': 'models:\n  - name: deep\n    config: { enabled: true, tags: yaml, schema: other }\n',
  });
  const project = await loadProject({ dir, env: {} });
  assert.equal(
    project.models.map((m) => [m.name, m.config]),
    [
      ['deep', { enabled: true, materialized: 'view', tags: ['all', 'a', 'b', 'yaml'], schema: 'other' }],
      ['mid', { enabled: true, materialized: 'view', tags: ['all', 'a'], schema: 'analytics' }],
      ['top', { enabled: true, materialized: 'table', tags: ['all'], schema: 'analytics' }],
    ],
  );
});

test('config layers: every key mapped to camelCase, plain strings become lists', () => {
  const layer = configLayer(
    {
      '+enabled': false,
      '+materialized': 'incremental',
      '+tags': 'x',
      '+schema': 's',
      '+alias': 'al',
      '+partition_by': { field: 'ts', data_type: 'timestamp' },
      '+cluster_by': 'c',
      '+unique_key': ['k1', 'k2'],
      '+requires': ['revenue'],
    },
    '+',
  );
  assert.equal(layer, {
    enabled: false,
    materialized: 'incremental',
    tags: ['x'],
    schema: 's',
    alias: 'al',
    partitionBy: { field: 'ts', dataType: 'timestamp', granularity: 'day' },
    clusterBy: ['c'],
    uniqueKey: ['k1', 'k2'],
    requires: ['revenue'],
  });
  // Without the prefix, '+' keys are not config (and the reverse).
  assert.equal(configLayer({ '+enabled': false }, ''), {});
});

test('mergeConfig: defaults, then outer to inner', () => {
  assert.equal(mergeConfig([]), { enabled: true, materialized: 'view', tags: [] });
  assert.equal(mergeConfig([{ tags: ['a', 'b'], alias: 'x' }, { tags: ['b', 'c'], alias: 'y' }, { materialized: 'table' }]), {
    enabled: true,
    materialized: 'table',
    tags: ['a', 'b', 'c'],
    alias: 'y',
  });
});

test.run();
