import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateSample } from '../../src/sample/generate-sample.js';
import { query, tempDir } from './sample-fixture.js';

const SMALL = { users: 300, days: 10, startDate: '2026-09-01', seed: 7 } as const;

test('the same options give byte-identical Parquet files', async () => {
  const a = tempDir();
  const b = tempDir();
  const ra = await generateSample({ outDir: a, ...SMALL });
  const rb = await generateSample({ outDir: b, ...SMALL });
  assert.is(ra.events, rb.events);
  assert.is(ra.users, 300);
  const names = readdirSync(a).sort();
  assert.equal(names, readdirSync(b).sort());
  // 10 shards and the marker, which records no time or path: byte-identical too.
  assert.is(names.length, 11);
  assert.is(names.filter((n) => n.endsWith('.parquet')).length, 10);
  assert.ok(names.includes('pdb-sample.json'));
  for (const name of names) {
    assert.ok(readFileSync(join(a, name)).equals(readFileSync(join(b, name))), `${name} differs`);
  }
});

test('files are one per UTC day, named like GA4 shards, listed in date order', async () => {
  const dir = tempDir();
  const r = await generateSample({ outDir: dir, ...SMALL, days: 3, startDate: '2026-12-31' });
  assert.equal(r.files, ['events_20261231.parquet', 'events_20270101.parquet', 'events_20270102.parquet'].map((f) => join(dir, f)));
  const [row] = await query(dir, 'SELECT count(*) AS n FROM ev');
  assert.is(Number(row?.['n']), r.events);
});

test('another seed gives other data', async () => {
  const a = tempDir();
  const b = tempDir();
  await generateSample({ outDir: a, ...SMALL, days: 2 });
  await generateSample({ outDir: b, ...SMALL, days: 2, seed: 8 });
  const ids = async (dir: string) => (await query(dir, 'SELECT DISTINCT user_pseudo_id AS u FROM ev ORDER BY 1 LIMIT 5')).map((r) => r['u']);
  assert.not.equal(await ids(a), await ids(b));
});

test('targetEvents scales the users so the total lands near the target', async () => {
  const dir = tempDir();
  const r = await generateSample({ outDir: dir, days: 10, targetEvents: 20_000 });
  assert.ok(r.events > 17_000 && r.events < 23_000, `events ${r.events}`);
  assert.ok(r.users > 100, `users ${r.users}`);
});

test.run();
