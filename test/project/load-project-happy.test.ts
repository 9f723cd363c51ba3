import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/project/load-project.js';

// dist/test/project -> the fixture in the source tree.
const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/project-loading/happy', import.meta.url));
const ENV = { PDB_GCP_PROJECT: 'my-proj' };

test('the fixture project loads into exact config, vars, macros and mapping', async () => {
  const project = await loadProject({ dir: FIXTURE, env: ENV });
  assert.is(project.dir, path.resolve(FIXTURE));
  assert.equal(project.config, {
    name: 'pdb_core',
    modelPaths: ['models'],
    macroPaths: ['macros'],
    pluginPaths: ['plugins'],
    testPaths: ['tests'],
    targetPath: 'target',
    statePath: '.pdb/state.duckdb',
    vars: { start_date: null, end_date: '2024-12-31' },
    plugins: [],
    dataQuality: {},
  });
  assert.equal(project.vars, { start_date: null, end_date: '2024-12-31' });
  assert.equal(project.macros, [
    { path: 'macros/ga4/value.sql', text: '{% macro ga4_value_in_usd() %}event_value_in_usd{% endmacro %}\n' },
    {
      path: 'macros/timestamp_from_micros.sql',
      text: '{% macro timestamp_from_micros(col) %}to_timestamp({{ col }} / 1000000){% endmacro %}\n',
    },
  ]);
  assert.equal(project.mapping, {
    source: { sourceName: 'ga4', table: 'events' },
    timezone: 'America/New_York',
    columns: {
      user_id: 'user_pseudo_id',
      event_time: "{{ timestamp_from_micros('event_timestamp') }}",
      event_name: 'event_name',
      country: 'geo.country',
      revenue: '{{ ga4_value_in_usd() }}',
    },
    activityEvents: 'all',
    newUserEvents: ['first_open'],
    funnel: [
      { name: 'login', events: ['session_start'] },
      { name: 'first_level', events: ['level_complete', 'level_end'] },
    ],
    revenueTypes: { iap: ['in_app_purchase'], ads: ['ad_impression'], subscription: [] },
    geoLevel: 'auto',
    file: 'mapping.yml',
  });
});

test('profiles.yml target with env_var defaults, and --vars overriding project vars', async () => {
  const project = await loadProject({ dir: FIXTURE, env: ENV, vars: { end_date: '2025-01-31', extra: 1 } });
  assert.equal(project.target, { type: 'duckdb', name: 'dev', path: 'target/pdb.duckdb', schema: 'main', threads: 4, memoryLimit: '4GB' });
  assert.equal(project.vars, { start_date: null, end_date: '2025-01-31', extra: 1 });
  // Project defaults stay as written; only the effective vars change.
  assert.equal(project.config.vars, { start_date: null, end_date: '2024-12-31' });

  const withEnv = await loadProject({ dir: FIXTURE, env: { ...ENV, PDB_DB_DIR: '/data' } });
  assert.equal(withEnv.target, { type: 'duckdb', name: 'dev', path: '/data/pdb.duckdb', schema: 'main', threads: 4, memoryLimit: '4GB' });
});

test('a BigQuery target: env_var interpolated, an empty keyfile means none', async () => {
  const project = await loadProject({ dir: FIXTURE, env: ENV, target: 'bq' });
  assert.equal(project.target, {
    type: 'bigquery',
    name: 'bq',
    project: 'my-proj',
    dataset: 'analytics',
    location: 'US',
    maximumBytesBilled: 10000000000,
  });
  const keyed = await loadProject({ dir: FIXTURE, env: { ...ENV, GOOGLE_APPLICATION_CREDENTIALS: '/keys/sa.json' }, target: 'bq' });
  assert.equal(keyed.target, {
    type: 'bigquery',
    name: 'bq',
    project: 'my-proj',
    dataset: 'analytics',
    location: 'US',
    keyfile: '/keys/sa.json',
    maximumBytesBilled: 10000000000,
  });
});

test('sources: every table with its engine locations, sorted by source and table', async () => {
  const project = await loadProject({ dir: FIXTURE, env: ENV });
  assert.equal(project.sources, [
    {
      sourceName: 'app',
      name: 'users',
      duckdb: { table: 'raw_users' },
      columns: [],
      location: { file: 'models/staging/sources.yml', line: 14, column: 9 },
    },
    {
      sourceName: 'ga4',
      name: 'events',
      description: 'GA4 export',
      duckdb: { path: 'data/sample/events/*.parquet', format: 'parquet' },
      bigquery: { table: "{{ var('ga4_project') }}.analytics_123.events_*" },
      columns: [{ name: 'event_name', dataType: 'STRING' }, { name: 'event_timestamp' }],
      location: { file: 'models/staging/sources.yml', line: 5, column: 9 },
    },
  ]);
});

test('models: sorted by path, folder config then YAML config, tags accumulated, tests declared', async () => {
  const project = await loadProject({ dir: FIXTURE, env: ENV });
  const yml = 'models/metrics/metrics.yml';
  assert.equal(project.models, [
    {
      id: 'date_wise_dau',
      name: 'date_wise_dau',
      path: 'models/metrics/date_wise_dau.sql',
      folders: ['metrics'],
      rawSql: "select event_date, count(distinct user_id) as dau from {{ ref('stg_events') }} group by 1\n",
      yamlPath: yml,
      description: 'Daily active users.',
      columns: [
        {
          name: 'event_date',
          description: 'The reporting date.',
          dataType: 'date',
          tests: [
            { kind: 'not_null', column: 'event_date', args: {}, severity: 'error', location: { file: yml, line: 9, column: 17 } },
            { kind: 'unique', column: 'event_date', args: {}, severity: 'error', location: { file: yml, line: 9, column: 27 } },
          ],
        },
        {
          name: 'dau',
          tests: [
            {
              kind: 'accepted_range',
              column: 'dau',
              args: { min_value: 0 },
              severity: 'warn',
              location: { file: yml, line: 12, column: 13 },
            },
          ],
        },
      ],
      tests: [
        { kind: 'unique', args: { columns: ['event_date'] }, severity: 'error', location: { file: yml, line: 14, column: 9 } },
        { kind: 'expression_is_true', args: { expression: 'dau >= 0' }, severity: 'error', location: { file: yml, line: 15, column: 9 } },
      ],
      // root +table, metrics tags, then the YAML: incremental wins, tags accumulate without repeats.
      config: { enabled: true, materialized: 'incremental', tags: ['core', 'metrics', 'users'], uniqueKey: ['event_date'] },
    },
    {
      id: 'retention_by_cohort_date',
      name: 'retention_by_cohort_date',
      path: 'models/metrics/retention/retention_by_cohort_date.sql',
      folders: ['metrics', 'retention'],
      rawSql: 'select 1 as cohort_date\n',
      yamlPath: 'models/metrics/retention/retention.yaml',
      columns: [],
      tests: [],
      // The folder's `+partition_by: cohort_date` is replaced by the YAML's full form.
      config: {
        enabled: true,
        materialized: 'table',
        tags: ['core', 'metrics', 'retention'],
        partitionBy: { field: 'cohort_date', dataType: 'date', granularity: 'month' },
        clusterBy: ['cohort_date', 'day_n'],
        requires: ['user_id', 'event_time'],
      },
    },
    {
      id: 'stg_events',
      name: 'stg_events',
      path: 'models/staging/stg_events.sql',
      folders: ['staging'],
      rawSql: "select * from {{ source('ga4', 'events') }}\n",
      columns: [],
      tests: [],
      config: { enabled: true, materialized: 'view', tags: ['core', 'staging'] },
    },
  ]);
});

test.run();
