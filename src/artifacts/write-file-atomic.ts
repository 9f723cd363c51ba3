import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The one way pdb writes a file: through a temporary file and a rename, so a reader (or the next
 * run, after a kill) never sees half a file. Unchanged files are not rewritten unless asked
 * (`skipUnchanged: false` saves reading a file that is rewritten anyway, e.g. a cache).
 */
export async function writeFileAtomic(path: string, content: string, options: { readonly skipUnchanged?: boolean } = {}): Promise<boolean> {
  if (options.skipUnchanged !== false) {
    const existing = await readFile(path, 'utf8').catch(() => undefined);
    if (existing === content) return false;
  }
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return true;
}
