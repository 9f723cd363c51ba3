import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/project/load-project.js';
import { BASE_FILES, loadErrors, loadFailure, tempProject } from './temp-project.js';

test('a model name used twice names both files', async () => {
  const errors = await loadFailure({ ...BASE_FILES, 'models/x/a.sql': 'select 2' });
  assert.equal(errors[0]?.location, { file: 'models/x/a.sql' });
  assert.equal(await loadErrors({ ...BASE_FILES, 'models/x/a.sql': 'select 2' }), [
    "models/x/a.sql: error E_MODEL_DUPLICATE: Model name 'a' is used by two files: models/a.sql and models/x/a.sql.\n" +
      '  hint: Model names are file names and must be unique across all folders: rename one of the files.',
  ]);
});

test('a file name that is not an identifier is not a model name', async () => {
  assert.equal(await loadErrors({ ...BASE_FILES, 'models/my-model.sql': 'select 1', 'models/2x.sql': 'select 1' }), [
    "models/2x.sql: error E_MODEL_NAME_INVALID: '2x' is not a valid model name: use letters, digits and underscores, not starting with a digit.\n" +
      "  hint: Rename the file, e.g. to '_2x.sql'.",
    "models/my-model.sql: error E_MODEL_NAME_INVALID: 'my-model' is not a valid model name: use letters, digits and underscores, not starting with a digit.\n" +
      "  hint: Rename the file, e.g. to 'my_model.sql'.",
  ]);
});

test('YAML docs for a model that does not exist, with did-you-mean', async () => {
  const files = { ...BASE_FILES, 'models/daily_users.sql': 'select 1', 'models/docs.yml': 'models:\n  - name: daily_user\n' };
  const errors = await loadFailure(files);
  assert.equal(errors[0]?.location, { file: 'models/docs.yml', line: 2, column: 11 });
  assert.equal(await loadErrors(files), [
    "models/docs.yml:2:11: error E_YAML_UNKNOWN_MODEL: models/docs.yml documents model 'daily_user', but there is no daily_user.sql under the model paths. Did you mean 'daily_users'?\n" +
      '  hint: Fix the name, or create the model file, or remove this entry.',
  ]);
});

test('a model documented twice names both places', async () => {
  const files = {
    ...BASE_FILES,
    'models/one.yml': 'models:\n  - name: a\n    description: first\n',
    'models/sub/two.yml': 'version: 2\nmodels:\n  - name: a\n',
  };
  assert.equal(await loadErrors(files), [
    "models/sub/two.yml:3:11: error E_YAML_DUPLICATE_DOC: Model 'a' is documented twice: at models/one.yml:2:11 and at models/sub/two.yml:3:11.\n" +
      '  hint: Keep one entry for the model and merge the other into it.',
  ]);
});

test('sources: a table declared twice, and duckdb with both path and table', async () => {
  const files = {
    ...BASE_FILES,
    'models/s1.yml': 'sources:\n  - name: ga4\n    tables:\n      - { name: events, duckdb: { path: a.parquet, table: t } }\n',
    'models/s2.yml': 'sources:\n  - name: ga4\n    tables:\n      - name: events\n',
  };
  assert.equal(await loadErrors(files), [
    "models/s1.yml:4:33: error E_SOURCE_DUCKDB: Source table 'ga4.events' must give exactly one of 'path' or 'table' under 'duckdb'.\n" +
      "  hint: Use 'path:' for files (Parquet, CSV, JSON; globs allowed) or 'table:' for a table in the DuckDB database.",
    "models/s2.yml:4:9: error E_SOURCE_DUPLICATE: Source table 'ga4.events' is declared twice: at models/s1.yml:4:9 and here.\n" +
      '  hint: Declare each source table once.',
  ]);
});

test('several model paths, an explicit missing one is an error; macros sorted by path', async () => {
  const files = {
    'project.yml': 'name: demo\nmodel-paths: [models, extra/, missing]\n',
    'models/b.sql': 'select 2',
    'extra/deep/a.sql': 'select 1',
    'macros/z.sql': 'z',
    'macros/a/m.sql': 'm',
    'macros/notes.txt': 'not a macro',
  };
  assert.equal(await loadErrors(files), [
    "project.yml:2:31: error E_PATH_MISSING: The folder 'missing' in 'model-paths' does not exist.\n" +
      "  hint: Create the folder or remove it from 'model-paths'.",
  ]);
  const dir = await tempProject({ ...files, 'project.yml': 'name: demo\nmodel-paths: [models, extra/]\n' });
  const project = await loadProject({ dir, env: {} });
  assert.equal(
    project.models.map((m) => [m.name, m.path, m.folders]),
    [
      ['a', 'extra/deep/a.sql', ['deep']],
      ['b', 'models/b.sql', []],
    ],
  );
  assert.equal(project.macros, [
    { path: 'macros/a/m.sql', text: 'm' },
    { path: 'macros/z.sql', text: 'z' },
  ]);
});

test('a project with no models and no mapping loads', async () => {
  const dir = await tempProject({ 'project.yml': 'name: empty\n' });
  const project = await loadProject({ dir, env: {} });
  assert.equal(project.models, []);
  assert.equal(project.sources, []);
  assert.equal(project.macros, []);
  assert.is(project.mapping, undefined);
});

test.run();
