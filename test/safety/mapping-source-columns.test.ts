/**
 * A mapped column or struct key the source lacks is found before a DuckDB build starts: exit 2 at
 * its line in the mapping, naming it and the closest that exists; no model runs, nothing is
 * replaced. (BigQuery binds only by a dry run, which is not free to repeat per build: there
 * `pdb compile` checks the SQL against the source's declared columns with ZetaSQL instead.)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { queryDb } from '../support/duckdb-project.js';
import { copyRepoProject, runCli } from '../support/temp-project.js';

const VARS = ['--vars', '{"events_path": "data/tiny/events_*.parquet"}'];
const REPO_DATABASE = 'target/pdb.duckdb';

let project: Promise<{ dir: string; mapping: string; users: unknown }> | undefined;

/** The repo's project built once on a tiny sample; each test writes its own mapping and restores it. */
function builtProject(): Promise<{ dir: string; mapping: string; users: unknown }> {
  project ??= (async () => {
    const dir = await copyRepoProject();
    assert.is((await runCli(dir, ['sample', '--users', '100', '--days', '4', '--out', 'data/tiny'])).code, 0);
    const built = await runCli(dir, ['build', '--threads', '1', ...VARS]);
    assert.is(built.code, 0, built.stdout + built.stderr);
    return { dir, mapping: await readFile(join(dir, 'mapping.yml'), 'utf8'), users: await usersOf(dir) };
  })();
  return project;
}

const usersOf = async (dir: string): Promise<unknown> => queryDb(dir, 'select count(*)::integer as n, count(distinct first_country)::integer as countries from main.stg_events', REPO_DATABASE);

async function buildWithMapping(edit: (mapping: string) => string): Promise<{ code: number; stdout: string; stderr: string; dir: string }> {
  const { dir, mapping, users } = await builtProject();
  await writeFile(join(dir, 'mapping.yml'), edit(mapping));
  try {
    const result = await runCli(dir, ['build', '--threads', '1', ...VARS]);
    // Nothing ran, nothing was replaced.
    assert.not.match(result.stdout, 'SKIP');
    assert.not.match(result.stdout, 'stg_events');
    assert.equal(await usersOf(dir), users);
    return { ...result, dir };
  } finally {
    await writeFile(join(dir, 'mapping.yml'), mapping);
  }
}

test('a struct key the source lacks (geo.nation): exit 2 at its line in mapping.yml, with the keys that exist', async () => {
  const result = await buildWithMapping((m) => m.replace('country: geo.country', 'country: geo.nation'));
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.is(
    result.stderr,
    "mapping.yml:11:12: error E_MAPPING_SOURCE_FIELD: columns.country reads geo.nation, but geo in source ga4.events has no key 'nation'.\n" +
      '  11 |   country: geo.nation\n' +
      '     |            ^\n' +
      '  hint: The keys of geo: continent, country, region, city. Map country to one that exists, or leave it out if the data lacks it.\n' +
      '1 error.\n',
  );
});

test('a misspelt key and a misspelt column are both reported at once, each with the closest name', async () => {
  const result = await buildWithMapping((m) => m.replace('country: geo.country', 'country: geo.contry').replace('user_id: user_pseudo_id', 'user_id: user_pseudo'));
  assert.is(result.code, 2, result.stdout + result.stderr);
  const firstLines = result.stderr.split('\n').filter((line) => !line.startsWith('  '));
  assert.equal(firstLines.filter((line) => line !== '' && line !== '2 errors.'), [
    "mapping.yml:8:12: error E_MAPPING_SOURCE_FIELD: columns.user_id reads user_pseudo, but source ga4.events has no column 'user_pseudo'. Did you mean 'user_pseudo_id'?",
    "mapping.yml:11:12: error E_MAPPING_SOURCE_FIELD: columns.country reads geo.contry, but geo in source ga4.events has no key 'contry'. Did you mean 'country'?",
  ]);
  assert.match(result.stderr, '  hint: The columns of ga4.events: event_date, event_timestamp, event_name,');
});

test('a missing column inside an expression is found too; another kind of mistake is shown as the engine says it, at its line', async () => {
  const missing = await buildWithMapping((m) => m.replace("timestamp_from_micros('event_timestamp')", "timestamp_from_micros('event_micros')"));
  assert.is(missing.code, 2, missing.stdout + missing.stderr);
  assert.ok(missing.stderr.startsWith("mapping.yml:9:15: error E_MAPPING_SOURCE_FIELD: columns.event_time reads event_micros, but source ga4.events has no column 'event_micros'."), missing.stderr);
  const wrong = await buildWithMapping((m) => m.replace('event_name: event_name', 'event_name: "event_name + 1"'));
  assert.is(wrong.code, 2, wrong.stdout + wrong.stderr);
  assert.ok(wrong.stderr.startsWith('mapping.yml:10:15: error E_MAPPING_EXPRESSION: columns.event_name cannot be read from source ga4.events: '), wrong.stderr);
});

test('the unchanged mapping still builds', async () => {
  const { dir } = await builtProject();
  const result = await runCli(dir, ['build', '--threads', '1', '--no-cache', ...VARS]);
  assert.is(result.code, 0, result.stdout + result.stderr);
});

test.run();
