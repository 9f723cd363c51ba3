/** `pdb init` beyond the three file shapes: a DuckDB table, the starter project, and sources it cannot use. */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureEvents } from '../metrics/fixture-events.js';
import { queryDb } from '../support/duckdb-project.js';
import { runCli, tempProject } from '../support/temp-project.js';

/** A DuckDB file holding the fixture events as `app_events` (and, with `extra`, a second table). */
async function eventsDatabase(file: string, extra = false): Promise<void> {
  const db = await DuckDBInstance.create(file);
  const connection = await db.connect();
  await connection.run('create table app_events (user_id varchar, event_time timestamp, event_name varchar, country varchar, revenue double)');
  const appender = await connection.createAppender('app_events');
  for (const e of fixtureEvents({ seed: 5, users: 120, days: 20, countries: ['US', 'DE'], emptyDay: 7 })) {
    if (e.event_time_us === null) continue;
    appender.appendVarchar(e.user_id ?? '');
    appender.appendVarchar(new Date(e.event_time_us / 1000).toISOString().replace('T', ' ').replace('Z', ''));
    appender.appendVarchar(e.event_name);
    if (e.country === null) appender.appendNull();
    else appender.appendVarchar(e.country);
    if (e.revenue === null) appender.appendNull();
    else appender.appendDouble(e.revenue);
    appender.endRow();
  }
  appender.closeSync();
  if (extra) await connection.run('create table other as select 1 as x');
  connection.closeSync();
  db.closeSync();
}

test('a table of a DuckDB file: pdb builds beside it, in schema pdb, and pdb build works with no edit', async () => {
  const dir = await tempProject({ 'data/.keep': '' });
  await eventsDatabase(join(dir, 'data', 'app.duckdb'));
  const init = await runCli(dir, ['init', 'proj', '--source', 'data/app.duckdb']);
  assert.is(init.code, 0, init.stderr);
  assert.match(await readFile(join(dir, 'proj', 'models', 'sources.yml'), 'utf8'), /duckdb: \{ table: app_events \}/);
  assert.match(await readFile(join(dir, 'proj', 'profiles.yml'), 'utf8'), /path: \.\.\/data\/app\.duckdb\n {4}schema: pdb\n/);
  const build = await runCli(join(dir, 'proj'), ['build']);
  assert.is(build.code, 0, `${build.stdout}\n${build.stderr}`);
  const rows = await queryDb(join(dir, 'proj'), 'select count(*) as dates, sum(dau) > 0 as some from pdb.date_wise_dau', '../data/app.duckdb');
  assert.equal(rows, [{ dates: '20', some: true }]);
});

test('a DuckDB file with several tables: exit 2 naming them, nothing written', async () => {
  const dir = await tempProject({ 'data/.keep': '' });
  await eventsDatabase(join(dir, 'data', 'app.duckdb'), true);
  const result = await runCli(dir, ['init', 'proj', '--source', 'data/app.duckdb']);
  assert.is(result.code, 2);
  assert.is(result.stderr.split('\n')[0], '--source: error E_INIT_SOURCE: data/app.duckdb holds 2 tables; say which one holds the events.');
  assert.match(result.stderr, /hint: Write --source data\/app.duckdb:TABLE, with TABLE one of: app_events, other\./);
  assert.not.ok(existsSync(join(dir, 'proj', 'project.yml')));
});

test('without --source: a commented starter project, and pdb build then says how to go on (exit 2)', async () => {
  const dir = await tempProject({});
  const result = await runCli(dir, ['init', 'My Product']);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Wrote a starter project in My Product:\n {2}project.yml\n {2}profiles.yml\n {2}models\/sources.yml\n {2}mapping.yml\n/);
  assert.match(await readFile(join(dir, 'My Product', 'project.yml'), 'utf8'), /^name: my_product$/m);
  const build = await runCli(join(dir, 'My Product'), ['build']);
  assert.is(build.code, 2);
  assert.match(build.stderr, /^project.yml: error E_NO_MODELS: the project has no models/);
});

test('sources init cannot use: a missing file, an unknown format, a bad BigQuery name (exit 2, nothing written)', async () => {
  const dir = await tempProject({ 'notes.txt': 'hello\n' });
  const cases: [string, string][] = [
    ['nope.csv', "--source: error E_INIT_SOURCE: 'nope.csv' does not exist"],
    ['notes.txt', "--source: error E_INIT_SOURCE: cannot tell the format of 'notes.txt' from its name."],
    ['bigquery:just_a_table', "--source: error E_INIT_SOURCE: 'bigquery:just_a_table' is not a BigQuery table."],
  ];
  for (const [source, message] of cases) {
    const result = await runCli(dir, ['init', 'proj', '--source', source]);
    assert.is(result.code, 2, source);
    assert.ok(result.stderr.startsWith(message), `${source}: ${result.stderr}`);
    assert.not.ok(existsSync(join(dir, 'proj', 'project.yml')), source);
  }
});

test.run();
