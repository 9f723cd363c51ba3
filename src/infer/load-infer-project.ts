import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { ProjectOptions } from '../api.js';
import { errorsOf, isPdbError, type PdbError } from '../errors/pdb-error.js';
import { loadProject } from '../project/load-project.js';
import type { LoadedProject } from '../project/types.js';

/**
 * Loads the project for `pdb infer`, which must work before a mapping exists (or while the old one
 * is broken). When the only errors are the mapping's, the project is loaded again without it: from
 * a shadow folder of links to the project's files and a project.yml without `mapping:`.
 * (A `mapping: 'optional'` option of loadProject would make this unnecessary.)
 */
export async function loadInferProject(options: ProjectOptions): Promise<LoadedProject> {
  const dir = resolve(options.dir);
  const load = (from: string): Promise<LoadedProject> =>
    loadProject({ dir: from, env: options.env ?? process.env, target: options.target, vars: options.vars, profilesDir: options.profilesDir });
  try {
    return await load(dir);
  } catch (error) {
    const mappingFile = await mappingPath(dir);
    if (!isPdbError(error) || !errorsOf(error).every((e) => isMappingError(e, mappingFile))) throw error;
  }
  const shadow = await mkdtemp(join(tmpdir(), 'pdb-infer-'));
  try {
    for (const entry of await readdir(dir)) {
      if (entry === 'project.yml') continue;
      await symlink(join(dir, entry), join(shadow, entry));
    }
    const document = parseDocument(await readFile(join(dir, 'project.yml'), 'utf8'));
    document.delete('mapping');
    await writeFile(join(shadow, 'project.yml'), document.toString());
    const project = await load(shadow);
    return { ...project, dir, mapping: undefined };
  } finally {
    await rm(shadow, { recursive: true, force: true });
  }
}

function isMappingError(error: PdbError, mappingFile: string | undefined): boolean {
  return error.code.startsWith('E_MAPPING') || (mappingFile !== undefined && error.location?.file === mappingFile);
}

/** The mapping file project.yml names, as the project loader spells it. */
async function mappingPath(dir: string): Promise<string | undefined> {
  const text = await readFile(join(dir, 'project.yml'), 'utf8').catch(() => undefined);
  const value: unknown = text === undefined ? undefined : parseDocument(text).get('mapping');
  return typeof value === 'string' ? value.replace(/^\.\//, '') : undefined;
}

