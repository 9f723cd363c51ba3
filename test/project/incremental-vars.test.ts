/**
 * The vars that steer incremental builds (core/package.yml): lookback_days a whole number of days
 * from 0 to 365, include_intraday true or false. A wrong value is refused when the project loads:
 * exit 2, blamed on --vars or its line in project.yml, with a fix.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject, runCli } from '../support/temp-project.js';

test('a wrong lookback_days or include_intraday on --vars: refused with what is wrong and what to pass', async () => {
  const dir = await copyRepoProject();
  for (const [vars, message, example] of [
    ['{"include_intraday": "false"}', "The var 'include_intraday' must be true or false, not 'false'.", 'true'],
    ['{"include_intraday": 1}', "The var 'include_intraday' must be true or false, not the number 1.", 'true'],
    ['{"lookback_days": 1.5}', "The var 'lookback_days' must be a whole number of days from 0 to 365, not the number 1.5.", '3'],
    ['{"lookback_days": "3"}', "The var 'lookback_days' must be a whole number of days from 0 to 365, not '3'.", '3'],
    ['{"lookback_days": -1}', "The var 'lookback_days' must be a whole number of days from 0 to 365, not the number -1.", '3'],
  ] as const) {
    const result = await runCli(dir, ['compile', '--vars', vars]);
    assert.is(result.code, 2, vars);
    const name = vars.includes('intraday') ? 'include_intraday' : 'lookback_days';
    assert.equal(result.stderr, [`--vars: error E_VAR_VALUE: ${message}`, `  hint: Pass it as --vars '{"${name}": ${example}}'.`, '1 error.', ''].join('\n'), vars);
  }
  const fine = await runCli(dir, ['compile', '--vars', '{"include_intraday": true, "lookback_days": 0}']);
  assert.is(fine.code, 0, fine.stderr);
});

test('a wrong value in project.yml is blamed on its line there', async () => {
  const dir = await copyRepoProject();
  const project = await readFile(join(dir, 'project.yml'), 'utf8');
  await writeFile(join(dir, 'project.yml'), `${project}\nvars:\n  include_intraday: 'yes'\n`);
  const line = project.split('\n').length + 2;
  const result = await runCli(dir, ['compile']);
  assert.is(result.code, 2, result.stdout);
  assert.match(result.stderr, `project.yml:${line}:21: error E_VAR_VALUE: The var 'include_intraday' must be true or false, not 'yes'.`);
  assert.match(result.stderr, '  hint: Write it as include_intraday: true under vars: in project.yml.');
});

test.run();
