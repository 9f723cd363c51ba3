/**
 * The days retention reports are the vars retention_days and funnel_retention_days (core/package.yml).
 * A wrong list is refused when the project loads, before anything renders: exit 2, blamed on
 * --vars or on its line in project.yml, with a fix, never a stack trace.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject, runCli } from '../support/temp-project.js';

test('a wrong list on --vars: each refused with what is wrong and the list to pass instead', async () => {
  const dir = await copyRepoProject();
  for (const [vars, message, example] of [
    ['{"retention_days": [0, 2]}', "The var 'retention_days' must be a list of days after the cohort date, whole numbers from 1 to 3650 (e.g. [1, 7, 30]); it holds the number 0.", '[1, 7, 30]'],
    ['{"retention_days": [1, 1000000000000000]}', "The var 'retention_days' must be a list of days after the cohort date, whole numbers from 1 to 3650 (e.g. [1, 7, 30]); it holds the number 1000000000000000.", '[1, 7, 30]'],
    ['{"retention_days": [1, 1.5]}', "The var 'retention_days' must be a list of days after the cohort date, whole numbers from 1 to 3650 (e.g. [1, 7, 30]); it holds the number 1.5.", '[1, 7, 30]'],
    ['{"retention_days": ["7"]}', "The var 'retention_days' must be a list of days after the cohort date, whole numbers from 1 to 3650 (e.g. [1, 7, 30]); it holds '7'.", '[1, 7, 30]'],
    ['{"retention_days": 7}', "The var 'retention_days' must be a list of days after the cohort date, whole numbers from 1 to 3650 (e.g. [1, 7, 30]); not the number 7.", '[1, 7, 30]'],
    ['{"funnel_retention_days": []}', "The var 'funnel_retention_days' must be a list of days after the cohort date, whole numbers from 1 to 3650 (e.g. [1, 7, 30]); not a list [].", '[1, 7, 30]'],
    ['{"funnel_retention_days": [7, 1, 7]}', "The var 'funnel_retention_days' must list each day once, in increasing order, not a list [7,1,7].", '[1, 7]'],
  ] as const) {
    const result = await runCli(dir, ['compile', '--vars', vars]);
    assert.is(result.code, 2, vars);
    const name = vars.includes('funnel') ? 'funnel_retention_days' : 'retention_days';
    assert.equal(result.stderr, [`--vars: error E_VAR_RETENTION_DAYS: ${message}`, `  hint: Pass it as --vars '{"${name}": ${example}}'.`, '1 error.', ''].join('\n'), vars);
  }
});

test("the funnel's days must be among retention_days: blamed on funnel_retention_days' line in project.yml", async () => {
  const dir = await copyRepoProject();
  const project = await readFile(join(dir, 'project.yml'), 'utf8');
  await writeFile(join(dir, 'project.yml'), `${project}\nvars:\n  retention_days: [1, 7, 30]\n  funnel_retention_days: [1, 3, 7, 60]\n`);
  const line = project.split('\n').length + 3;
  const result = await runCli(dir, ['compile']);
  assert.is(result.code, 2, result.stdout);
  assert.equal(result.stderr, [
    `project.yml:${line}:26: error E_VAR_RETENTION_DAYS: The var 'funnel_retention_days' has 3, 60, which 'retention_days' lacks: retention_by_funnel_step splits the rows of retention_by_cohort_date by funnel step, so its days must be among them.`,
    `  ${line} |   funnel_retention_days: [1, 3, 7, 60]`,
    '     |                          ^',
    '  hint: Add 3, 60 to retention_days, or leave them out of funnel_retention_days.',
    '1 error.',
    '',
  ].join('\n'));
  // The same lists, each in order and the funnel's among the others, compile.
  const fixed = await runCli(dir, ['compile', '--vars', '{"funnel_retention_days": [1, 7]}']);
  assert.is(fixed.code, 0, fixed.stderr);
});

test('an unsorted list in project.yml is blamed on its line there, with the sorted list as the fix', async () => {
  const dir = await copyRepoProject();
  const project = await readFile(join(dir, 'project.yml'), 'utf8');
  await writeFile(join(dir, 'project.yml'), `${project}\nvars:\n  retention_days: [30, 1, 7]\n`);
  const line = project.split('\n').length + 2;
  const result = await runCli(dir, ['compile']);
  assert.is(result.code, 2);
  assert.equal(result.stderr, [
    `project.yml:${line}:19: error E_VAR_RETENTION_DAYS: The var 'retention_days' must list each day once, in increasing order, not a list [30,1,7].`,
    `  ${line} |   retention_days: [30, 1, 7]`,
    '     |                   ^',
    '  hint: Write it as retention_days: [1, 7, 30] under vars: in project.yml.',
    '1 error.',
    '',
  ].join('\n'));
});

test.run();
