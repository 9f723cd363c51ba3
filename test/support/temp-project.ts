/**
 * Temporary pdb projects and an in-process CLI for tests: a project is a `Record<path, text>`
 * written into a fresh directory, and the CLI runs with captured output, that directory as its
 * working directory and an environment holding only what the test sets.
 */
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/io.js';

export type ProjectFiles = Readonly<Record<string, string>>;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The repository root (the folder holding package.json), found from this file, compiled or not. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the test file');
    dir = parent;
  }
  return dir;
}

// Temporary directories of this test process, removed when it exits (kept with PDB_KEEP_TMP=1, to debug).
const made = new Set<string>();
process.once('exit', () => {
  if (process.env['PDB_KEEP_TMP'] !== undefined) return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function freshDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Writes `files` (relative path -> text) into a fresh directory under the OS temp dir; returns its path. */
export async function tempProject(files: ProjectFiles): Promise<string> {
  const dir = await freshDir('pdb-test-');
  await writeFiles(dir, files);
  return dir;
}

/** Writes (or overwrites) files in an existing directory. */
export async function writeFiles(dir: string, files: ProjectFiles): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

/** Every file under `dir/sub` as relative path (forward slashes) -> text, paths sorted. */
export async function readTree(dir: string, sub = '.'): Promise<Record<string, string>> {
  const root = join(dir, sub);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const paths = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1).split('\\').join('/'))
    .sort();
  const tree: Record<string, string> = {};
  for (const path of paths) tree[path] = await readFile(join(root, path), 'utf8');
  return tree;
}

/** Reads every file of a fixture folder (relative to the repo root) as a `ProjectFiles`. */
export async function fixtureFiles(folder: string): Promise<Record<string, string>> {
  return readTree(repoRoot(), folder);
}

/**
 * The repo's example project (project.yml, profiles.yml, mapping.yml and the source in models/),
 * copied to a fresh directory: the core models come from pdb's core package, as a user gets them.
 */
export async function copyRepoProject(): Promise<string> {
  const root = repoRoot();
  const dir = await freshDir('pdb-repo-');
  for (const entry of ['project.yml', 'profiles.yml', 'mapping.yml', 'models']) {
    await cp(join(root, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

/**
 * Runs `pdb <argv>` in-process with `cwd` as the working directory and only `env` as the environment.
 * The CLI is imported on first use, so tests of the earlier stages do not load every command.
 */
export async function runCli(cwd: string, argv: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env: { ...env },
    interactive: false,
  };
  const { main } = await import('../../src/cli/main.js');
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A compile summary with its timing replaced, so it can be compared exactly. */
export const withoutTiming = (text: string): string => text.replace(/ in \d+\.\d\d s:/g, ' in <t> s:');
