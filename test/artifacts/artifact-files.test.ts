/**
 * target/run_results.json and target/manifest.json as a machine reads them: snake_case keys at
 * every level, numbers of failing rows as JSON numbers, a selected build that keeps what the
 * other models' compiles recorded, and sources as the engine reads them (rendered).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, runResultsFile } from '../support/duckdb-project.js';
import { copyRepoProject, runCli } from '../support/temp-project.js';

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * Every key of `value` that is not snake_case, as its path. The keys of `models` and `sources`
 * are names (a source's is `source.table`), not keys of the format: their values are walked.
 */
function keysNotSnakeCase(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysNotSnakeCase(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const named = path === '$.models' || path === '$.sources';
  return Object.entries(value).flatMap(([key, v]) => [...(named || SNAKE.test(key) ? [] : [`${path}.${key}`]), ...keysNotSnakeCase(v, `${path}.${key}`)]);
}

const readJson = async (dir: string, file: string): Promise<Record<string, any>> => JSON.parse(await readFile(join(dir, 'target', file), 'utf8')) as Record<string, any>;

test('every key of run_results.json and manifest.json, at every level, is snake_case (the repo project built on a tiny sample)', async () => {
  const dir = await copyRepoProject();
  assert.is((await runCli(dir, ['sample', '--users', '200', '--days', '5', '--out', 'data/tiny'])).code, 0);
  const result = await runCli(dir, ['build', '--threads', '1', '--vars', '{"events_path": "data/tiny/events_*.parquet"}']);
  assert.ok(result.code === 0 || result.code === 1, result.stdout + result.stderr);
  const runResults = await readJson(dir, 'run_results.json');
  const manifest = await readJson(dir, 'manifest.json');
  // The walk reaches nested objects: data-quality checks, plugin findings, columns of sources with their types.
  assert.ok(runResults['results'].some((r: Record<string, unknown>) => r['kind'] === 'hook'), 'a plugin hook ran');
  assert.ok(manifest['sources']['ga4.events']['columns'].length > 0, 'the source declares columns');
  assert.equal(keysNotSnakeCase(runResults), []);
  assert.equal(keysNotSnakeCase(manifest), []);
});

test('failing-row samples keep BIGINT, HUGEINT, UBIGINT and DECIMAL values as JSON numbers', async () => {
  const dir = await duckdbProject({
    'models/amounts.sql':
      "{{ config(materialized='table') }}\n" +
      "select 7::bigint as big, 9::hugeint as huge, 11::ubigint as unsigned, 12.50::decimal(18, 3) as price, 0.1::decimal(4, 1) as tenth, 'x' as label\n",
    'models/amounts.yml': 'models:\n  - name: amounts\n    tests:\n      - expression_is_true: { expression: "big < 0" }\n',
  });
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 1, result.stdout + result.stderr);
  const { json, text } = await runResultsFile(dir);
  const failing = json.results.find((r) => r['kind'] === 'test');
  assert.equal(failing?.['sample'], [{ big: 7, huge: 9, unsigned: 11, price: 12.5, tenth: 0.1, label: 'x' }]);
  assert.match(text, '"big": 7,');
  assert.match(text, '"price": 12.5,');
});

test('a value too large for a JSON number stays exact, as a string', async () => {
  const dir = await duckdbProject({
    'models/large.sql': "{{ config(materialized='table') }}\nselect 123456789012345678901234::hugeint as huge\n",
    'models/large.yml': 'models:\n  - name: large\n    tests:\n      - expression_is_true: { expression: "huge < 0" }\n',
  });
  assert.is((await runCli(dir, ['build'])).code, 1);
  const failing = (await runResultsFile(dir)).json.results.find((r) => r['kind'] === 'test');
  assert.equal(failing?.['sample'], [{ huge: '123456789012345678901234' }]);
});

const THREE = {
  'models/sources.yml': "sources:\n  - name: raw\n    tables:\n      - name: events\n        duckdb: { path: \"{{ var('events_file', 'data/events.csv') }}\" }\n",
  'data/events.csv': 'id\n1\n2\n',
  'data/other.csv': 'id\n3\n',
  'models/base.sql': "{{ config(materialized='table') }}\nselect id from {{ source('raw', 'events') }}\n",
  'models/doubled.sql': "{{ config(materialized='table') }}\nselect id * 2 as id from {{ ref('base') }}\n",
  'models/tripled.sql': "{{ config(materialized='table') }}\nselect id * 3 as id from {{ ref('base') }}\n",
};

test('pdb build --select one model keeps the compiled checksums and paths the other models had in manifest.json', async () => {
  const dir = await duckdbProject(THREE);
  assert.is((await runCli(dir, ['build'])).code, 0);
  const full = await readJson(dir, 'manifest.json');
  for (const name of ['base', 'doubled', 'tripled']) assert.type(full['models'][name]['checksums']['compiled_sql'], 'string', name);
  const result = await runCli(dir, ['build', '--select', 'doubled']);
  assert.is(result.code, 0, result.stdout + result.stderr);
  const partial = await readJson(dir, 'manifest.json');
  assert.equal(partial['models'], full['models']);
  assert.is.not(partial['metadata']['invocation_id'], full['metadata']['invocation_id']);
});

test('manifest.json stores a source location as rendered for the run (a --vars value), not its template', async () => {
  const dir = await duckdbProject(THREE);
  assert.is((await runCli(dir, ['build', '--vars', '{"events_file": "data/other.csv"}'])).code, 0);
  const manifest = await readJson(dir, 'manifest.json');
  assert.equal(manifest['sources']['raw.events']['duckdb'], { path: 'data/other.csv' });
  assert.not.match(JSON.stringify(manifest), '{{');
});

test.run();
