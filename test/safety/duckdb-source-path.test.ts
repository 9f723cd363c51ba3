/**
 * A DuckDB source file is found from the project directory, wherever pdb or a reader of the
 * database file runs: views pdb creates hold the file's absolute path, not one relative to a
 * working directory.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DATABASE, duckdbProject } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const FILES = {
  'data/events.csv': 'user_id,n\na,1\nb,2\n',
  'data/daily/events_20260101.csv': 'user_id,n\nc,3\n',
  'data/daily/events_20260102.csv': 'user_id,n\nd,4\n',
  'models/sources.yml': [
    'sources:',
    '  - name: raw',
    '    tables:',
    '      - name: events',
    '        duckdb: { path: data/events.csv }',
    '      - name: daily',
    "        duckdb: { path: \"{{ var('daily_glob', 'data/daily/events_*.csv') }}\" }",
    '',
  ].join('\n'),
  'models/events_view.sql': "{{ config(materialized='view') }}\nselect user_id, n::integer as n from {{ source('raw', 'events') }}\n",
  'models/daily_view.sql': "{{ config(materialized='view') }}\nselect user_id, n::integer as n from {{ source('raw', 'daily') }}\n",
  'models/inlined.sql': "{{ config(materialized='ephemeral') }}\nselect user_id from {{ source('raw', 'events') }}\n",
  'models/through_ephemeral.sql': "{{ config(materialized='view') }}\nselect count(*)::integer as users from {{ ref('inlined') }}\n",
  'models/events_table.sql': "{{ config(materialized='table') }}\nselect sum(n)::integer as total from {{ source('raw', 'events') }}\n",
};

const EXPECTED: Record<string, unknown[]> = {
  daily_view: [{ user_id: 'c', n: 3 }, { user_id: 'd', n: 4 }],
  events_table: [{ total: 3 }],
  events_view: [{ user_id: 'a', n: 1 }, { user_id: 'b', n: 2 }],
  through_ephemeral: [{ users: 2 }],
};

/** Every relation of the database file, read with DuckDB itself while the process works in `cwd`. */
async function readEveryRelation(database: string, cwd: string): Promise<Record<string, unknown[]>> {
  const previous = process.cwd();
  process.chdir(cwd);
  const instance = await DuckDBInstance.create(database);
  try {
    const connection = await instance.connect();
    const names = (await connection.runAndReadAll('select table_name from information_schema.tables order by all')).getRowObjectsJson().map((r) => String(r.table_name));
    const rows: Record<string, unknown[]> = {};
    for (const name of names) rows[name] = (await connection.runAndReadAll(`select * from main."${name}" order by all`)).getRowObjectsJson();
    connection.closeSync();
    return rows;
  } finally {
    instance.closeSync();
    process.chdir(previous);
  }
}

test('a database built by pdb is readable from any directory: its views name the source files by absolute path', async () => {
  const dir = await duckdbProject(FILES);
  const elsewhere = await mkdtemp(join(tmpdir(), 'pdb-elsewhere-'));
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(await readEveryRelation(join(dir, DATABASE), elsewhere), EXPECTED);
  assert.equal(await readEveryRelation(join(dir, DATABASE), dir), EXPECTED);
});

test('pdb build and pdb show from another directory with --project-dir read the project\'s source files', async () => {
  const dir = await duckdbProject(FILES);
  const elsewhere = await mkdtemp(join(tmpdir(), 'pdb-elsewhere-'));
  const result = await runCli(elsewhere, ['build', '--project-dir', dir]);
  assert.is(result.code, 0, result.stdout + result.stderr);
  const shown = await runCli(elsewhere, ['show', 'daily_view', '--project-dir', dir]);
  assert.is(shown.code, 0, shown.stdout + shown.stderr);
  assert.match(shown.stdout, /\bd\b.*\b4\b/);
  assert.equal(await readEveryRelation(join(dir, DATABASE), elsewhere), EXPECTED);
});

test('the compiled SQL keeps the project-relative path, the same on every machine', async () => {
  const dir = await duckdbProject(FILES);
  assert.is((await runCli(dir, ['compile'])).code, 0);
  const { readFile } = await import('node:fs/promises');
  const compiled = await readFile(join(dir, 'target/compiled/dev/models/events_view.sql'), 'utf8');
  assert.match(compiled, "'data/events.csv'");
  assert.not.match(compiled, dir);
});

test.run();
