import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatError } from '../../src/errors/format-error.js';
import { errorsOf, isPdbError } from '../../src/errors/pdb-error.js';
import type { PdbError } from '../../src/errors/pdb-error.js';
import { loadProject } from '../../src/project/load-project.js';
import type { LoadProjectOptions } from '../../src/project/load-project.js';

/** A minimal valid project; tests override or add files. */
export const BASE_FILES: Readonly<Record<string, string>> = {
  'project.yml': 'name: demo\n',
  'models/a.sql': 'select 1 as x\n',
};

// Every temporary project of this test process lives under one folder, removed at exit.
const ROOT = mkdtempSync(path.join(tmpdir(), 'pdb-project-tests-'));
process.on('exit', () => rmSync(ROOT, { recursive: true, force: true }));

/** Writes `files` (relative path -> text) into a fresh temporary directory. */
export async function tempProject(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(path.join(ROOT, 'pdb-project-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }
  return dir;
}

/** Loads a temporary project that must fail, and returns its diagnostics. */
export async function loadFailure(
  files: Readonly<Record<string, string>>,
  options: Omit<LoadProjectOptions, 'dir'> = {},
): Promise<readonly PdbError[]> {
  const dir = await tempProject(files);
  try {
    await loadProject({ env: {}, ...options, dir });
  } catch (e) {
    if (isPdbError(e)) return errorsOf(e);
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  throw new Error('expected the project to fail to load');
}

/** The diagnostics as the user reads them (no code frame). */
export async function loadErrors(
  files: Readonly<Record<string, string>>,
  options: Omit<LoadProjectOptions, 'dir'> = {},
): Promise<string[]> {
  return (await loadFailure(files, options)).map((e) => formatError(e));
}
