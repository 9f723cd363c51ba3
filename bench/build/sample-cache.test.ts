import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKER, isCompleteSample, sampleDirOf } from './sample-cache.js';

const TEN_M = { label: '10M', events: 10_000_000 };

test('each size has its own folder under data/generated', () => {
  assert.is(sampleDirOf('/repo', TEN_M), join('/repo', 'data', 'generated', 'bench-10M'));
});

test('a folder counts as complete only with a marker for the same size', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pdb-sample-cache-'));
  try {
    await writeFile(join(dir, 'events_20260901.parquet'), '');
    assert.is(await isCompleteSample(dir, TEN_M), false, 'shards without a marker: a killed run');
    await writeFile(join(dir, MARKER), '{"events": 1000000}');
    assert.is(await isCompleteSample(dir, TEN_M), false, 'marker of another size');
    await writeFile(join(dir, MARKER), '{"events": 10000');
    assert.is(await isCompleteSample(dir, TEN_M), false, 'unreadable marker');
    await writeFile(join(dir, MARKER), '{"events": 10000000, "sample": "Wrote ..."}');
    assert.is(await isCompleteSample(dir, TEN_M), true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
