/** Mistakes in the qa plugin's config and in its tests' arguments, reported where they are written. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { projectWithDefects } from '../data-quality/source-with-defects.js';
import { repoRoot, runCli, writeFiles } from '../support/temp-project.js';

test('a bad benchmarks path in the plugin config is an error at the plugin line of project.yml (exit 2)', async () => {
  // The project's own declaration of qa replaces the core package's.
  const dir = await projectWithDefects({ 'project.yml': 'name: t\nmapping: mapping.yml\nplugins:\n  - name: qa\n    config: { benchmarks: benchmarks.txt, benchmark: x }\n' });
  const result = await runCli(dir, ['test']);
  assert.equal(result, { code: 2, stdout: '', stderr: [
    "project.yml:4:5: error E_PLUGIN_CONFIG: plugin 'qa' config must NOT have additional properties: 'benchmark'.",
    '  4 |   - name: qa',
    '    |     ^',
    "  hint: See the plugin's configSchema for its options.",
    'project.yml:4:5: error E_PLUGIN_CONFIG: plugin \'qa\' config.benchmarks must match pattern "\\.ya?ml$".',
    '  4 |   - name: qa',
    '    |     ^',
    "  hint: See the plugin's configSchema for its options.",
    '2 errors.',
    '',
  ].join('\n') });
});

test("an unknown benchmark is an error at the test's line in the model YAML (exit 2)", async () => {
  // The project documents the core retention models itself: its YAML replaces the package's.
  const dir = await projectWithDefects();
  const path = 'models/retention.yml';
  const text = await readFile(join(repoRoot(), 'core/models/metrics/retention/retention.yml'), 'utf8');
  await writeFiles(dir, { [path]: text.replace('benchmark: d7_retention', 'benchmark: d2_retention') });
  const result = await runCli(dir, ['test']);
  assert.equal(result, { code: 2, stdout: '', stderr: [
    "models/retention.yml:28:13: error E_TEST_ARGS: test 'within_benchmark' (plugin 'qa'): names no benchmark 'd2_retention'; the benchmarks file has: d1_retention, d7_retention, d14_retention, d28_retention, d30_retention, payer_conversion, iap_share_of_game_revenue.",
    '  28 |           - within_benchmark: { benchmark: d2_retention, filter: "day_n = 7", weight: cohort_users, severity: warn }',
    '     |             ^',
    '  hint: See the README section on data tests.',
    '1 error.',
    '',
  ].join('\n') });
});

test('a cross-check against a model that does not exist is an error at its line (exit 2)', async () => {
  const dir = await projectWithDefects();
  const path = 'models/users.yml';
  const text = await readFile(join(repoRoot(), 'core/models/metrics/users/users.yml'), 'utf8');
  await writeFiles(dir, { [path]: text.replace('{ model: date_wise_new_logins_by_channel }', '{ model: date_wise_new_logins_by_chanel }') });
  const result = await runCli(dir, ['test']);
  assert.equal(result, { code: 2, stdout: '', stderr: [
    "models/users.yml:25:13: error E_TEST_ARGS: test 'sums_match' (plugin 'qa'): refers to 'date_wise_new_logins_by_chanel', which is not a model.",
    '  25 |           - sums_match:',
    '     |             ^',
    '  hint: See the README section on data tests.',
    '1 error.',
    '',
  ].join('\n') });
});

test.run();
