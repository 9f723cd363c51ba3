/**
 * A project's own plugin, written only against the public API (types from pdb/plugin's module):
 * a data-test kind, afterModel and afterRun hooks, config validated by the plugin's schema, and a
 * failing hook reported with the plugin's name while the build stays intact.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, queryDb, runResultsFile } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const PLUGIN = `
import type { PdbPlugin } from 'pdb/plugin';

interface Config { readonly minTotal: number; readonly failIn?: 'afterRun' }

const plugin: PdbPlugin<Config> = {
  name: 'house_checks',
  configSchema: {
    type: 'object',
    properties: { minTotal: { type: 'number' }, failIn: { enum: ['afterRun'] } },
    required: ['minTotal'],
    additionalProperties: false,
  },
  testKinds: {
    at_least: {
      sql: ({ relation, column, args, dialect }) => \`select * from \${relation} where \${dialect.quoteIdentifier(column!)} < \${Number(args['value'])}\`,
    },
  },
  async afterModel({ model, result, log }) {
    log(\`built \${model.name} (\${result.rows} rows)\`);
  },
  async afterRun({ query, config, writeArtifact, results }) {
    if (config.failIn === 'afterRun') throw new Error('the warehouse is on fire');
    const [row] = await query('select sum(n) as total from main.counts');
    await writeArtifact('summary', { total: Number(row?.['total']), steps: results.length });
    return Number(row?.['total']) < config.minTotal ? [{ severity: 'warn', message: \`total below \${config.minTotal}\` }] : [];
  },
};
export default plugin;
`;

const files = (config: string): Record<string, string> => ({
  'project.yml': `name: plugged\nplugins:\n  - path: plugins/house_checks.ts\n    config: ${config}\n`,
  'plugins/house_checks.ts': PLUGIN,
  'models/counts.sql': "{{ config(materialized='table') }}\nselect range as id, range * 2 as n from range(4)\n",
  'models/counts.yml': 'models:\n  - name: counts\n    columns:\n      - name: n\n        tests:\n          - at_least: { value: 2 }\n',
});

test('the plugin adds a test kind and its hooks run: logs, an artifact, and a warning finding', async () => {
  const dir = await duckdbProject(files('{ minTotal: 100 }'));
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 1, result.stdout + result.stderr); // at_least fails: n = 0 is below 2
  assert.match(result.stdout, '[house_checks] built counts (4 rows)');
  const { json } = await runResultsFile(dir);
  const byName = new Map(json.results.map((r) => [String(r['name']), r]));
  assert.equal([byName.get('at_least__counts__n')?.['status'], byName.get('at_least__counts__n')?.['failures']], ['fail', 1]);
  assert.is(byName.get('house_checks afterRun')?.['status'], 'warn');
  assert.equal(byName.get('house_checks afterRun')?.['findings'], [{ severity: 'warn', message: 'total below 100' }]);
  assert.equal(JSON.parse(await readFile(join(dir, 'target/house_checks/summary.json'), 'utf8')), { steps: 2, total: 12 });
});

test("a hook that throws is reported with the plugin's name and cause; the built tables stay", async () => {
  const dir = await duckdbProject(files("{ minTotal: 0, failIn: 'afterRun' }"));
  const built = await runCli(dir, ['run']);
  assert.is(built.code, 1);
  assert.match(built.stdout, "plugin 'house_checks' failed in afterRun: the warehouse is on fire");
  assert.equal(await queryDb(dir, 'select count(*) as n from main.counts'), [{ n: '4' }]);
});

test('hooks are steps of the run: counted from the first line, an afterModel of a failed model skipped, the afterRun still run', async () => {
  const dir = await duckdbProject({ ...files('{ minTotal: 0 }'), 'models/bad.sql': "{{ config(materialized='table') }}\nselect cast('x' as integer) as v\n" });
  const result = await runCli(dir, ['run', '--threads', '1']);
  assert.is(result.code, 1, result.stdout + result.stderr);
  const lines = result.stdout.split('\n').filter((l) => /^\[\d/.test(l));
  assert.equal(lines.map((l) => l.replace(/ \(.*/, '')), [
    '[1/5] ERROR  model bad',
    '[2/5] OK     model counts',
    '[3/5] SKIP   hook  house_checks afterModel bad',
    '[4/5] OK     hook  house_checks afterModel counts',
    '[5/5] OK     hook  house_checks afterRun',
  ]);
  assert.match(result.stdout, '[3/5] SKIP   hook  house_checks afterModel bad (because of bad)\n');
  const { json } = await runResultsFile(dir);
  assert.equal(json.results.map((r) => `${String(r['id'])} ${String(r['status'])}`), [
    'model.bad error',
    'model.counts success',
    'hook.house_checks.afterModel.bad skipped',
    'hook.house_checks.afterModel.counts success',
    'hook.house_checks.afterRun success',
  ]);
  // The afterRun is given the run's models' results, not the other hooks'.
  assert.equal(JSON.parse(await readFile(join(dir, 'target/house_checks/summary.json'), 'utf8')), { steps: 2, total: 12 });
});

test("a config that breaks the plugin's schema is an error at its line in project.yml (exit 2)", async () => {
  const dir = await duckdbProject(files('{ minTotl: 1 }'));
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 2);
  assert.match(result.stderr, "project.yml:3:5: error E_PLUGIN_CONFIG: plugin 'house_checks' config must have required property 'minTotal'.");
  assert.match(result.stderr, "project.yml:3:5: error E_PLUGIN_CONFIG: plugin 'house_checks' config must NOT have additional properties: 'minTotl'.");
});

test.run();
