import { existsSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { readTree, tempProject, writeFiles, type ProjectFiles } from '../support/temp-project.js';

const FILES: ProjectFiles = {
  'project.yml': 'name: cache\nmapping: mapping.yml\npackages: []\n',
  'mapping.yml': [
    'source: app.events',
    'timezone: UTC',
    'columns:',
    '  user_id: "{{ env_var(\'PDB_USER_COLUMN\', \'uid\') }}"',
    '  event_time: ts',
    '  event_name: name',
    '',
  ].join('\n'),
  'models/sources.yml': 'sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { table: raw.events }\n',
  'models/a.sql': 'select {{ mapping.user_id }} as user_id\nfrom {{ source(\'app\', \'events\') }}\n',
  'models/b.sql': 'select {{ mapping.user_id }} as user_id\nfrom {{ ref(\'a\') }}\n',
  'models/c.sql': "select '{{ env_var('PDB_COLOR', 'red') }}' as color\n",
};

const compiledDir = 'target/compiled/dev';
const CACHE_FILE = 'target/cache/compile-dev.json';

/** Compiles, and returns the compiled files that were written again (a write is a rename, so a new inode). */
async function build(dir: string, env: Record<string, string> = {}, cache = true): Promise<string[]> {
  const before = await inodes(dir);
  await compile({ dir, env, cache });
  const after = await inodes(dir);
  return Object.keys(after).filter((path) => after[path] !== before[path]);
}

async function inodes(dir: string): Promise<Record<string, number>> {
  const paths = Object.keys(await readTree(dir, compiledDir));
  const entries = await Promise.all(paths.map(async (path) => [path, (await stat(join(dir, compiledDir, path))).ino] as const));
  return Object.fromEntries(entries);
}

const ALL = ['models/a.sql', 'models/b.sql', 'models/c.sql'];

test('a second compile writes nothing and gives the same output', async () => {
  const dir = await tempProject(FILES);
  assert.equal(await build(dir), ALL);
  const first = await readTree(dir, compiledDir);
  assert.ok(existsSync(join(dir, CACHE_FILE)));
  assert.equal(await build(dir), []);
  assert.equal(await readTree(dir, compiledDir), first);
});

test('editing one model changes only its output', async () => {
  const dir = await tempProject(FILES);
  await build(dir);
  const before = await readTree(dir, compiledDir);
  await writeFiles(dir, { 'models/c.sql': "select '{{ env_var('PDB_COLOR', 'red') }}' as colour\n" });
  assert.equal(await build(dir), ['models/c.sql']);
  assert.equal(await readTree(dir, compiledDir), { ...before, 'models/c.sql': "select 'red' as colour\n" });
});

test('the cache is used: a render stored in it is reused while the model is unchanged', async () => {
  const dir = await tempProject(FILES);
  await build(dir);
  // Mark the cached render of c; only a compile that reads the cache can produce the mark.
  const cacheText = await readFile(join(dir, CACHE_FILE), 'utf8');
  await writeFile(join(dir, CACHE_FILE), cacheText.replace("select 'red' as color", "select 'from-cache' as color"));
  assert.equal(await build(dir), ['models/c.sql']);
  assert.equal((await readTree(dir, compiledDir))['models/c.sql'], "select 'from-cache' as color\n");
});

test('--no-cache renders everything again', async () => {
  const dir = await tempProject(FILES);
  await build(dir);
  const cacheText = await readFile(join(dir, CACHE_FILE), 'utf8');
  await writeFile(join(dir, CACHE_FILE), cacheText.replace("select 'red' as color", "select 'from-cache' as color"));
  assert.equal(await build(dir, {}, false), []);
  assert.equal((await readTree(dir, compiledDir))['models/c.sql'], "select 'red' as color\n");
});

test('a corrupt cache file is ignored', async () => {
  const dir = await tempProject(FILES);
  await build(dir);
  const before = await readTree(dir, compiledDir);
  await writeFile(join(dir, CACHE_FILE), '{ not json');
  assert.equal(await build(dir), []);
  assert.equal(await readTree(dir, compiledDir), before);
});

test('changing an environment variable a model reads invalidates its render', async () => {
  const dir = await tempProject(FILES);
  await build(dir);
  assert.equal(await build(dir, { PDB_COLOR: 'blue' }), ['models/c.sql']);
  assert.equal((await readTree(dir, compiledDir))['models/c.sql'], "select 'blue' as color\n");
});

test('changing an environment variable read by a mapping expression invalidates every model that uses it', async () => {
  const dir = await tempProject(FILES);
  await build(dir);
  assert.equal(await build(dir, { PDB_USER_COLUMN: 'user_pseudo_id' }), ['models/a.sql', 'models/b.sql']);
  const tree = await readTree(dir, compiledDir);
  assert.equal(tree['models/a.sql'], 'select user_pseudo_id as user_id\nfrom "raw"."events"\n');
  assert.equal(tree['models/b.sql'], 'select user_pseudo_id as user_id\nfrom "main"."a"\n');
});

test('a project-wide change (vars) invalidates every render', async () => {
  const dir = await tempProject({ ...FILES, 'models/d.sql': "select '{{ var('since', '2020') }}' as since\n" });
  await build(dir);
  await writeFiles(dir, { 'project.yml': "name: cache\nmapping: mapping.yml\npackages: []\nvars:\n  since: '2024'\n" });
  assert.equal(await build(dir), ['models/d.sql']);
  assert.equal((await readTree(dir, compiledDir))['models/d.sql'], "select '2024' as since\n");
});

test('a full compile removes the compiled file of a deleted model; a selected compile keeps it', async () => {
  const dir = await tempProject(FILES);
  await build(dir);
  await rm(join(dir, 'models/c.sql'));
  await compile({ dir, env: {}, select: ['a'] });
  assert.equal(Object.keys(await readTree(dir, compiledDir)), ['models/a.sql', 'models/b.sql', 'models/c.sql']);
  await build(dir);
  assert.equal(Object.keys(await readTree(dir, compiledDir)), ['models/a.sql', 'models/b.sql']);
});

test('filesWritten counts the files a compile wrote, not the models it compiled', async () => {
  const dir = await tempProject(FILES);
  assert.equal((await compile({ dir, env: {} })).filesWritten, 3);
  assert.equal((await compile({ dir, env: {} })).filesWritten, 0);
});

test.run();
