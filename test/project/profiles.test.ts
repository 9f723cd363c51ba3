import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/project/load-project.js';
import { BASE_FILES, loadErrors, loadFailure, tempProject } from './temp-project.js';

const PROFILES = [
  'target: dev',
  'targets:',
  '  dev: { type: duckdb, path: local.duckdb }',
  '  staging: { type: duckdb, path: staging.duckdb }',
  '  bq:',
  '    type: bigquery',
  "    project: \"{{ env_var('GCP_PROJECT') }}\"",
  '    dataset: analytics',
  '',
].join('\n');

test('without profiles.yml the built-in DuckDB target is used', async () => {
  const dir = await tempProject(BASE_FILES);
  const project = await loadProject({ dir, env: {} });
  assert.equal(project.target, { type: 'duckdb', name: 'dev', path: 'target/pdb.duckdb', schema: 'main' });
});

test('an unknown --target lists the defined targets, with did-you-mean', async () => {
  const errors = await loadFailure({ ...BASE_FILES, 'profiles.yml': PROFILES }, { target: 'stagng' });
  assert.is(errors[0]?.location, undefined);
  assert.equal(await loadErrors({ ...BASE_FILES, 'profiles.yml': PROFILES }, { target: 'stagng' }), [
    "error E_TARGET_UNKNOWN: Target 'stagng' (from --target) is not defined: profiles.yml defines 'dev', 'staging', 'bq'. Did you mean 'staging'?\n" +
      "  hint: Choose one of the defined targets, or add 'stagng' under 'targets:' in profiles.yml.",
  ]);
});

test("an unknown 'target:' in profiles.yml is located there", async () => {
  const text = PROFILES.replace('target: dev', 'target: prod');
  assert.equal(await loadErrors({ ...BASE_FILES, 'profiles.yml': text }), [
    "profiles.yml:1:9: error E_TARGET_UNKNOWN: Target 'prod' (from 'target' in profiles.yml) is not defined: profiles.yml defines 'dev', 'staging', 'bq'.\n" +
      "  hint: Choose one of the defined targets, or add 'prod' under 'targets:' in profiles.yml.",
  ]);
});

test("project.yml 'profile-target' without profiles.yml must be 'dev'", async () => {
  assert.equal(await loadErrors({ ...BASE_FILES, 'project.yml': 'name: demo\nprofile-target: prod\n' }), [
    "project.yml:2:17: error E_TARGET_UNKNOWN: Target 'prod' (from 'profile-target' in project.yml) is not defined: there is no profiles.yml, so the only target is the built-in 'dev'.\n" +
      "  hint: Create profiles.yml with a target 'prod', or choose 'dev'.",
  ]);
});

test("'profile-target' picks the target when profiles.yml names none", async () => {
  const dir = await tempProject({
    ...BASE_FILES,
    'project.yml': 'name: demo\nprofile-target: staging\n',
    'profiles.yml': PROFILES.replace('target: dev\n', ''),
  });
  const project = await loadProject({ dir, env: {} });
  assert.equal(project.target, { type: 'duckdb', name: 'staging', path: 'staging.duckdb', schema: 'main' });
});

test('several targets and none chosen is an error', async () => {
  assert.equal(await loadErrors({ ...BASE_FILES, 'profiles.yml': PROFILES.replace('target: dev\n', '') }), [
    'profiles.yml:1:1: error E_TARGET_NONE: No target is selected and profiles.yml defines several: dev, staging, bq.\n' +
      "  hint: Add 'target: <name>' to profiles.yml, or pass --target.",
  ]);
});

test('a missing env var without default is an error at its value, only in the selected target', async () => {
  // Not selected: the unset GCP_PROJECT does not matter.
  const dir = await tempProject({ ...BASE_FILES, 'profiles.yml': PROFILES });
  assert.is((await loadProject({ dir, env: {} })).target.name, 'dev');

  const errors = await loadFailure({ ...BASE_FILES, 'profiles.yml': PROFILES }, { target: 'bq' });
  assert.equal(errors[0]?.location, { file: 'profiles.yml', line: 7, column: 14 });
  assert.equal(await loadErrors({ ...BASE_FILES, 'profiles.yml': PROFILES }, { target: 'bq' }), [
    "profiles.yml:7:14: error E_ENV_VAR_MISSING: Environment variable 'GCP_PROJECT' is not set and env_var() gives no default.\n" +
      "  hint: Set GCP_PROJECT in the environment, or give a default: {{ env_var('GCP_PROJECT', 'default') }}.",
  ]);
});

test('any other template in profiles.yml is an error', async () => {
  const text = "targets:\n  dev:\n    type: duckdb\n    schema: \"{{ envvar('X') }}\"\n";
  assert.equal(await loadErrors({ ...BASE_FILES, 'profiles.yml': text }), [
    "profiles.yml:4:13: error E_ENV_VAR_SYNTAX: Cannot read '{{ envvar('X') }}': profiles.yml only understands {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }}.\n" +
      "  hint: Write {{ env_var('NAME') }} or {{ env_var('NAME', 'default') }}, with the name in quotes.",
  ]);
});

test('target keys are checked per engine type', async () => {
  const text = [
    'target: dev',
    'targets:',
    '  dev: {type: duckdb, threads: 0, memory_limit: lots, schma: x}',
    '  bq: {type: bigquery, project: p, keyfil: k}',
    '  pg: {type: postgres}',
    '',
  ].join('\n');
  assert.equal(await loadErrors({ ...BASE_FILES, 'profiles.yml': text }), [
    "profiles.yml:3:32: error E_INVALID_VALUE: Invalid value 0 for 'targets.dev.threads': expected a number >= 1.\n  hint: Change the value to a number >= 1.",
    "profiles.yml:3:49: error E_INVALID_VALUE: Invalid value 'lots' for 'targets.dev.memory_limit': expected a size such as 4GB or 512MB.\n" +
      '  hint: Write a number followed by a unit: B, KB, MB, GB or TB.',
    "profiles.yml:3:55: error E_UNKNOWN_KEY: Unknown key 'schma' in 'targets.dev'. Did you mean 'schema'?\n  hint: Allowed here: type, path, schema, threads, memory_limit.",
    "profiles.yml:4:3: error E_MISSING_KEY: Missing required key 'dataset' in 'targets.bq'.\n  hint: Add 'dataset:' here.",
    "profiles.yml:4:36: error E_UNKNOWN_KEY: Unknown key 'keyfil' in 'targets.bq'. Did you mean 'keyfile'?\n" +
      '  hint: Allowed here: type, project, dataset, location, keyfile, maximum_bytes_billed, max_build_bytes.',
    "profiles.yml:5:14: error E_INVALID_VALUE: Invalid value 'postgres' for 'targets.pg.type': expected one of 'duckdb', 'bigquery'.\n  hint: Use one of: duckdb, bigquery.",
  ]);
});

test('profilesDir: profiles.yml is read from there', async () => {
  const profilesDir = await tempProject({ 'profiles.yml': 'targets:\n  ci: { type: duckdb, path: ":memory:", schema: ci }\n' });
  // A profiles.yml in the project itself is then ignored.
  const dir = await tempProject({ ...BASE_FILES, 'profiles.yml': 'targets:\n  local: { type: duckdb }\n' });
  const project = await loadProject({ dir, profilesDir, env: {} });
  assert.equal(project.target, { type: 'duckdb', name: 'ci', path: ':memory:', schema: 'ci' });
});

test.run();
