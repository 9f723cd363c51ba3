import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempProject } from '../support/temp-project.js';
import { changeProject, edit, git, gitProject } from './git-repo.js';

test('pdb diff --base: nothing changed, exit 0 and a one-line summary', async () => {
  const dir = await gitProject();
  const result = await runCli(dir, ['diff', '--base', 'main']);
  assert.equal(result, { code: 0, stdout: '<!-- pdb diff -->\n## pdb diff: `main` → `working tree`\n\nNo change to models, tests, checks or data.\n\n', stderr: '' });
});

test('pdb diff --base: changed, added and removed models with their SQL diff, columns, downstream models and tests; exit 1', async () => {
  const dir = await gitProject();
  await changeProject(dir);
  const result = await runCli(dir, ['diff', '--base', 'main']);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 1);
  const out = result.stdout;
  assert.ok(out.includes('**4 models changed** (2 modified, 1 added, 1 removed), 1 downstream model affected, 1 test changed.\n'), out);
  assert.ok(
    out.includes(
      [
        '| Model | Change | Columns added | Columns removed | Downstream |',
        '|---|---|---|---|---|',
        '| `daily_users` | modified (SQL, columns) | `weekday` |  |  |',
        '| `stg_events` | modified (SQL) |  |  | `active_events` |',
        '| `users_by_country` | removed |  |  |  |',
        '| `weekly_users` | added |  |  |  |',
        '',
      ].join('\n'),
    ),
    out,
  );
  assert.ok(out.includes('Downstream models affected (unchanged themselves, but they read a changed model): `active_events`.\n'), out);
  assert.ok(out.includes('| `accepted_range__daily_users__active_users` | `daily_users` | modified |\n'), out);
  // The compiled SQL diff of stg_events, exactly, collapsed.
  assert.ok(
    out.includes(
      [
        '<details><summary><code>stg_events</code> modified (models/staging/stg_events.sql): +2 −1</summary>',
        '',
        '```diff',
        '--- a/models/staging/stg_events.sql',
        '+++ b/models/staging/stg_events.sql',
        '@@ -2,6 +2,7 @@',
        '   uid as user_id,',
        '   (make_timestamp((ts_ms) * 1000)) as event_time,',
        '   name as event_name,',
        '-  geo.country as country',
        "+  geo.country as country,",
        "+  'web' as platform",
        " from read_parquet('data/events.parquet')",
        " where (make_timestamp((ts_ms) * 1000)) >= '2024-01-01'",
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    ),
    out,
  );
  assert.ok(out.includes("--- /dev/null\n+++ b/models/metrics/weekly_users.sql\n@@ -0,0 +1,3 @@\n+select date_trunc('week', event_date) as week, max(active_users) as peak_users\n"), out);
  assert.ok(out.includes('--- a/models/metrics/users_by_country.sql\n+++ /dev/null\n@@ -1,8 +0,0 @@\n'), out);
});

test('pdb diff --base: the working tree and the index are left as they were, and no worktree is added', async () => {
  const dir = await gitProject();
  await changeProject(dir);
  git(dir, ['add', 'models/metrics/weekly_users.sql']);
  const before = { status: git(dir, ['status', '--porcelain']), worktrees: git(dir, ['worktree', 'list', '--porcelain']), stash: git(dir, ['stash', 'list']) };
  assert.equal((await runCli(dir, ['diff', '--base', 'main'])).code, 1);
  assert.equal({ status: git(dir, ['status', '--porcelain']), worktrees: git(dir, ['worktree', 'list', '--porcelain']), stash: git(dir, ['stash', 'list']) }, before);
});

test('pdb diff: deterministic (two runs byte-identical), --out writes the same markdown', async () => {
  const dir = await gitProject();
  await changeProject(dir);
  const first = await runCli(dir, ['diff', '--base', 'main', '--out', 'review.md']);
  const second = await runCli(dir, ['diff', '--base', 'main']);
  assert.equal(first.code, 1);
  assert.equal(second.stdout, first.stdout);
  assert.equal(await readFile(join(dir, 'review.md'), 'utf8'), first.stdout);
});

test('pdb diff --base: a test whose severity changed, and a changed data-quality threshold', async () => {
  const dir = await gitProject();
  await edit(dir, 'models/metrics/daily_users.yml', 'tests: [not_null, unique]', 'tests: [not_null, { unique: { severity: warn } }]');
  await edit(dir, 'project.yml', 'packages: []\n', 'packages: []\ndata-quality:\n  duplicate_events: { warn_above: 0.01 }\n');
  const result = await runCli(dir, ['diff', '--base', 'main']);
  assert.equal(result.code, 1, result.stderr);
  assert.ok(result.stdout.includes('No change') === false);
  assert.ok(result.stdout.includes('1 test changed, 1 data-quality check changed.\n'), result.stdout);
  assert.ok(result.stdout.includes('| `unique__daily_users__event_date` | `daily_users` | modified |\n'), result.stdout);
  assert.ok(result.stdout.includes('| `duplicate_events` | `{"fail_above":null,"warn_above":0.005}` | `{"fail_above":null,"warn_above":0.01}` |\n'), result.stdout);
});

test('pdb diff: usage and project mistakes exit 2 with a located message and no stack', async () => {
  const dir = await gitProject();
  const noBase = await runCli(dir, ['diff']);
  assert.equal(noBase.code, 2);
  assert.match(noBase.stderr, /--base: error E_USAGE: pdb diff needs a base: --base <git ref> or --state <dir>\./);
  const unknown = await runCli(dir, ['diff', '--base', 'no-such-branch']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--base: error E_DIFF_BASE: --base: 'no-such-branch' names no commit in this repository\./);
  assert.match(unknown.stderr, /hint: .*git fetch origin main/);
  const notRepo = await tempProject({ 'project.yml': 'name: t\n' });
  const outside = await runCli(notRepo, ['diff', '--base', 'main']);
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /error E_DIFF_BASE: --base: the project is not in a git repository/);
  for (const r of [noBase, unknown, outside]) {
    assert.equal(r.stdout, '');
    assert.not.match(r.stderr, /^\s{4}at /m);
  }
});

test('pdb diff --base: a base that does not compile is reported as the base\'s, exit 2', async () => {
  const dir = await gitProject();
  await edit(dir, 'models/metrics/daily_users.sql', "ref('active_events')", "ref('active_event')");
  git(dir, ['commit', '-q', '-am', 'broken']);
  git(dir, ['tag', 'broken']);
  git(dir, ['checkout', '-q', 'HEAD~1']);
  const result = await runCli(dir, ['diff', '--base', 'broken']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^broken:models\/metrics\/daily_users\.sql:\d+:\d+: error E_REF_UNKNOWN: in the base \(broken\): ref\('active_event'\) names no model/m);
});

test('pdb diff --base: a project that did not exist at the base ref has every model added', async () => {
  const dir = await gitProject({ 'README.md': 'empty\n' });
  const files = await (await import('../support/temp-project.js')).fixtureFiles('test/fixtures/compile/small');
  await (await import('../support/temp-project.js')).writeFiles(join(dir, 'proj'), files);
  const result = await runCli(dir, ['diff', '--base', 'main', '--project-dir', 'proj']);
  assert.equal(result.code, 1, result.stderr);
  assert.ok(result.stdout.includes('**4 models changed** (0 modified, 4 added, 0 removed)'), result.stdout);
});

test('pdb diff --base: a changed config is shown as a diff of the model\'s config', async () => {
  const dir = await gitProject();
  await edit(dir, 'models/metrics/daily_users.yml', 'config: { tags: [users] }', "config: { tags: [users], materialized: view }");
  const result = await runCli(dir, ['diff', '--base', 'main']);
  assert.equal(result.code, 1, result.stderr);
  assert.ok(result.stdout.includes('| `daily_users` | modified (config) |  |  |  |\n'), result.stdout);
  assert.ok(result.stdout.includes('<details><summary><code>daily_users</code> config: +1 −1</summary>\n'), result.stdout);
  assert.ok(result.stdout.includes('-  "materialized": "table",\n+  "materialized": "view",\n'), result.stdout);
});

test('pdb diff --base: the base is compiled with the working tree\'s profiles.yml, which is often not committed', async () => {
  const dir = await gitProject();
  git(dir, ['rm', '-q', '--cached', 'profiles.yml']);
  git(dir, ['commit', '-q', '-m', 'profiles.yml is local']);
  const result = await runCli(dir, ['diff', '--base', 'HEAD']);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0, result.stdout);
});

test.run();
