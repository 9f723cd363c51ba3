import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileAtomic } from '../../src/artifacts/write-file-atomic.js';

test('writes, skips an unchanged file unless asked, and leaves no temporary file when the rename fails', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pdb-atomic-'));
  const file = join(dir, 'a', 'out.json');
  assert.is(await writeFileAtomic(file, '{"a":1}'), true);
  assert.is(await writeFileAtomic(file, '{"a":1}'), false);
  assert.is(await writeFileAtomic(file, '{"a":1}', { skipUnchanged: false }), true);
  assert.is(await readFile(file, 'utf8'), '{"a":1}');

  // A folder where the file should go: the rename fails, and nothing is left beside it.
  const blocked = join(dir, 'b', 'out.json');
  await mkdir(join(blocked, 'inside'), { recursive: true });
  let failed = false;
  try {
    await writeFileAtomic(blocked, 'x');
  } catch {
    failed = true;
  }
  assert.ok(failed);
  assert.equal(await readdir(join(dir, 'b')), ['out.json']);
});

test.run();
