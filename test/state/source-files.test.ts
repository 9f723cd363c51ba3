/**
 * The files a DuckDB source glob names, as its fingerprint reads them: a link counts as the file
 * it points to (a data lake of links, a benchmark's copy), so a source made of links is
 * fingerprinted and its unchanged models are reused; a dangling link and a folder are no file.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expandGlob, fingerprintFiles } from '../../src/state/source-fingerprint.js';

test('links to files match a glob; dangling links and folders do not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pdb-source-files-'));
  await mkdir(join(dir, 'store'));
  await mkdir(join(dir, 'data', 'events_20260103.parquet'), { recursive: true });
  await writeFile(join(dir, 'store', 'a.parquet'), 'a');
  await writeFile(join(dir, 'data', 'events_20260101.parquet'), 'one');
  await symlink(join(dir, 'store', 'a.parquet'), join(dir, 'data', 'events_20260102.parquet'));
  await symlink(join(dir, 'store', 'missing.parquet'), join(dir, 'data', 'events_20260104.parquet'));
  assert.equal(await expandGlob(dir, 'data/events_*.parquet'), ['data/events_20260101.parquet', 'data/events_20260102.parquet']);
  const before = await fingerprintFiles(dir, 'data/events_*.parquet');
  assert.type(before?.digest, 'string');
  assert.equal([...before!.parts!.keys()], ['data/events_20260101.parquet', 'data/events_20260102.parquet'], 'a glob gives each file its digest');
  await writeFile(join(dir, 'store', 'a.parquet'), 'changed');
  const after = await fingerprintFiles(dir, 'data/events_*.parquet');
  assert.is.not(after?.digest, before?.digest, 'the fingerprint follows the linked file');
  assert.is(after?.parts?.get('data/events_20260101.parquet'), before?.parts?.get('data/events_20260101.parquet'), 'an unchanged file keeps its digest');
  assert.is.not(after?.parts?.get('data/events_20260102.parquet'), before?.parts?.get('data/events_20260102.parquet'));
  assert.is((await fingerprintFiles(dir, 'data/events_20260101.parquet'))?.parts, undefined, 'one file has no parts');
});

test.run();
