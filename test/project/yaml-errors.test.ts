import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatError } from '../../src/errors/format-error.js';
import { BASE_FILES, loadErrors, loadFailure } from './temp-project.js';

test('a YAML syntax error: position, message and code frame', async () => {
  const text = 'name: demo\nvars: [a, b\n';
  const [error, ...rest] = await loadFailure({ ...BASE_FILES, 'project.yml': text });
  assert.is(rest.length, 0);
  assert.ok(error);
  assert.equal(error.location, { file: 'project.yml', line: 3, column: 1 });
  assert.is(
    formatError(error, text),
    'project.yml:3:1: error E_YAML_SYNTAX: Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ].\n' +
      '  3 | \n' +
      '    | ^\n' +
      '  hint: Fix the YAML syntax at this position (check indentation, quotes and colons).',
  );
});

test('a duplicate key is a syntax error at the second key', async () => {
  assert.equal(await loadErrors({ ...BASE_FILES, 'project.yml': 'name: demo\nname: other\n' }), [
    'project.yml:2:1: error E_YAML_SYNTAX: Invalid YAML: Map keys must be unique.\n' +
      '  hint: Fix the YAML syntax at this position (check indentation, quotes and colons).',
  ]);
});

test('unknown keys: located at the key, with did-you-mean and the allowed keys', async () => {
  const text = 'name: demo\nmodel-path: [models]\nmodels:\n  +materialzed: table\n';
  const errors = await loadFailure({ ...BASE_FILES, 'project.yml': text });
  assert.equal(
    errors.map((e) => e.location),
    [
      { file: 'project.yml', line: 2, column: 1 },
      { file: 'project.yml', line: 4, column: 3 },
    ],
  );
  assert.equal(
    errors.map((e) => formatError(e, text)),
    [
      "project.yml:2:1: error E_UNKNOWN_KEY: Unknown key 'model-path'. Did you mean 'model-paths'?\n" +
        '  2 | model-path: [models]\n' +
        '    | ^\n' +
        '  hint: Allowed here: name, model-paths, macro-paths, plugin-paths, test-paths, target-path, state-path, profile-target, vars, mapping, plugins, data-quality, insights, product, packages, models.',
      "project.yml:4:3: error E_UNKNOWN_KEY: Unknown key '+materialzed' in 'models'. Did you mean '+materialized'?\n" +
        '  4 |   +materialzed: table\n' +
        '    |   ^\n' +
        '  hint: Allowed here: +enabled, +materialized, +tags, +schema, +alias, +partition_by, +cluster_by, +unique_key, +requires.',
    ],
  );
});

test('wrong types say what was expected and what was found, at the value', async () => {
  const text = 'name: demo\ntarget-path: 3\nmodels:\n  +tags: 4\n  +enabled: "yes"\n';
  assert.equal(await loadErrors({ ...BASE_FILES, 'project.yml': text }), [
    "project.yml:2:14: error E_WRONG_TYPE: Expected a string for 'target-path', found an integer (3).\n  hint: Write a string here.",
    "project.yml:4:10: error E_WRONG_TYPE: Expected a string or a list for 'models.+tags', found an integer (4).\n  hint: Write a string or a list here.",
    'project.yml:5:13: error E_WRONG_TYPE: Expected a boolean (true or false) for \'models.+enabled\', found a string ("yes").\n' +
      '  hint: Write a boolean (true or false) here.',
  ]);
});

test('a value outside an enum gets did-you-mean over the allowed values', async () => {
  const text = 'name: demo\nmodels:\n  +materialized: tabel\n';
  assert.equal(await loadErrors({ ...BASE_FILES, 'project.yml': text }), [
    "project.yml:3:18: error E_INVALID_VALUE: Invalid value 'tabel' for 'models.+materialized': expected one of 'table', 'view', 'ephemeral', 'incremental'. Did you mean 'table'?\n" +
      '  hint: Use one of: table, view, ephemeral, incremental.',
  ]);
});

test('a pattern explains the expected form; a missing required key is named', async () => {
  assert.equal(await loadErrors({ ...BASE_FILES, 'project.yml': 'name: Demo-1\n' }), [
    "project.yml:1:7: error E_INVALID_VALUE: Invalid value 'Demo-1' for 'name': expected a name of lower-case letters, digits and underscores, such as pdb_core.\n" +
      '  hint: Change the value to a name of lower-case letters, digits and underscores, such as pdb_core.',
  ]);
  assert.equal(await loadErrors({ ...BASE_FILES, 'project.yml': 'vars: {}\n' }), [
    "project.yml:1:1: error E_MISSING_KEY: Missing required key 'name' in the top level.\n  hint: Add 'name:' here.",
  ]);
  assert.equal(await loadErrors({ ...BASE_FILES, 'project.yml': '' }), [
    'project.yml:1:1: error E_WRONG_TYPE: Expected a mapping for the top level, found null.\n  hint: Write a mapping here.',
  ]);
});

test('errors in a model YAML file point into nested lists', async () => {
  const yml = 'models:\n  - name: a\n    columns:\n      - name: x\n        tests: [not_null, {unique: {}, x: 1}, 3]\n        descripton: oops\n';
  assert.equal(await loadErrors({ ...BASE_FILES, 'models/a.yml': yml }), [
    "models/a.yml:5:27: error E_INVALID_VALUE: Invalid value (a mapping) for 'models[0].columns[0].tests[1]': expected a test name, or a mapping with exactly one key (the test name) whose value holds its arguments.\n" +
      '  hint: Change the value to a test name, or a mapping with exactly one key (the test name) whose value holds its arguments.',
    "models/a.yml:5:43: error E_WRONG_TYPE: Expected a mapping or nothing (null) for 'models[0].columns[0].tests[1].x', found an integer (1).\n" +
      '  hint: Write a mapping or nothing (null) here.',
    "models/a.yml:5:47: error E_WRONG_TYPE: Expected a string or a mapping for 'models[0].columns[0].tests[2]', found an integer (3).\n" +
      '  hint: Write a string or a mapping here.',
    "models/a.yml:6:9: error E_UNKNOWN_KEY: Unknown key 'descripton' in 'models[0].columns[0]'. Did you mean 'description'?\n" +
      '  hint: Allowed here: name, description, data_type, tests.',
  ]);
});

test('no project.yml: one error naming the directory', async () => {
  const errors = await loadFailure({ 'models/a.sql': 'select 1' });
  assert.is(errors.length, 1);
  assert.is(errors[0]?.code, 'E_PROJECT_MISSING');
  assert.match(errors[0]?.message ?? '', /^No project\.yml in \/.*pdb-project-[^/]+\.$/);
  assert.is(errors[0]?.hint, 'Run pdb in a project directory (one that holds project.yml), or give the path of one.');
  assert.is(errors[0]?.location, undefined);
});

test.run();
