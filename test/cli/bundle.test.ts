/**
 * bin/pdb.js runs the one-file bundle (dist/src/pdb-cli.js, made by the build): the same compiled
 * SQL as the modules it was bundled from, including the formatting workers of a large compile.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { readTree, repoRoot, tempProject } from '../support/temp-project.js';

const run = promisify(execFile);

// Enough models (over 150) that formatting runs in worker threads, which the bundle must find.
function project(count: number): Record<string, string> {
  const files: Record<string, string> = { 'project.yml': 'name: bundled\n', 'models/m_0.sql': 'select 1 as n, current_date as d\n' };
  for (let i = 1; i < count; i++) files[`models/m_${i}.sql`] = `select n + ${i} as n_${i}, d from {{ ref('m_${i - 1}') }} where n > ${i}\n`;
  return files;
}

test('the build writes the bundle, and bin/pdb.js compiles with it exactly as the modules do', async () => {
  assert.ok(existsSync(join(repoRoot(), 'dist', 'src', 'pdb-cli.js')), 'npm run build (and npm test) bundle the CLI');
  const files = project(160);
  const viaBundle = await tempProject(files);
  const inProcess = await tempProject(files);
  const { stdout } = await run(process.execPath, [join(repoRoot(), 'bin', 'pdb.js'), 'compile', '--project-dir', viaBundle], { cwd: viaBundle, env: { PATH: process.env['PATH'] ?? '' } });
  assert.match(stdout, /^Compiled 160 models for target /);
  await compile({ dir: inProcess, env: {} });
  const bundled = await readTree(viaBundle, 'target/compiled');
  assert.is(Object.keys(bundled).length, 160);
  assert.equal(bundled, await readTree(inProcess, 'target/compiled'));
});

test('bin/pdb.js --version through the bundle', async () => {
  const { stdout } = await run(process.execPath, [join(repoRoot(), 'bin', 'pdb.js'), '--version']);
  const { PDB_VERSION: version } = await import('../../src/version.js');
  assert.is(stdout.trim(), version);
});

test.run();
