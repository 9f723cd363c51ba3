import { resolve } from 'node:path';
import type { ProjectOptions } from '../api.js';
import { loadProject } from '../project/load-project.js';
import type { LoadedProject } from '../project/types.js';

/**
 * Loads the project for `pdb infer`, which must work before a mapping exists (or while the old one
 * is broken): the mapping is optional, every other mistake in the project is still an error.
 */
export function loadInferProject(options: ProjectOptions): Promise<LoadedProject> {
  return loadProject({ dir: resolve(options.dir), env: options.env ?? process.env, target: options.target, vars: options.vars, profilesDir: options.profilesDir, mapping: 'optional' });
}
