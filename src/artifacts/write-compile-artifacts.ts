import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompiledModel } from '../compile/compiled-model.js';
import { stableJson } from './stable-json.js';
import { writeFileAtomic, writeFilesAtomicSync } from './write-file-atomic.js';

/** `target/compiled/<target>/<model path>`, relative to the project. */
export const compiledPath = (targetPath: string, targetName: string, modelPath: string): string => `${targetPath}/compiled/${targetName}/${modelPath}`;

/**
 * Writes each model's compiled SQL and the manifest. After a full compile (no selection),
 * compiled files of models that no longer exist are removed, so the folder mirrors the project.
 */
export async function writeCompileArtifacts(options: {
  projectDir: string;
  targetPath: string;
  targetName: string;
  compiled: readonly CompiledModel[];
  manifest: object;
  full: boolean;
  /** The checksum a compiled file had when last written, if known: such a file is not read back. */
  previousChecksum?: (path: string) => string | undefined;
}): Promise<{ written: number }> {
  const { projectDir, targetPath, targetName, compiled } = options;
  // Into a folder that is not there yet (a cold compile), no file needs reading back first.
  const fresh = !existsSync(join(projectDir, targetPath, 'compiled', targetName));
  const toWrite = compiled.flatMap((m) => {
    const relative = compiledPath(targetPath, targetName, m.path);
    const path = join(projectDir, relative);
    return options.previousChecksum?.(relative) === m.compiledChecksum && existsSync(path) ? [] : [{ path, content: m.sql, skipUnchanged: !fresh }];
  });
  const results = writeFilesAtomicSync(toWrite);
  await writeFileAtomic(join(projectDir, targetPath, 'manifest.json'), stableJson(options.manifest));
  if (options.full) await removeStale(join(projectDir, targetPath, 'compiled', targetName), new Set(compiled.map((m) => m.path)));
  return { written: results.filter(Boolean).length };
}

async function removeStale(root: string, keep: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const stale = entries
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => !keep.has(file.slice(root.length + 1).split('\\').join('/')));
  await Promise.all(stale.map((file) => rm(file, { force: true })));
}
