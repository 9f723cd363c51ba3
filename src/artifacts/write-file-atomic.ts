import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Many files at once (a compile's SQL), the same way, but synchronously: each asynchronous write
 * pays several thread-pool round trips (read back, mkdir, write, rename), which for 1,000 small
 * files cost more than the writing (as for reading, see readTexts). Each folder is made once.
 * Returns, per file, whether it was written.
 */
export function writeFilesAtomicSync(files: readonly { readonly path: string; readonly content: string; readonly skipUnchanged?: boolean }[]): boolean[] {
  // Folders made or found, and whether this call made them (a new folder holds no file to compare).
  const folders = new Map<string, boolean>();
  return files.map(({ path, content, skipUnchanged }) => {
    const folder = dirname(path);
    let isNew = folders.get(folder);
    if (isNew === undefined) {
      isNew = mkdirSync(folder, { recursive: true }) !== undefined;
      folders.set(folder, isNew);
    }
    if (skipUnchanged !== false && !isNew) {
      let existing: string | undefined;
      try {
        existing = readFileSync(path, 'utf8');
      } catch {
        existing = undefined;
      }
      if (existing === content) return false;
    }
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, content);
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    return true;
  });
}
