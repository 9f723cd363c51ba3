/**
 * An unchanged `pdb build` of the example project (core models, data-quality gate, qa tests,
 * insights): every model and test reused, the source's data-quality checks standing from the
 * run that built the one-pass table, and the insights hook reused, with the same results as
 * the build before it. A new day of events runs them all again.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateSample } from '../../src/sample/generate-sample.js';
import { runResultsFile } from '../support/duckdb-project.js';
import { expectOk, repoProjectOn, runCli } from '../insights/support.js';

/** Each result as `id status`, with whether it was reused (the one pass's staging under the gate left out: a reused table is not staged). */
async function results(dir: string): Promise<{ steps: string[]; reused: string[] }> {
  const { json } = await runResultsFile(dir);
  const kept = json.results.filter((r) => !String(r['id']).startsWith('stage.'));
  return {
    steps: kept.map((r) => `${String(r['id'])} ${String(r['status'])}`),
    reused: kept.filter((r) => r['reused'] === true).map((r) => String(r['id'])),
  };
}

test('an unchanged build reuses every model, test, data-quality check and the insights; a new day runs them again', async () => {
  const events = await mkdtemp(join(tmpdir(), 'pdb-unchanged-sample-'));
  process.once('exit', () => rmSync(events, { recursive: true, force: true }));
  await generateSample({ outDir: events, users: 400, days: 30, seed: 7 });
  const lastDay = (await readdir(events)).filter((f) => f.endsWith('.parquet')).sort().at(-1)!;
  await rename(join(events, lastDay), join(events, `${lastDay}.later`));
  const { dir, vars } = await repoProjectOn(events);

  expectOk(await runCli(dir, ['build', ...vars]), 'first build');
  const first = await results(dir);
  assert.ok(first.steps.some((s) => s.startsWith('test.data_quality.')), 'the first build scans the source');
  assert.equal(first.reused, []);

  const again = await runCli(dir, ['build', ...vars]);
  expectOk(again, 'unchanged build');
  const second = await results(dir);
  assert.equal(second.steps, first.steps, 'the same steps with the same statuses');
  assert.equal(second.reused, second.steps.map((s) => s.split(' ')[0]!), 'every step reused, the hook included');
  assert.match(again.stdout, /Data quality: the source is unchanged; its \d+ checks stand/);
  assert.match(again.stdout, '[insights] details: target/insights/insights.md');
  assert.match(again.stdout, /: 0 built, \d+ reused, 0 failed/, 'the summary counts reused tables apart from built ones');

  await rename(join(events, `${lastDay}.later`), join(events, lastDay));
  expectOk(await runCli(dir, ['build', ...vars]), 'build with a new day');
  const third = await results(dir);
  assert.ok(third.reused.length < third.steps.length / 2, `only ${third.steps.length - third.reused.length} steps ran: ${third.reused.join(', ')}`);
  assert.not.ok(third.reused.includes('hook.insights.afterRun'));
  assert.not.ok(third.reused.some((id) => id.startsWith('test.data_quality.')));
});

test.run();
