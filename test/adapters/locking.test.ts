import { realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DATABASE, duckdbProject, holdDatabase, relations } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

test('pdb run exits 2 naming the file and the process that holds it, and what to do', async () => {
  const dir = await duckdbProject({ 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as one\n" });
  await mkdir(join(dir, 'target'), { recursive: true });
  const holder = await holdDatabase(join(dir, DATABASE));
  let result;
  try {
    result = await runCli(dir, ['run']);
  } finally {
    await holder.release();
  }
  // DuckDB names the holder by its executable, resolved through symlinks.
  const executable = realpathSync(process.execPath);
  assert.is(result.code, 2);
  assert.is(result.stdout, '');
  assert.is(
    result.stderr,
    `profiles.yml: error E_DATABASE_LOCKED: the database ${DATABASE} is in use by another process (${executable}, PID ${holder.pid}).\n` +
      `  hint: DuckDB lets one process write a database file at a time. Wait for that process to finish or stop it (kill ${holder.pid}), or point target 'dev' at another path in profiles.yml.\n` +
      '1 error.\n',
  );

  // Once the other process is gone, the same command builds.
  const again = await runCli(dir, ['run']);
  assert.is(again.code, 0, again.stderr);
  assert.equal(await relations(dir), ['main.m BASE TABLE']);
});

test('pdb show on a locked database exits 2 with the same message', async () => {
  const dir = await duckdbProject({ 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as one\n" });
  await mkdir(join(dir, 'target'), { recursive: true });
  const holder = await holdDatabase(join(dir, DATABASE));
  let result;
  try {
    result = await runCli(dir, ['show', 'm']);
  } finally {
    await holder.release();
  }
  assert.is(result.code, 2);
  assert.match(result.stderr, `profiles.yml: error E_DATABASE_LOCKED: the database ${DATABASE} is in use by another process (`);
  assert.match(result.stderr, `PID ${holder.pid}).\n`);
});

test.run();
