import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateSample } from '../../src/sample/generate-sample.js';
import { tempDir } from './sample-fixture.js';

const SMALL = { users: 200, days: 4, startDate: '2026-09-01' } as const;
const SHARDS = ['events_20260901.parquet', 'events_20260902.parquet', 'events_20260903.parquet', 'events_20260904.parquet'];

test('a finished run leaves exactly the shards: no temporary file, no stale shard or temp of an earlier run', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, '.events_20260902.parquet.tmp'), 'half a file from a killed run');
  writeFileSync(join(dir, 'events_20261231.parquet'), 'a shard of an earlier, longer run');
  writeFileSync(join(dir, 'notes.txt'), 'not ours: kept');
  await generateSample({ outDir: dir, ...SMALL });
  assert.equal(readdirSync(dir).sort(), [...SHARDS, 'notes.txt']);
});

test('a failed write removes its temporary file and names the cause', async () => {
  const dir = tempDir();
  // A folder where the third shard must go makes the rename fail after the COPY succeeded.
  mkdirSync(join(dir, 'events_20260903.parquet'));
  try {
    await generateSample({ outDir: dir, ...SMALL });
    assert.unreachable('should have failed');
  } catch (e) {
    assert.match(String((e as Error).message), /events_20260903\.parquet/);
  }
  assert.equal(readdirSync(dir).sort(), ['events_20260901.parquet', 'events_20260902.parquet', 'events_20260903.parquet']);
});

test('it creates the output folder', async () => {
  const dir = join(tempDir(), 'a', 'b');
  const r = await generateSample({ outDir: dir, ...SMALL });
  assert.equal(r.files, SHARDS.map((f) => join(dir, f)));
});

test.run();
