import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PdbError } from '../errors/pdb-error.js';
import { PROJECT_FILE } from '../project/project-file.js';

const run = promisify(execFile);

/** The project as it is at a git ref, in a temporary folder: the user's working tree and index are never touched. */
export interface CheckedOutBase {
  /** The project's folder inside the temporary copy; undefined when the project did not exist at that ref. */
  readonly projectDir: string | undefined;
  /** The ref resolved to its commit. */
  readonly commit: string;
  remove(): Promise<void>;
}

/**
 * Writes the tree of `ref` into a temporary folder with `git archive` (no checkout, no worktree
 * entry in the repository), and finds the project in it at the same place it has in the working tree.
 */
export async function checkOutBase(projectDir: string, ref: string): Promise<CheckedOutBase> {
  const git = async (args: readonly string[], cwd = projectDir): Promise<string> => (await run('git', [...args], { cwd, maxBuffer: 1024 * 1024 })).stdout.trim();
  let prefix: string;
  try {
    prefix = await git(['rev-parse', '--show-prefix']);
  } catch (error) {
    throw new PdbError({ code: 'E_DIFF_BASE', message: `--base: the project is not in a git repository (${firstLine(error)}).`, hint: 'Run pdb diff in a git clone, or compare with a previous build\'s artifacts: pdb diff --state <dir>.', location: { file: '--base' } });
  }
  let commit: string;
  try {
    commit = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new PdbError({ code: 'E_DIFF_BASE', message: `--base: '${ref}' names no commit in this repository.`, hint: 'Use a branch, tag or commit that exists here; in CI fetch it first (e.g. git fetch origin main, or actions/checkout with fetch-depth: 0).', location: { file: '--base' } });
  }
  const root = await git(['rev-parse', '--show-toplevel']);
  const dir = await mkdtemp(join(tmpdir(), 'pdb-diff-base-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const archive = join(dir, 'base.tar');
    await git(['archive', '--format=tar', `--output=${archive}`, commit], root);
    await run('tar', ['-xf', archive, '-C', dir]);
    await rm(archive);
  } catch (error) {
    await remove();
    throw new PdbError({ code: 'E_DIFF_BASE', message: `--base: could not write the tree of '${ref}' to a temporary folder: ${firstLine(error)}`, hint: 'Check that git and tar are installed and the temporary folder is writable.', location: { file: '--base' } });
  }
  const project = join(dir, prefix);
  return { projectDir: existsSync(join(project, PROJECT_FILE)) ? project : undefined, commit, remove };
}

function firstLine(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  return (e.stderr?.trim() || e.message || String(error)).split('\n')[0]!;
}
