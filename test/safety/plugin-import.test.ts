import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { packageRoot } from '../../src/plugins/import-plugin.js';
import { duckdbProject } from '../support/duckdb-project.js';
import { repoRoot, runCli } from '../support/temp-project.js';

const MODEL = { 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n" };

test('a plugin with a syntax error: the error itself, at its line and column in the plugin file', async () => {
  const dir = await duckdbProject({
    ...MODEL,
    'project.yml': 'name: t\nplugins:\n  - path: plugins/bad.ts\n',
    'plugins/bad.ts': "export default {\n  name: 'bad',\n  broken: (,\n};\n",
  });
  const result = await runCli(dir, ['run']);
  assert.is(result.code, 2);
  assert.equal(result.stderr, [
    'plugins/bad.ts:3:11: error E_PLUGIN_LOAD: plugin plugins/bad.ts could not be loaded: Unexpected ","',
    '  3 |   broken: (,',
    '    |           ^',
    '  hint: Fix the plugin file (declared at project.yml:3); it must be valid TypeScript with a default export.',
    '1 error.',
    '',
  ].join('\n'));
});

test('a plugin that throws while it loads: its message, at its declaration', async () => {
  const dir = await duckdbProject({
    ...MODEL,
    'project.yml': 'name: t\nplugins:\n  - path: plugins/throws.ts\n',
    'plugins/throws.ts': "const config = undefined as unknown as { x: number };\nexport const n: number = 1;\nif (n === 1) throw new Error('no config here');\nexport default { name: 'throws', config };\n",
  });
  const result = await runCli(dir, ['run']);
  assert.is(result.code, 2);
  assert.ok(result.stderr.startsWith('project.yml:3:5: error E_PLUGIN_LOAD'), result.stderr);
  assert.match(result.stderr, 'plugin plugins/throws.ts could not be loaded: no config here');
});

test('the walk up to package.json ends at the root when there is none', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'pdb-no-package-'));
  assert.is(packageRoot(join(outside, 'a', 'b')), undefined);
  assert.is(packageRoot(join(repoRoot(), 'dist', 'src', 'plugins')), repoRoot());
});

test.run();
