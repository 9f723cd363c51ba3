import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, relations, runResultsFile, withoutSeconds, withoutTimes } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

/** a has a null x; b reads a, c reads b; d stands alone. */
const files = (severity: 'error' | 'warn'): Record<string, string> => ({
  'models/a.sql': "{{ config(materialized='table') }}\nselect 1 as x union all select null\n",
  'models/b.sql': "{{ config(materialized='table') }}\nselect x from {{ ref('a') }}\n",
  'models/c.sql': "{{ config(materialized='table') }}\nselect x from {{ ref('b') }}\n",
  'models/d.sql': "{{ config(materialized='table') }}\nselect 4 as four\n",
  'models/a.yml': `models:\n  - name: a\n    columns:\n      - name: x\n        tests:\n          - not_null: { severity: ${severity} }\n`,
});

test('a failing error-severity test skips everything downstream, naming the cause, and exits 1', async () => {
  const dir = await duckdbProject(files('error'));
  const result = await runCli(dir, ['build', '--threads', '1']);
  assert.is(result.code, 1);
  assert.is(
    withoutTimes(result.stdout),
    [
      '[1/5] OK     model a (table, 2 rows, <t> s)',
      '[2/5] FAIL   test  not_null__a__x (1 failing row, <t> s)',
      '         failing rows (models/a.yml:6), first 1:',
      '           {"x":null}',
      '[3/5] SKIP   model b (because of not_null__a__x)',
      '[4/5] SKIP   model c (because of b)',
      '[5/5] OK     model d (table, 1 row, <t> s)',
      '',
      // A failed build repeats its failures at the end, where they are seen.
      'Completed with 1 error:',
      '  FAIL   test  not_null__a__x (1 failing row, <t> s)',
      '         failing rows (models/a.yml:6), first 1:',
      '           {"x":null}',
      '',
      'Done in <t> s: 2 built, 0 failed, 2 skipped, tests: 0 passed, 0 warned, 1 failed.',
      '',
    ].join('\n'),
  );
  assert.equal(await relations(dir), ['main.a BASE TABLE', 'main.d BASE TABLE']);
  const results = withoutSeconds((await runResultsFile(dir)).json.results);
  assert.equal(
    results.filter((r) => r.status === 'skipped'),
    [
      { id: 'model.b', kind: 'model', name: 'b', skipped_because: 'test.not_null__a__x', status: 'skipped' },
      { id: 'model.c', kind: 'model', name: 'c', skipped_because: 'model.b', status: 'skipped' },
    ],
  );
});

test('a failing warn test does not block what depends on it, and the run exits 0', async () => {
  const dir = await duckdbProject(files('warn'));
  const result = await runCli(dir, ['build', '--threads', '1']);
  assert.is(result.code, 0, result.stdout);
  assert.is(
    withoutTimes(result.stdout),
    [
      '[1/5] OK     model a (table, 2 rows, <t> s)',
      '[2/5] WARN   test  not_null__a__x (1 failing row, <t> s)',
      '         failing rows (models/a.yml:6), first 1:',
      '           {"x":null}',
      '[3/5] OK     model b (table, 2 rows, <t> s)',
      '[4/5] OK     model c (table, 2 rows, <t> s)',
      '[5/5] OK     model d (table, 1 row, <t> s)',
      '',
      'Done in <t> s: 4 built, 0 failed, 0 skipped, tests: 0 passed, 1 warned, 0 failed.',
      '',
    ].join('\n'),
  );
  assert.equal(await relations(dir), ['main.a BASE TABLE', 'main.b BASE TABLE', 'main.c BASE TABLE', 'main.d BASE TABLE']);
});

test('a failing model skips its readers in `pdb run`', async () => {
  const dir = await duckdbProject({ ...files('error'), 'models/a.sql': "{{ config(materialized='table') }}\nselect nope as x\n" });
  const result = await runCli(dir, ['run', '--threads', '1']);
  assert.is(result.code, 1);
  assert.equal(
    withoutSeconds((await runResultsFile(dir)).json.results).map((r) => `${String(r.id)} ${String(r.status)} ${String(r.skipped_because ?? '')}`),
    ['model.a error ', 'model.b skipped model.a', 'model.c skipped model.b', 'model.d success '],
  );
});

test.run();
