import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateSample } from '../../src/sample/generate-sample.js';
import { copyRepoProject } from '../../test/support/temp-project.js';
import { coreBuildBytes, NEEDED_RAW_COLUMNS, RAW_TABLE } from './core-build-bytes.js';
import { measureTables } from './run.js';

process.env['METADATA_SERVER_DETECTION'] = 'none';

test('the dry run of a full core build reads the raw events once, only the columns the models need; every other model reads pdb tables', async () => {
  const sample = await mkdtemp(join(tmpdir(), 'pdb-bench-bq-sample-'));
  try {
    await generateSample({ outDir: sample, users: 300, days: 5, startDate: '2026-09-01' });
    const dir = await copyRepoProject();
    const { raw, built } = await measureTables(dir, join(sample, 'events_*.parquet'));
    const result = await coreBuildBytes(dir, raw, built);
    assert.equal(result.built.rawReaders, ['stg_events']);
    const stg = result.built.models.find((m) => m.model === 'stg_events')!;
    assert.equal([...stg.reads[0]!.columns].sort(), [...NEEDED_RAW_COLUMNS].sort());
    assert.ok(result.rawNeededBytes > 0 && result.rawNeededBytes < result.rawAllBytes);
    assert.is(result.built.rawBytes, result.rawNeededBytes);
    // What the CLI reported is what the server billed each statement, and every model read something.
    for (const m of result.built.models) {
      assert.is(m.dryRunBytes, m.reads.reduce((s, r) => s + r.bytes, 0), m.model);
      assert.ok(m.reads.length > 0, `${m.model} reads no known table`);
      if (m.model !== 'stg_events') assert.ok(m.reads.every((r) => r.table !== RAW_TABLE), m.model);
    }
    assert.is(result.built.totalBytes, result.built.models.reduce((s, m) => s + (m.dryRunBytes ?? 0), 0));
    // On an empty dataset each estimate inlines its upstreams: the raw events are counted again and again.
    assert.ok(result.fresh.rawReaders.length > 1 && result.fresh.totalBytes > result.built.totalBytes);
  } finally {
    await rm(sample, { recursive: true, force: true });
  }
});

test.run();
