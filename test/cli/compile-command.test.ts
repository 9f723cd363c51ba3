import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFiles, readTree, runCli, tempProject, withoutTiming, writeFiles, type ProjectFiles } from '../support/temp-project.js';

const SMALL = 'test/fixtures/compile/small';

/** No line of a Node stack trace ("    at fn (file:line:col)"). */
const assertNoStack = (stderr: string): void => {
  assert.not.match(stderr, /^\s{4}at /m);
  assert.not.match(stderr, /internal error/);
};

test('pdb compile: exit 0, one summary line, the files written', async () => {
  const dir = await tempProject(await fixtureFiles(SMALL));
  const result = await runCli(dir, ['compile']);
  assert.equal({ ...result, stdout: withoutTiming(result.stdout) }, {
    code: 0,
    stdout: 'Compiled 4 models for target dev (duckdb) in <t> s: target/compiled/dev/\n',
    stderr: '',
  });
  assert.match(result.stdout, /^Compiled 4 models for target dev \(duckdb\) in \d+\.\d\d s: target\/compiled\/dev\/\n$/);
  assert.equal(Object.keys(await readTree(dir, 'target/compiled/dev')).length, 4);
});

test('pdb compile --target bq --select: the summary names the target and counts the selection', async () => {
  const dir = await tempProject(await fixtureFiles(SMALL));
  const result = await runCli(dir, ['compile', '--target', 'bq', '--select', 'stg_events', '--no-validate']);
  assert.equal(withoutTiming(result.stdout), 'Compiled 1 model for target bq (bigquery) in <t> s: target/compiled/bq/\n');
  assert.equal(result.code, 0);
});

test('pdb compile from another directory with --project-dir', async () => {
  const parent = await tempProject({});
  const files = await fixtureFiles(SMALL);
  await writeFiles(parent, Object.fromEntries(Object.entries(files).map(([path, text]) => [`proj/${path}`, text])));
  const result = await runCli(parent, ['compile', '--project-dir', 'proj']);
  assert.equal(result.code, 0);
  assert.equal(Object.keys(await readTree(parent, 'proj/target/compiled/dev')).length, 4);
});

const BROKEN: ProjectFiles = {
  'project.yml': 'name: broken\n',
  'models/users.sql': 'select 1 as id\n',
  'models/a.sql': "select *\nfrom {{ ref('usrs') }}\n",
  'models/b.sql': "select\n  '{{ var('start') }}' as s\n",
  'models/c.sql': "select 1 as x\n{{ config(materialized='tabel') }}\n",
};

test('pdb compile: exit 2, every error printed together with its code frame and hint, no stack trace', async () => {
  const dir = await tempProject(BROKEN);
  const result = await runCli(dir, ['compile']);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assertNoStack(result.stderr);
  assert.equal(
    result.stderr,
    [
      "models/a.sql:2:9: error E_REF_UNKNOWN: ref('usrs') names no model. Did you mean 'users'?",
      "  2 | from {{ ref('usrs') }}",
      '    |         ^',
      '  hint: A model is named by its file name without .sql, in any folder under the model paths.',
      "models/b.sql:2:7: error E_VAR_UNDEFINED: var('start') is not defined.",
      "  2 |   '{{ var('start') }}' as s",
      '    |       ^',
      `  hint: Define it under vars: in project.yml, pass --vars '{"start": ...}', or give a default: var('start', 'default').`,
      'models/c.sql:2: error E_CONFIG: config(materialized="tabel") is not a materialization. Did you mean \'table\'?',
      "  2 | {{ config(materialized='tabel') }}",
      '  hint: Use one of table, view, ephemeral, incremental.',
      '3 errors.',
      '',
    ].join('\n'),
  );
  assert.equal(await readTree(dir, 'target/compiled'), {});
});

test('pdb compile: the mapping field error as the user reads it', async () => {
  const dir = await tempProject({
    'project.yml': 'name: m\nmapping: mapping.yml\npackages: []\n',
    'mapping.yml': 'source: app.events\ntimezone: UTC\ncolumns:\n  user_id: uid\n  event_time: ts\n  event_name: name\n',
    'models/sources.yml': 'sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { table: raw.events }\n',
    'models/revenue.sql': "{{ config(materialized='table') }}\nselect\n  sum({{ mapping.revenue }}) as revenue\nfrom {{ source('app', 'events') }}\n",
  });
  const result = await runCli(dir, ['compile']);
  assert.equal(result.code, 2);
  assertNoStack(result.stderr);
  assert.equal(
    result.stderr,
    [
      "models/revenue.sql:3:10: error E_MAPPING_FIELD: the model uses mapping field 'revenue', which the mapping in mapping.yml does not define.",
      '  3 |   sum({{ mapping.revenue }}) as revenue',
      '    |          ^',
      "  hint: Map it under columns: in mapping.yml (a column name or SQL expression), or add 'revenue' to the model's `requires` config so the model is disabled when the data lacks it.",
      '1 error.',
      '',
    ].join('\n'),
  );
});

test('pdb compile: a cycle is exit 2 and names the files', async () => {
  const dir = await tempProject({
    'project.yml': 'name: cyc\n',
    'models/staging/a.sql': "select * from {{ ref('c') }}\n",
    'models/b.sql': "select * from {{ ref('a') }}\n",
    'models/c.sql': "-- c reads b\nselect * from {{ ref('b') }}\n",
  });
  const result = await runCli(dir, ['compile']);
  assert.equal(result.code, 2);
  assertNoStack(result.stderr);
  assert.equal(
    result.stderr,
    [
      'models/staging/a.sql:1: error E_CYCLE: models/staging/a.sql -> models/c.sql -> models/b.sql -> models/staging/a.sql form a cycle: a refs c, c refs b, b refs a.',
      "  1 | select * from {{ ref('c') }}",
      '  hint: remove one of these ref() calls, or move the shared logic into a new upstream model.',
      '1 error.',
      '',
    ].join('\n'),
  );
});

test('pdb compile: a model that refs itself is a cycle at its ref', async () => {
  const dir = await tempProject({ 'project.yml': 'name: cyc\n', 'models/a.sql': "select 1 as x\nunion all\nselect x from {{ ref('a') }}\n" });
  const result = await runCli(dir, ['compile']);
  assert.equal(result.code, 2);
  assert.equal(
    result.stderr,
    [
      "models/a.sql:3: error E_CYCLE: models/a.sql refs itself: ref('a') in model a forms a cycle.",
      "  3 | select x from {{ ref('a') }}",
      "  hint: remove ref('a') from models/a.sql: a model cannot read its own output.",
      '1 error.',
      '',
    ].join('\n'),
  );
});

test('pdb compile outside a project: exit 2 with a hint', async () => {
  const dir = await tempProject({ 'readme.txt': 'not a project\n' });
  const result = await runCli(dir, ['compile']);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.ok(result.stderr.startsWith(`error E_PROJECT_MISSING: No project.yml in ${dir}.\n  hint: `), result.stderr);
  assert.ok(result.stderr.endsWith('\n1 error.\n'), result.stderr);
  assertNoStack(result.stderr);
});

test.run();
