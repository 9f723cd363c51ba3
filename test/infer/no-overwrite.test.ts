import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject } from '../support/temp-project.js';
import { readText, runInfer } from './infer-harness.js';

test('an existing mapping is never overwritten without --force (exit 2, file untouched)', async () => {
  const dir = await copyRepoProject();
  const before = await readText(dir, 'mapping.yml');
  const result = await runInfer(dir, []);
  assert.is(result.code, 2);
  assert.is(result.stdout, '');
  assert.ok(result.stderr.includes('mapping.yml already exists; pdb infer never overwrites a mapping without --force.'), result.stderr);
  assert.ok(result.stderr.includes('--force'));
  assert.is(await readText(dir, 'mapping.yml'), before);
});

test.run();
