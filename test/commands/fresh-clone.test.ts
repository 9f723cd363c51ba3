import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { queryDb, relations, runResultsFile, withoutSeconds } from '../support/duckdb-project.js';
import { copyRepoProject, runCli } from '../support/temp-project.js';

const TARGET_MODEL = 'retention_by_cohort_date';
/** The database of the repo's profiles.yml (target dev). */
const REPO_DATABASE = 'target/pdb.duckdb';
const VARS = ['--vars', '{"events_path": "data/tiny/events_*.parquet"}'];

/** The repo's own project with a tiny generated GA4-shaped sample in data/tiny, nothing built. */
async function freshClone(): Promise<{ dir: string; upstream: string[] }> {
  const dir = await copyRepoProject();
  const sample = await runCli(dir, ['sample', '--users', '300', '--days', '10', '--out', 'data/tiny']);
  assert.is(sample.code, 0, sample.stderr);
  const ls = await runCli(dir, ['ls', '--select', `+${TARGET_MODEL}`]);
  assert.is(ls.code, 0, ls.stderr);
  const lines = ls.stdout.trim().split('\n');
  assert.is(lines.at(-1), TARGET_MODEL);
  return { dir, upstream: lines.slice(0, -1) };
}

const modelResults = async (dir: string): Promise<string[]> =>
  withoutSeconds((await runResultsFile(dir)).json.results)
    .filter((r) => r.kind === 'model')
    .map((r) => `${String(r.name)} ${String(r.status)}`);

test('on a fresh clone, `pdb build --select retention_by_cohort_date` builds the missing upstream models first and says so', async () => {
  const { dir, upstream } = await freshClone();
  assert.ok(upstream.length >= 1);
  const result = await runCli(dir, ['build', '--select', TARGET_MODEL, '--threads', '1', ...VARS]);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, `\nNote: also built ${upstream.length} upstream model${upstream.length === 1 ? '' : 's'} that did not exist yet: ${upstream.join(', ')}.\n`);
  assert.equal(await modelResults(dir), [...upstream, TARGET_MODEL].map((name) => `${name} success`));
  const tests = withoutSeconds((await runResultsFile(dir)).json.results).filter((r) => r.kind === 'test');
  // The source's data-quality checks run too; a 10-day sample has no subscription events (a warning).
  assert.ok(tests.some((r) => String(r.name).startsWith('data_quality.')));
  assert.equal(tests.filter((r) => r.status !== 'pass' && !String(r.name).startsWith('data_quality.')), []);
  // The one pass over the raw events is a table on every engine; int_user_days is a view over it.
  assert.equal(await relations(dir, REPO_DATABASE), [...upstream, TARGET_MODEL].map((name) => `main.${name} ${name === 'int_user_days' ? 'VIEW' : 'BASE TABLE'}`).sort());
  const [count] = await queryDb(dir, `select count(*) > 0 as has_rows from main.${TARGET_MODEL}`, REPO_DATABASE);
  assert.equal(count, { has_rows: true });

  // Built once, the next build of the same selection builds only it.
  const again = await runCli(dir, ['build', '--select', TARGET_MODEL, '--threads', '1', ...VARS]);
  assert.is(again.code, 0);
  assert.not.match(again.stdout, 'Note:');
  assert.equal(await modelResults(dir), [`${TARGET_MODEL} success`]);
});

test('only the upstream models that do not exist yet are added', async () => {
  const { dir, upstream } = await freshClone();
  const [first, ...rest] = upstream;
  assert.is((await runCli(dir, ['run', '--select', first!, ...VARS])).code, 0);
  const result = await runCli(dir, ['run', '--select', TARGET_MODEL, '--threads', '1', ...VARS]);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, `\nNote: also built ${rest.length} upstream model${rest.length === 1 ? '' : 's'} that did not exist yet: ${rest.join(', ')}.\n`);
  assert.equal(await modelResults(dir), [...rest, TARGET_MODEL].map((name) => `${name} success`));
});

test('`pdb test` never builds: a missing upstream is not added and the tests fail on the missing table', async () => {
  const { dir } = await freshClone();
  const result = await runCli(dir, ['test', '--select', TARGET_MODEL, ...VARS]);
  assert.is(result.code, 1);
  assert.not.match(result.stdout, 'Note:');
  const statuses = new Set(withoutSeconds((await runResultsFile(dir)).json.results).map((r) => r.status));
  assert.equal([...statuses], ['error']);
});

test.run();
