/** `pdb report` and `pdb docs`: the page again from the tables already built, with no rebuild. */
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject, runCli } from '../support/temp-project.js';
import { sampleBuild } from './sample-build.js';

test('`pdb report` writes the report of the built tables again; `pdb docs` prints the address of its docs section', async () => {
  const { dir } = await sampleBuild();
  const file = join(dir, 'target', 'report', 'index.html');
  await rm(file);
  const report = await runCli(dir, ['report']);
  assert.is(report.code, 0, report.stderr);
  assert.match(report.stdout, /^\[report\] target\/report\/index\.html \(\d+ KB\) in \d+ ms\nReport of 18 built tables in \d+\.\d\d s: /);
  assert.ok(report.stdout.trimEnd().endsWith(pathToFileURL(file).href));
  assert.ok((await stat(file)).size > 100_000);
  const html = await readFile(file, 'utf8');
  // The results of the last build (run_results.json): its tests and models are in the page.
  assert.match(html, /from run_results\.json/);
  const docs = await runCli(dir, ['docs']);
  assert.is(docs.code, 0, docs.stderr);
  assert.ok(docs.stdout.trimEnd().endsWith(`${pathToFileURL(file).href}#docs`));
});

test('`pdb report` before any build says to build first (exit 2)', async () => {
  const dir = await copyRepoProject();
  const result = await runCli(dir, ['report']);
  assert.is(result.code, 2);
  assert.match(result.stderr, "no model of this project is built in target 'dev' yet.");
  assert.match(result.stderr, 'Run `pdb build` first; `pdb report` reads the tables it builds.');
});

test.run();
