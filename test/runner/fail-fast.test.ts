import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, relations, runResultsFile, withoutSeconds } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

/** Three independent models; the first in build order fails. */
const FILES = {
  'models/a_bad.sql': "{{ config(materialized='table') }}\nselect cast('x' as integer) as v\n",
  'models/b_ok.sql': "{{ config(materialized='table') }}\nselect 2 as v\n",
  'models/c_ok.sql': "{{ config(materialized='table') }}\nselect 3 as v\n",
};

const statuses = async (dir: string): Promise<string[]> =>
  withoutSeconds((await runResultsFile(dir)).json.results).map((r) => `${String(r.id)} ${String(r.status)}${r.skipped_because === undefined ? '' : ` (${String(r.skipped_because)})`}`);

test('without --fail-fast a failure does not stop independent models', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['run', '--threads', '1']);
  assert.is(result.code, 1);
  assert.equal(await statuses(dir), ['model.a_bad error', 'model.b_ok success', 'model.c_ok success']);
});

test('--fail-fast stops after the first failure: nothing new starts', async () => {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['run', '--threads', '1', '--fail-fast']);
  assert.is(result.code, 1);
  assert.equal(await statuses(dir), [
    'model.a_bad error',
    'model.b_ok skipped (an earlier failure (--fail-fast))',
    'model.c_ok skipped (an earlier failure (--fail-fast))',
  ]);
  assert.equal(await relations(dir), []);
  assert.match(result.stdout, '[2/3] SKIP   model b_ok (because of an earlier failure (--fail-fast))\n');
});

test('-x also stops a build at the first failing test', async () => {
  const dir = await duckdbProject({
    'models/a.sql': "{{ config(materialized='table') }}\nselect 1 as v union all select 1\n",
    'models/a.yml': 'models:\n  - name: a\n    columns:\n      - name: v\n        tests: [unique]\n',
    'models/z.sql': "{{ config(materialized='table') }}\nselect 26 as v\n",
  });
  const result = await runCli(dir, ['build', '--threads', '1', '-x']);
  assert.is(result.code, 1);
  assert.equal(await statuses(dir), ['model.a success', 'test.unique__a__v fail', 'model.z skipped (an earlier failure (--fail-fast))']);
});

test.run();
