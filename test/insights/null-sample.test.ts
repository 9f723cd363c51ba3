/**
 * A sample with no planted effects (`effects: false`: no weak channel, no country differences)
 * gives no significant segment finding at the 5% false discovery rate. One small seed here; the
 * count over several seeds is measured by `npm run bench:insights -- false-positives`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateSample } from '../../src/sample/generate-sample.js';
import { expectOk, readInsights, repoProjectOn, runCli } from './support.js';

test('no planted effects: segments are tested, none is significant', async () => {
  const events = await mkdtemp(join(tmpdir(), 'pdb-null-sample-'));
  await generateSample({ outDir: events, users: 8000, seed: 11, effects: false });
  const { dir, vars } = await repoProjectOn(events);
  try {
    expectOk(await runCli(dir, ['build', ...vars]), 'pdb build');
  } finally {
    await rm(events, { recursive: true, force: true });
  }
  const { json } = await readInsights(dir);
  const segments = json.findings.filter((f) => f.kind === 'segment' && f.test !== null);
  assert.ok(segments.length >= 50, `only ${segments.length} segment tests`);
  assert.equal(segments.filter((f) => f.significant).map((f) => f.key), []);
  // The same engine does find the weak channel when the effect is planted (planted-facts.test.ts).
});

test.run();
