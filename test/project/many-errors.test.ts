import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadErrors } from './temp-project.js';

test('errors in several files are all reported together, in file and line order', async () => {
  const errors = await loadErrors(
    {
      'project.yml': 'name: demo\nmapping: mapping.yml\nmodels:\n  +materialised: table\n',
      'profiles.yml': 'targets:\n  dev: { type: duckdb, threds: 2 }\n',
      'mapping.yml': 'source: ga4.events\ncolumns: { user_id: u, event_time: t, event_name: e, chanel: c }\n',
      'models/a.sql': 'select 1',
      'models/b/a.sql': 'select 2',
      'models/docs.yml': 'models:\n  - name: a\n    columns: [{ name: x, tests: [not_null] }]\n  - name: c\n',
      'models/sources.yml': 'sources:\n  - name: ga4\n    tables: [ { name: events } ]\n  - name: bad\n    tables: [ { name: t, duckdb: { file: x } } ]\n',
    },
    { target: 'dev' },
  );
  assert.equal(errors, [
    "mapping.yml:2:54: error E_MAPPING_UNKNOWN_COLUMN: Unknown canonical column 'chanel' in 'columns'. Did you mean 'channel'?\n" +
      '  hint: Allowed here: user_id, event_time, event_name, country, region, channel, revenue, revenue_type, cohort_date.',
    "models/b/a.sql: error E_MODEL_DUPLICATE: Model name 'a' is used by two files: models/a.sql and models/b/a.sql.\n" +
      '  hint: Model names are file names and must be unique across all folders: rename one of the files.',
    "models/docs.yml:4:11: error E_YAML_UNKNOWN_MODEL: models/docs.yml documents model 'c', but there is no c.sql under the model paths. Did you mean 'a'?\n" +
      '  hint: Fix the name, or create the model file, or remove this entry.',
    "models/sources.yml:5:34: error E_SOURCE_DUCKDB: Source table 'bad.t' must give exactly one of 'path' or 'table' under 'duckdb'.\n" +
      "  hint: Use 'path:' for files (Parquet, CSV, JSON; globs allowed) or 'table:' for a table in the DuckDB database.",
    "models/sources.yml:5:36: error E_UNKNOWN_KEY: Unknown key 'file' in 'sources[1].tables[0].duckdb'.\n  hint: Allowed here: path, table, format.",
    "profiles.yml:2:24: error E_UNKNOWN_KEY: Unknown key 'threds' in 'targets.dev'. Did you mean 'threads'?\n" +
      '  hint: Allowed here: type, path, schema, threads, memory_limit.',
    "project.yml:4:3: error E_UNKNOWN_KEY: Unknown key '+materialised' in 'models'. Did you mean '+materialized'?\n" +
      '  hint: Allowed here: +enabled, +materialized, +tags, +schema, +alias, +partition_by, +cluster_by, +unique_key, +requires.',
  ]);
});

test.run();
