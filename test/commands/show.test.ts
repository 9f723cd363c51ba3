import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, relations } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const FILES = {
  'models/numbers.sql': "{{ config(materialized='table') }}\nselect range as n, 'row ' || range as label from range(10) order by n\n",
  'models/evens.sql': "{{ config(materialized='ephemeral') }}\nselect n from {{ ref('numbers') }} where n % 2 = 0\n",
  'models/halves.sql': "{{ config(materialized='table') }}\nselect n, n / 2 as half from {{ ref('evens') }} order by n\n",
};

const NUMBERS_TABLE = [
  '┌───┬───────┐',
  '│ n │ label │',
  '├───┼───────┤',
  '│ 0 │ row 0 │',
  '├───┼───────┤',
  '│ 1 │ row 1 │',
  '├───┼───────┤',
  '│ 2 │ row 2 │',
  '└───┴───────┘',
  '3 rows of numbers.',
  '',
].join('\n');

test('pdb show MODEL --limit 3 prints the column names and three rows of the built table', async () => {
  const dir = await duckdbProject(FILES);
  assert.is((await runCli(dir, ['run', '--select', 'numbers'])).code, 0);
  const result = await runCli(dir, ['show', 'numbers', '--limit', '3']);
  assert.equal(result, { code: 0, stdout: NUMBERS_TABLE, stderr: '' });
});

test('for a model not built yet, pdb show runs its compiled query and creates nothing', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['show', 'numbers', '-n', '3']);
  assert.equal(result, { code: 0, stdout: NUMBERS_TABLE, stderr: '' });
  assert.equal(await relations(dir), []);
});

test('an ephemeral model is shown through its compiled query', async () => {
  const dir = await duckdbProject(FILES);
  assert.is((await runCli(dir, ['run', '--select', 'numbers'])).code, 0);
  const result = await runCli(dir, ['show', 'evens', '--limit', '2']);
  assert.equal(result, { code: 0, stdout: ['┌───┐', '│ n │', '├───┤', '│ 0 │', '├───┤', '│ 2 │', '└───┘', '2 rows of evens.', ''].join('\n'), stderr: '' });
});

test('an unknown model exits 2 with did-you-mean', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['show', 'numbrs']);
  assert.equal(result, {
    code: 2,
    stdout: '',
    stderr: "--model: error E_MODEL_UNKNOWN: there is no model 'numbrs'. Did you mean 'numbers'?\n  hint: Run `pdb ls` to see the models.\n1 error.\n",
  });
});

test('a model whose upstream is not built exits 2 and says what to build', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['show', 'halves']);
  assert.is(result.code, 2);
  assert.is(result.stdout, '');
  assert.match(result.stderr, /^models\/halves\.sql: error E_QUERY: halves: Catalog Error: Table with name numbers does not exist!/);
  assert.match(result.stderr, '  hint: Build it and what it reads first: pdb build --select +halves\n1 error.\n');
});

test.run();
