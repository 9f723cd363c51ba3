import { isAbsolute, join } from 'node:path';
import type { LoadedProject } from '../project/types.js';
import { DuckDbStateStore } from './duckdb-state-store.js';
import type { StateStore } from './state-store.js';

/** Shares one knowledge base between projects when set (a file path). */
export const STATE_PATH_VARIABLE = 'PDB_STATE_PATH';

/** The project's run-state store: `state-path` in project.yml, or PDB_STATE_PATH, or `.pdb/state.duckdb`. */
export function openStateStore(project: LoadedProject, env: Readonly<Record<string, string | undefined>>): StateStore {
  const configured = env[STATE_PATH_VARIABLE] || project.config.statePath;
  const file = isAbsolute(configured) ? configured : join(project.dir, configured);
  return new DuckDbStateStore(file, configured);
}

/** Built relations are kept per project and target: two projects may share a store and a target name. */
export const stateTargetKey = (project: LoadedProject): string => `${project.config.name}/${project.target.name}`;
