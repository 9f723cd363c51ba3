/**
 * A build stopped from outside keeps the previous tables: SIGTERM (`kill PID`) is handled like
 * Ctrl-C, and a temporary table an earlier killed build left behind is removed at the next start.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATABASE, duckdbProject, queryDb, relations } from '../support/duckdb-project.js';
import { repoRoot, runCli, writeFiles } from '../support/temp-project.js';

const FILES = {
  'models/before.sql': "{{ config(materialized='table') }}\nselect 1 as one\n",
  'models/slow.sql': "{{ config(materialized='table') }}\nselect 42 as n\n",
  'models/after.sql': "{{ config(materialized='table') }}\nselect n from {{ ref('slow') }}\n",
};
const SLOW = "{{ config(materialized='table') }}\nselect count(*) as n from range(1000000000) a, range(10) b\n";

async function assertPreviousTablesIntact(dir: string): Promise<void> {
  assert.equal(await relations(dir), ['main.after BASE TABLE', 'main.before BASE TABLE', 'main.slow BASE TABLE']);
  assert.equal(await queryDb(dir, 'select n from main.slow'), [{ n: 42 }]);
}

test('SIGTERM during `pdb run` (a real signal to a real process): clean cancel, exit 143, the previous tables intact', async () => {
  const dir = await duckdbProject(FILES);
  assert.is((await runCli(dir, ['run'])).code, 0);
  await writeFiles(dir, { 'models/slow.sql': SLOW });

  const child = spawn(process.execPath, [join(repoRoot(), 'bin', 'pdb.js'), 'run', '--threads', '1', '--project-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  // If the signal does not stop the build, the test kills it (so it ends) and fails below.
  // Generous: on a loaded machine the child's start and first model alone can take many seconds.
  const fallback = setTimeout(() => child.kill('SIGKILL'), 120_000);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!sent && stdout.includes('model before')) {
      sent = true;
      setTimeout(() => child.kill('SIGTERM'), 300);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
  clearTimeout(fallback);
  assert.ok(sent, stdout + stderr);
  assert.equal([code, signal], [143, null], stdout + stderr);
  assert.match(stderr, 'Terminated: stopping the running queries; tables being built are left as they were.');
  await assertPreviousTablesIntact(dir);
});

test('a temporary table left by a killed build is removed when the next build starts', async () => {
  const dir = await duckdbProject(FILES);
  assert.is((await runCli(dir, ['run', '--select', 'before'])).code, 0);
  // What a build killed between building and swapping left before builds ran in one transaction.
  const db = await DuckDBInstance.create(join(dir, DATABASE));
  const connection = await db.connect();
  await connection.run('create table main.slow__pdb_tmp as select 1 as n; create schema other; create table other.x__pdb_tmp as select 2 as n');
  connection.closeSync();
  db.closeSync();

  assert.is((await runCli(dir, ['run', '--select', 'before'])).code, 0);
  assert.equal(await relations(dir), ['main.before BASE TABLE']);
});

test.run();
