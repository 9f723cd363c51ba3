import type { LoadedProject } from '../project/types.js';
import { sha256 } from './checksum.js';

/**
 * Everything outside a model's own file that can change how it renders: a cached render is valid
 * only while this hash is the same. The pdb version is part of it so an upgrade recompiles.
 */
export function compileContextHash(project: LoadedProject, pdbVersion: string): string {
  return sha256(
    JSON.stringify({
      pdbVersion,
      target: project.target,
      vars: project.vars,
      mapping: project.mapping ?? null,
      sources: project.sources,
      macros: project.macros,
      models: project.models.map((m) => m.name),
    }),
  );
}
