/** A command that would do nothing the user asked for says so and exits 2: no models, or a selection that matches none. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject, runCli, tempProject, writeFiles } from '../support/temp-project.js';

for (const command of ['build', 'compile', 'ls']) {
  test(`pdb ${command} in a project with no models and no mapping: exit 2, and how to get models`, async () => {
    const dir = await tempProject({ 'project.yml': 'name: empty\n' });
    assert.equal(await runCli(dir, [command]), {
      code: 2,
      stdout: '',
      stderr: [
        'project.yml: error E_NO_MODELS: the project has no models: there is nothing to build.',
        '  hint: Add a mapping (mapping: mapping.yml in project.yml) to get the core metrics: `pdb init --source <your events file>` writes one; or add .sql files under models/.',
        '1 error.',
        '',
      ].join('\n'),
    });
  });
}

test('packages: [] with a mapping and no models of its own: exit 2, naming the switch', async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, { 'project.yml': 'name: bare\nmapping: mapping.yml\npackages: []\n' });
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 2);
  assert.match(result.stderr, /The core package is turned off \(packages: \[\] in project.yml\)/);
});

test('every model disabled: exit 2, nothing to build', async () => {
  const dir = await tempProject({ 'project.yml': 'name: off\nmodels:\n  +enabled: false\n', 'models/a.sql': 'select 1 as x\n' });
  const result = await runCli(dir, ['run']);
  assert.is(result.code, 2);
  assert.match(result.stderr, /^project.yml: error E_NO_MODELS: every model of the project is disabled: there is nothing to build./);
});

test('a --select that matches nothing: exit 2 with did-you-mean, for names, tags and paths', async () => {
  const dir = await copyRepoProject();
  const cases: [string, string][] = [
    ['retension', "the selector 'retension' matched no model. Did you mean 'retention'?"],
    ['tag:revenu', "the selector 'tag:revenu' matched no model. Did you mean 'tag:revenue'?"],
    ['+date_wise_da', "the selector '+date_wise_da' matched no model. Did you mean 'date_wise_dau'?"],
    ['path:core/models/metric', "the selector 'path:core/models/metric' matched no model. Did you mean 'path:core/models/metrics'?"],
    ['dau', "the selector 'dau' matched no model. Did you mean 'date_wise_dau'?"],
    ['wise_revenue', "the selector 'wise_revenue' matched no model. Did you mean '*wise_revenue*' (date_wise_revenue, date_wise_revenue_by_country, date_wise_revenue_by_type)?"],
    ['zzzz', "the selector 'zzzz' matched no model."],
  ];
  for (const [selector, message] of cases) {
    const result = await runCli(dir, ['build', '--select', selector]);
    assert.is(result.code, 2, selector);
    assert.is(result.stdout, '', selector);
    assert.is(result.stderr.split('\n')[0], `--select: error E_SELECT_EMPTY: ${message}`);
  }
});

test('--exclude removing everything --select chose: exit 2', async () => {
  const dir = await copyRepoProject();
  const result = await runCli(dir, ['compile', '--select', 'retention', '--exclude', 'tag:retention']);
  assert.is(result.code, 2);
  assert.match(result.stderr, /^--exclude: error E_SELECT_EMPTY: the selection left no model to run/);
});

test('a selection that matches some models still runs them and warns about the rest (exit 0)', async () => {
  const dir = await copyRepoProject();
  const result = await runCli(dir, ['ls', '--select', 'retention', 'nosuch']);
  assert.equal(result, { code: 0, stdout: 'retention_by_cohort_date\nretention_by_funnel_step\n', stderr: "warning: the selector 'nosuch' matched no model.\n" });
});

test.run();
