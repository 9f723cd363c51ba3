import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { PdbError } from '../errors/pdb-error.js';

/** A file found under a project folder. */
export interface FoundFile {
  /** Relative to the project directory, forward slashes. */
  readonly path: string;
  /** Relative to the folder that was scanned (e.g. the model path), forward slashes. */
  readonly inner: string;
}

/** Forward-slash path of `absolute` relative to `dir` (absolute if outside `dir`). */
export function projectRelative(dir: string, absolute: string): string {
  const rel = path.relative(dir, absolute);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return absolute.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/**
 * Every file under `folder` (relative to `dir`) whose name ends with one of `extensions`, sorted
 * by path; `undefined` when the folder does not exist. Hidden entries and node_modules are
 * skipped, and so are the `exclude` folders (e.g. the target path, which holds compiled SQL).
 */
export async function findFiles(
  dir: string,
  folder: string,
  extensions: readonly string[],
  exclude: readonly string[] = [],
): Promise<FoundFile[] | undefined> {
  const root = path.resolve(dir, folder);
  const excluded = new Set(exclude.map((e) => path.resolve(dir, e)));
  try {
    if (!(await stat(root)).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const found: FoundFile[] = [];
  // One path.relative for the folder, not one per file: it is measurable with 10,000 files.
  const prefix = projectRelative(dir, root);
  const walk = async (absolute: string, inner: string): Promise<void> => {
    const entries = await readdir(absolute, { withFileTypes: true });
    const subfolders: Promise<void>[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const childAbs = path.join(absolute, entry.name);
      const childInner = inner === '' ? entry.name : `${inner}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(childAbs).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir && !excluded.has(childAbs)) subfolders.push(walk(childAbs, childInner));
      else if (isFile && extensions.some((ext) => entry.name.endsWith(ext))) {
        found.push({ path: prefix === '' ? childInner : `${prefix}/${childInner}`, inner: childInner });
      }
    }
    await Promise.all(subfolders);
  };
  await walk(root, '');
  return found.sort((a, b) => compare(a.path, b.path));
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: PdbError };

/**
 * Reads many files. Measured on the reference machine (Node 20, 2 cores) for 10,000 small model
 * files: readFileSync about 0.1 s, fs/promises readFile in parallel (any concurrency from 4 to
 * 512) 0.55-1.1 s, callback readFile 0.4-0.7 s: every async read pays several thread-pool round
 * trips (open, stat, read, close). Local project files are small, so synchronous reads win by
 * far; the function stays async so the strategy can change without touching callers.
 */
export async function readTexts(dir: string, files: readonly string[]): Promise<ReadResult[]> {
  return files.map((file): ReadResult => {
    try {
      return { ok: true, text: readFileSync(path.resolve(dir, file), 'utf8') };
    } catch (cause) {
      return {
        ok: false,
        error: new PdbError({
          code: 'E_FILE_READ',
          message: `Cannot read ${file}: ${cause instanceof Error ? cause.message : String(cause)}.`,
          location: { file },
          hint: 'Check that the file exists and is readable.',
          cause,
        }),
      };
    }
  });
}
