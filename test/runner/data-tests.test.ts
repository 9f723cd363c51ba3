import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, runResultsFile, withoutSeconds, withoutTimes } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const MODELS = {
  'project.yml': 'name: t\nmodels:\n  +materialized: table\n',
  'models/countries.sql': "select * from (values ('NL'), ('DE'), ('FR')) as t(code)\n",
  'models/people.sql': [
    'select * from (values',
    "  (1, 'NL', 30, null),",
    "  (2, 'DE', 40, 1),",
    "  (3, 'NL', null, 9),",
    "  (3, 'FR', -5, 2)",
    ') as t(id, country, age, manager_id)',
    '',
  ].join('\n'),
};

// Every built-in kind, passing and failing; line numbers matter: they are the tests' locations.
const YAML = [
  'models:', // 1
  '  - name: countries', // 2
  '    columns:', // 3
  '      - name: code', // 4
  '        tests: [unique]', // 5
  '  - name: people', // 6
  '    columns:', // 7
  '      - name: id', // 8
  '        tests:', // 9
  '          - not_null', // 10
  '          - accepted_range: { min_value: 1, max_value: 10 }', // 11
  '      - name: country', // 12
  '        tests:', // 13
  '          - accepted_values: { values: [NL, DE, FR] }', // 14
  "          - relationships: { to: ref('countries'), field: code }", // 15
  '          - accepted_values: { values: [NL, DE], severity: warn }', // 16
  '      - name: age', // 17
  '        tests:', // 18
  '          - not_null', // 19
  '          - accepted_range: { min_value: 0 }', // 20
  "          - expression_is_true: { expression: '< 100' }", // 21
  '      - name: manager_id', // 22
  '        tests:', // 23
  "          - relationships: { to: ref('people'), field: id }", // 24
  '    tests:', // 25
  '      - unique: { column_name: id }', // 26
  "      - expression_is_true: { expression: 'id > 0' }", // 27
  "      - expression_is_true: { expression: \"country <> 'FR'\" }", // 28
  '',
].join('\n');

const at = (line: number): { file: string; line: number } => ({ file: 'models/schema.yml', line });
/** The model a generic test is declared on is the second part of its id (`kind__model__column`). */
const modelOf = (name: string): string => name.split('__')[1]!;
const pass = (name: string): Record<string, unknown> => ({ id: `test.${name}`, kind: 'test', name, model: modelOf(name), status: 'pass', failures: 0 });
const failed = (name: string, line: number, failures: number, sample: Record<string, unknown>[], status = 'fail'): Record<string, unknown> => ({
  id: `test.${name}`,
  kind: 'test',
  name,
  model: modelOf(name),
  status,
  failures,
  sample,
  location: at(line),
});

test('each built-in test kind passing and failing: statuses, failure counts and sample rows in run_results.json', async () => {
  const dir = await duckdbProject({ ...MODELS, 'models/schema.yml': YAML });
  assert.is((await runCli(dir, ['run'])).code, 0);
  const result = await runCli(dir, ['test', '--threads', '1']);
  assert.is(result.code, 1);
  const results = withoutSeconds((await runResultsFile(dir)).json.results);
  assert.equal(results, [
    pass('unique__countries__code'),
    pass('not_null__people__id'),
    pass('accepted_range__people__id'),
    pass('accepted_values__people__country'),
    pass('relationships__people__country'),
    failed('accepted_values__people__country__2', 16, 1, [{ value: 'FR', n_records: 1 }], 'warn'),
    failed('not_null__people__age', 19, 1, [{ id: 3, country: 'NL', age: null, manager_id: 9 }]),
    failed('accepted_range__people__age', 20, 1, [{ id: 3, country: 'FR', age: -5, manager_id: 2 }]),
    pass('expression_is_true__people__age'),
    failed('relationships__people__manager_id', 24, 1, [{ manager_id: 9 }]),
    // `column_name` on a model-level test names the column, in the id too.
    failed('unique__people__id', 26, 1, [{ id: 3, n_records: 2 }]),
    pass('expression_is_true__people'),
    failed('expression_is_true__people__2', 28, 1, [{ id: 3, country: 'FR', age: -5, manager_id: 2 }]),
  ]);
  assert.match(withoutTimes(result.stdout), '\nDone in <t> s: 0 built, 0 failed, 0 skipped, tests: 7 passed, 1 warned, 5 failed.\n');
  assert.match(
    result.stdout,
    '[10/13] FAIL   test  relationships__people__manager_id (1 failing row, ',
  );
  assert.match(result.stdout, '         failing rows (models/schema.yml:24), first 1:\n           {"manager_id":9}\n');
});

test('at most five sample rows, with the full failure count', async () => {
  const dir = await duckdbProject({
    'models/many.sql': "{{ config(materialized='table') }}\nselect range as v from range(8)\n",
    'models/many.yml': 'models:\n  - name: many\n    columns:\n      - name: v\n        tests:\n          - accepted_range: { max_value: 1 }\n',
  });
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 1);
  const [, check] = withoutSeconds((await runResultsFile(dir)).json.results);
  assert.equal(check, {
    ...failed('accepted_range__many__v', 6, 6, [{ v: 2 }, { v: 3 }, { v: 4 }, { v: 5 }, { v: 6 }]),
    location: { file: 'models/many.yml', line: 6 },
  });
});

test('a warn test that fails does not fail the run: exit 0', async () => {
  const dir = await duckdbProject({
    'models/m.sql': "{{ config(materialized='table') }}\nselect null as v\n",
    'models/m.yml': 'models:\n  - name: m\n    columns:\n      - name: v\n        tests:\n          - not_null: { severity: warn }\n',
  });
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 0);
  assert.equal(withoutSeconds((await runResultsFile(dir)).json.results)[1], {
    id: 'test.not_null__m__v',
    kind: 'test',
    name: 'not_null__m__v',
    model: 'm',
    status: 'warn',
    failures: 1,
    sample: [{ v: null }],
    location: { file: 'models/m.yml', line: 6 },
  });
});

test('a test on an ephemeral model checks its rows (the model has no relation of its own)', async () => {
  const dir = await duckdbProject({
    'models/e.sql': "{{ config(materialized='ephemeral') }}\nselect null as v\n",
    'models/r.sql': "{{ config(materialized='table') }}\nselect * from {{ ref('e') }}\n",
    'models/e.yml': 'models:\n  - name: e\n    columns:\n      - name: v\n        tests: [not_null]\n',
  });
  const result = await runCli(dir, ['build', '--threads', '1']);
  assert.is(result.code, 1);
  const check = withoutSeconds((await runResultsFile(dir)).json.results).find((r) => r.kind === 'test');
  assert.equal(check, { id: 'test.not_null__e__v', kind: 'test', name: 'not_null__e__v', model: 'e', status: 'fail', failures: 1, sample: [{ v: null }], location: { file: 'models/e.yml', line: 5 } });
});

test('a test with bad arguments stops before anything runs: exit 2 with its place in the YAML', async () => {
  const dir = await duckdbProject({
    'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n",
    'models/m.yml': 'models:\n  - name: m\n    columns:\n      - name: v\n        tests:\n          - accepted_values: { value: [1] }\n    tests:\n      - not_nul: { column_name: v }\n',
  });
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 2);
  assert.is(result.stdout, '');
  assert.is(
    result.stderr,
    [
      'models/m.yml:6:13: error E_TEST_ARGS: test \'accepted_values\' needs `values: [...]`, the list of accepted values.',
      '  6 |           - accepted_values: { value: [1] }',
      '    |             ^',
      '  hint: See the README section on data tests.',
      "models/m.yml:8:9: error E_TEST_UNKNOWN: 'not_nul' is not a data test. Did you mean 'not_null'?",
      '  8 |       - not_nul: { column_name: v }',
      '    |         ^',
      '  hint: Built-in tests: not_null, unique, accepted_values, relationships, accepted_range, expression_is_true. Plugins can add more.',
      '2 errors.',
      '',
    ].join('\n'),
  );
});

test('a test kind of a built-in plugin the project does not enable: E_TEST_UNKNOWN names the plugin and how to enable it', async () => {
  const dir = await duckdbProject({
    'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n",
    'models/m.yml': 'models:\n  - name: m\n    tests:\n      - sums_match: { column: v, to: m, to_column: v }\n',
  });
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, "models/m.yml:4:9: error E_TEST_UNKNOWN: 'sums_match' is a data test of the built-in plugin 'qa', which this project does not enable.");
  assert.match(result.stderr, "  hint: Enable it in project.yml: `plugins: [{ name: qa }]` (the core package enables it for you).\n");
});

test('a model-level test without a column or column_name is an argument error', async () => {
  const dir = await duckdbProject({
    'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n",
    'models/m.yml': 'models:\n  - name: m\n    tests:\n      - not_null\n',
  });
  const result = await runCli(dir, ['test']);
  assert.is(result.code, 2);
  assert.match(result.stderr, "models/m.yml:4:9: error E_TEST_ARGS: test 'not_null' needs a column: declare it under a column, or give `column_name`.\n");
});

test.run();
