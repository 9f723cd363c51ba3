/**
 * Copies the repository's own pdb project (the core-metric models) to a folder of its own, so a
 * benchmark build starts from no target/ and never touches the working tree's database.
 */
import { cp, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What a build of the project reads; target/, data/ and the sources of pdb itself stay behind. */
export const PROJECT_ENTRIES: readonly string[] = ['project.yml', 'profiles.yml', 'mapping.yml', 'benchmarks.yml', 'models', 'macros', 'tests', 'plugins'];

/** Copies the entries that exist; project.yml is required. Returns the entries copied. */
export async function copyProject(repoRoot: string, dest: string): Promise<string[]> {
  if (!existsSync(join(repoRoot, 'project.yml'))) throw new Error(`${repoRoot} has no project.yml to copy`);
  await mkdir(dest, { recursive: true });
  const copied: string[] = [];
  for (const entry of PROJECT_ENTRIES) {
    if (!existsSync(join(repoRoot, entry))) continue;
    await cp(join(repoRoot, entry), join(dest, entry), { recursive: true });
    copied.push(entry);
  }
  return copied;
}
