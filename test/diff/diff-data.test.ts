import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../support/temp-project.js';
import { edit, gitProject } from './git-repo.js';

/** A project whose metric models read a small table of events; `base` is where the base gets built. */
const FILES = {
  'project.yml': 'name: t\npackages: []\nmodels:\n  metrics:\n    +tags: [core]\n',
  'profiles.yml': 'target: dev\ntargets:\n  dev:\n    type: duckdb\n    path: target/t.duckdb\n    schema: main\n  base:\n    type: duckdb\n    path: base.duckdb\n    schema: main\n',
  'models/events.sql': [
    "{{ config(materialized='table') }}",
    'select * from (values',
    "  ('u1', date '2024-01-01', 'session', 10.0), ('u2', date '2024-01-01', 'session', 0.0), ('u3', date '2024-01-01', 'bot', 0.0),",
    "  ('u1', date '2024-01-02', 'session', 5.0), ('u2', date '2024-01-02', 'session', 0.0), ('u3', date '2024-01-02', 'session', 0.0), ('u4', date '2024-01-02', 'bot', 0.0),",
    "  ('u1', date '2024-01-03', 'session', 20.0), ('u2', date '2024-01-03', 'session', 0.0)",
    ') as t(user_id, event_date, event_name, amount)',
    '',
  ].join('\n'),
  'models/metrics/daily_active.sql': "select event_date, count(distinct user_id) as dau, sum(amount) as revenue\nfrom {{ ref('events') }}\ngroup by event_date\n",
  'models/metrics/new_users.sql': "select first_date as event_date, count(*) as new_users\nfrom (select user_id, min(event_date) as first_date from {{ ref('events') }} group by user_id)\ngroup by first_date\n",
  'models/metrics/metrics.yml': 'models:\n  - name: daily_active\n    columns:\n      - name: event_date\n        tests: [unique]\n  - name: new_users\n    columns:\n      - name: event_date\n        tests: [unique]\n',
};

/** The base built into base.duckdb; then daily_active leaves bots out and (within tolerance) rounds revenue up by 0.1 %. */
async function builtBothSides(): Promise<string> {
  const dir = await gitProject(FILES);
  const base = await runCli(dir, ['build', '--target', 'base']);
  assert.equal(base.code, 0, base.stderr + base.stdout);
  await edit(dir, 'models/metrics/daily_active.sql', "sum(amount) as revenue\nfrom {{ ref('events') }}\n", "sum(amount) * 1.001 as revenue\nfrom {{ ref('events') }}\nwhere event_name <> 'bot'\n");
  const head = await runCli(dir, ['build']);
  assert.equal(head.code, 0, head.stderr + head.stdout);
  return dir;
}

test('pdb diff --data: the metric values that changed beyond the tolerance, largest first, compared in the engine', async () => {
  const dir = await builtBothSides();
  const result = await runCli(dir, ['diff', '--base', 'main', '--data', '--base-target', 'base']);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 1);
  const out = result.stdout;
  assert.ok(out.includes('**1 model changed** (1 modified, 0 added, 0 removed), 2 metric values changed beyond 0.5%.\n'), out);
  assert.ok(out.includes('Every model has the same number of rows on both sides (3 models).\n'), out);
  assert.ok(
    out.includes(
      [
        '2 metric values changed by more than 0.5% (`daily_active` 2); the largest changes first:',
        '',
        '| Model | Key | Column | Base | Head | Change |',
        '|---|---|---|--:|--:|--:|',
        '| `daily_active` | event_date=2024-01-01 | `dau` | 3 | 2 | −33.33% |',
        '| `daily_active` | event_date=2024-01-02 | `dau` | 4 | 3 | −25.00% |',
        '',
      ].join('\n'),
    ),
    out,
  );
  assert.ok(out.includes("Columns are those of the built tables."), out);
});

test('pdb diff --data --tolerance: a smaller tolerance lists the small revenue changes after the large ones; --base-database names the file', async () => {
  const dir = await builtBothSides();
  const result = await runCli(dir, ['diff', '--base', 'main', '--data', '--base-database', 'base.duckdb', '--tolerance', '0.05%']);
  assert.equal(result.code, 1, result.stderr);
  const rows = result.stdout.split('\n').filter((line) => line.startsWith('| `daily_active` | event_date='));
  assert.equal(rows, [
    '| `daily_active` | event_date=2024-01-01 | `dau` | 3 | 2 | −33.33% |',
    '| `daily_active` | event_date=2024-01-02 | `dau` | 4 | 3 | −25.00% |',
    '| `daily_active` | event_date=2024-01-01 | `revenue` | 10 | 10.01 | +0.10% |',
    '| `daily_active` | event_date=2024-01-02 | `revenue` | 5 | 5.005 | +0.10% |',
    '| `daily_active` | event_date=2024-01-03 | `revenue` | 20 | 20.02 | +0.10% |',
  ]);
});

test('pdb diff --data: row counts and columns of the built tables; a removed row is an unbounded change listed first', async () => {
  const dir = await gitProject(FILES);
  assert.equal((await runCli(dir, ['build', '--target', 'base'])).code, 0);
  await edit(dir, 'models/metrics/new_users.sql', 'count(*) as new_users\n', 'count(*) as new_users, 1 as version\n');
  await edit(dir, 'models/metrics/new_users.sql', 'group by first_date\n', "group by first_date\nhaving first_date < date '2024-01-02'\n");
  assert.equal((await runCli(dir, ['build'])).code, 0);
  const result = await runCli(dir, ['diff', '--base', 'main', '--data', '--base-target', 'base']);
  assert.equal(result.code, 1, result.stderr);
  const out = result.stdout;
  assert.ok(out.includes('| `new_users` | modified (SQL, columns) | `version` |  |  |\n'), out);
  assert.ok(out.includes('| `new_users` | 2 | 1 | −1 |\n'), out);
  assert.ok(out.includes('| `new_users` | event_date=2024-01-02 | `new_users` | 1 |  | row removed |\n'), out);
});

test('pdb diff --data: both sides built from the same models, exit 0', async () => {
  const dir = await gitProject(FILES);
  assert.equal((await runCli(dir, ['build', '--target', 'base'])).code, 0);
  assert.equal((await runCli(dir, ['build'])).code, 0);
  const result = await runCli(dir, ['diff', '--base', 'main', '--data', '--base-target', 'base']);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0, result.stdout);
  assert.ok(result.stdout.includes('No change to models, tests, checks or data.\n'), result.stdout);
  assert.ok(result.stdout.includes('No metric value changed by more than 0.5%.\n'), result.stdout);
});

test('pdb diff --data: usage mistakes exit 2', async () => {
  const dir = await gitProject(FILES);
  const noBase = await runCli(dir, ['diff', '--base', 'main', '--data']);
  assert.equal(noBase.code, 2);
  assert.match(noBase.stderr, /--data: error E_USAGE: --data needs to know where the base is built/);
  const missing = await runCli(dir, ['diff', '--base', 'main', '--data', '--base-database', 'nowhere.duckdb']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /error E_DIFF_DATA: --data: the base's database .*nowhere\.duckdb does not exist\./);
  const tolerance = await runCli(dir, ['diff', '--base', 'main', '--data', '--base-target', 'base', '--tolerance', 'lots']);
  assert.equal(tolerance.code, 2);
  assert.match(tolerance.stderr, /--tolerance: error E_USAGE: --tolerance 'lots' is not a relative change\./);
  const without = await runCli(dir, ['diff', '--base', 'main', '--base-target', 'base']);
  assert.equal(without.code, 2);
  assert.match(without.stderr, /are options of --data/);
});

test.run();
