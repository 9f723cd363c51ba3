import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempProject } from '../support/temp-project.js';
import { changeProject, gitProject } from './git-repo.js';

/** The project compiled, its target/ copied aside as a previous build's artifacts, then changed. */
async function withState(): Promise<{ dir: string; state: string }> {
  const dir = await gitProject();
  assert.equal((await runCli(dir, ['compile'])).code, 0);
  const state = join(await tempProject({}), 'prod-target');
  await cp(join(dir, 'target'), state, { recursive: true });
  await changeProject(dir);
  return { dir, state };
}

test('pdb diff --state: the models changed since a previous build\'s artifacts, with the SQL diff from its compiled files', async () => {
  const { dir, state } = await withState();
  const result = await runCli(dir, ['diff', '--state', state]);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 1);
  const out = result.stdout;
  assert.ok(out.includes(`## pdb diff: \`${state}\` → \`working tree\`\n`), out);
  assert.ok(out.includes('**4 models changed** (2 modified, 1 added, 1 removed), 1 downstream model affected, 1 test changed.\n'), out);
  assert.ok(out.includes('| `daily_users` | modified (SQL, columns) | `weekday` |  |  |\n'), out);
  assert.ok(out.includes('| `accepted_range__daily_users__active_users` | `daily_users` | modified |\n'), out);
  assert.ok(out.includes("-  geo.country as country\n+  geo.country as country,\n+  'web' as platform\n"), out);
  // What a manifest cannot tell is said, not silently skipped.
  assert.ok(out.includes(`- Singular tests are not compared: ${state} is a manifest, which does not list them.\n`), out);
  assert.ok(out.includes(`- Data-quality thresholds are not compared: ${state} does not record them.\n`), out);
});

test('pdb diff --state: unchanged since the artifacts, exit 0; a compiled file missing from them is said', async () => {
  const dir = await gitProject();
  assert.equal((await runCli(dir, ['compile'])).code, 0);
  const state = join(await tempProject({}), 'prod-target');
  await cp(join(dir, 'target'), state, { recursive: true });
  const same = await runCli(dir, ['diff', '--state', state]);
  assert.equal(same.code, 0, same.stdout + same.stderr);
  assert.ok(same.stdout.includes('No change to models, tests, checks or data.\n'), same.stdout);

  await rm(join(state, 'compiled/dev/models/staging/stg_events.sql'));
  await changeProject(dir);
  const result = await runCli(dir, ['diff', '--state', state]);
  assert.equal(result.code, 1);
  assert.ok(result.stdout.includes("- `stg_events`: the base's compiled SQL is not in its artifacts folder, only its checksum.\n"), result.stdout);
});

test('pdb diff --state: a folder with no manifest exits 2 and says what to point at', async () => {
  const dir = await gitProject();
  const empty = await tempProject({});
  const result = await runCli(dir, ['diff', '--state', empty]);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /--state: error E_STATE_DIR: --state: there is no .*\/manifest\.json\.\n  hint: Point --state at the target\/ folder of an earlier compile or build/);
  const both = await runCli(dir, ['diff', '--state', empty, '--base', 'main']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--base and --state cannot be used together/);
});

test.run();
