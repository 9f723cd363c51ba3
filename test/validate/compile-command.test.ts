/** `pdb compile --target bq` checks BigQuery SQL offline and stops at a planted mistake, at its template line. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject, repoRoot, runCli } from '../support/temp-project.js';

const ENV = { PDB_BQ_PROJECT: 'proj', PDB_BQ_DATASET: 'core' };

test('the core project compiles for BigQuery and is checked with ZetaSQL', async () => {
  const dir = await copyRepoProject();
  const result = await runCli(dir, ['compile', '--target', 'bq'], ENV);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Compiled 18 models for target bq \(bigquery, checked with ZetaSQL\) in \d+\.\d\d s: target\/compiled\/bq\/\n$/);
});

test('a planted unknown column (a.daus) fails the compile with exit 2 at the model line', async () => {
  // A project's own date_wise_dau.sql replaces the core package's model of that name.
  const dir = await copyRepoProject();
  const file = join(dir, 'models/date_wise_dau.sql');
  await writeFile(file, (await readFile(join(repoRoot(), 'core/models/metrics/users/date_wise_dau.sql'), 'utf8')).replace('coalesce(a.dau, 0) as dau', 'coalesce(a.daus, 0) as dau'));
  const result = await runCli(dir, ['compile', '--target', 'bq'], ENV);
  assert.is(result.code, 2);
  assert.is(
    result.stderr.split('\n')[0],
    'models/date_wise_dau.sql:11:14: error E_BIGQUERY_SQL: BigQuery would reject date_wise_dau: Name daus not found inside a (at target/compiled/bq/models/date_wise_dau.sql:10:14)',
  );
  assert.not.match(result.stderr, /\n\s+at /);
});

test('--no-validate skips the check', async () => {
  // A project's own date_wise_dau.sql replaces the core package's model of that name.
  const dir = await copyRepoProject();
  const file = join(dir, 'models/date_wise_dau.sql');
  await writeFile(file, (await readFile(join(repoRoot(), 'core/models/metrics/users/date_wise_dau.sql'), 'utf8')).replace('coalesce(a.dau, 0) as dau', 'coalesce(a.daus, 0) as dau'));
  const result = await runCli(dir, ['compile', '--target', 'bq', '--no-validate'], ENV);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /for target bq \(bigquery\) in/);
});

test.run();
