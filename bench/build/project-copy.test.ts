import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyProject } from './project-copy.js';

test('copies the project files and folders that exist, never target/ or data/', async () => {
  const root = await mkdtemp(join(tmpdir(), 'pdb-copy-'));
  try {
    const repo = join(root, 'repo');
    await mkdir(join(repo, 'models', 'staging'), { recursive: true });
    await mkdir(join(repo, 'target'), { recursive: true });
    await mkdir(join(repo, 'data'), { recursive: true });
    await writeFile(join(repo, 'project.yml'), 'name: x\n');
    await writeFile(join(repo, 'profiles.yml'), 'target: dev\n');
    await writeFile(join(repo, 'models', 'staging', 'stg.sql'), 'select 1\n');
    await writeFile(join(repo, 'target', 'pdb.duckdb'), '');
    const dest = join(root, 'copy');
    assert.equal(await copyProject(repo, dest), ['project.yml', 'profiles.yml', 'models']);
    assert.is(await readFile(join(dest, 'models', 'staging', 'stg.sql'), 'utf8'), 'select 1\n');
    assert.is(existsSync(join(dest, 'target')), false);
    assert.is(existsSync(join(dest, 'data')), false);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a folder without project.yml is refused', async () => {
  const root = await mkdtemp(join(tmpdir(), 'pdb-copy-'));
  try {
    let message = '';
    await copyProject(root, join(root, 'copy')).catch((e: Error) => (message = e.message));
    assert.is(message, `${root} has no project.yml to copy`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test.run();
