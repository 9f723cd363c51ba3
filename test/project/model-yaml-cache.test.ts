/** Unchanged model YAML files are read from target/cache; changed ones and ones with mistakes never are. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { isPdbError } from '../../src/errors/pdb-error.js';
import { loadProject } from '../../src/project/load-project.js';
import { tempProject } from '../support/temp-project.js';

const FILES = {
  'project.yml': 'name: cached\n',
  'models/a.sql': 'select 1 as x\n',
  'models/a.yml': 'models:\n  - name: a\n    description: First.\n    columns:\n      - name: x\n        tests: [not_null]\n',
};

const CACHE = ['target', 'cache', 'model-yaml.json'];

test('a compile keeps what it read; the next one reads it back while the file is unchanged', async () => {
  const dir = await tempProject(FILES);
  await compile({ dir, env: {} });
  const cacheFile = join(dir, ...CACHE);
  const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as { files: Record<string, { docs: { description: string }[] }> };
  const [key] = Object.keys(cached.files);
  assert.is(cached.files[key!]!.docs[0]!.description, 'First.');
  // Proof the cache is what is read: change the cached description (the file still says First.).
  cached.files[key!]!.docs[0]!.description = 'From the cache.';
  await writeFile(cacheFile, JSON.stringify(cached));
  assert.is((await compile({ dir, env: {} })).project.models[0]!.description, 'From the cache.');
  // Without the cache, and after an edit, the file itself is read.
  assert.is((await loadProject({ dir, env: {} })).models[0]!.description, 'First.');
  await writeFile(join(dir, 'models', 'a.yml'), FILES['models/a.yml'].replace('First.', 'Edited.'));
  assert.is((await compile({ dir, env: {} })).project.models[0]!.description, 'Edited.');
  assert.is((await compile({ dir, env: {}, cache: false })).project.models[0]!.description, 'Edited.');
});

test('a file with a mistake is reported on every run, never cached', async () => {
  const dir = await tempProject({ ...FILES, 'models/a.yml': 'models:\n  - name: a\n    descripton: typo\n' });
  for (let run = 0; run < 2; run++) {
    try {
      await compile({ dir, env: {} });
      assert.unreachable('the typo must be reported');
    } catch (error) {
      assert.ok(isPdbError(error));
      assert.ok(String((error as Error).message).includes('descripton'), (error as Error).message);
    }
  }
});

test('a corrupt cache is ignored', async () => {
  const dir = await tempProject(FILES);
  await compile({ dir, env: {} });
  await writeFile(join(dir, ...CACHE), '{ not json');
  assert.is((await compile({ dir, env: {} })).project.models[0]!.description, 'First.');
});

test.run();
