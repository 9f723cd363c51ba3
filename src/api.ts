/**
 * pdb's pipeline, from the front door: load the project, render every model, build the DAG,
 * select, compile for the target's engine, write the artifacts. Each stage takes plain data and
 * returns new plain data (see DESIGN.md); the CLI commands are thin wrappers around these.
 */
import { join } from 'node:path';
import { dialectFor } from './adapters/dialects.js';
import { buildManifest } from './artifacts/manifest.js';
import { compiledPath, writeCompileArtifacts } from './artifacts/write-compile-artifacts.js';
import { CompileCache } from './compile/compile-cache.js';
import { compileContextHash } from './compile/compile-context.js';
import { compileModels } from './compile/compile-models.js';
import type { CompiledModel } from './compile/compiled-model.js';
import { graphNodes } from './compile/graph-nodes.js';
import { renderModels, type ModelRender } from './compile/render-models.js';
import { throwIfAny } from './errors/pdb-error.js';
import { buildGraph, type ModelGraph } from './graph/model-graph.js';
import { select } from './graph/select.js';
import { loadProject } from './project/load-project.js';
import type { LoadedProject, ModelId } from './project/types.js';
import { PDB_VERSION } from './version.js';

export interface ProjectOptions {
  /** Project directory (absolute, or relative to the current directory). */
  readonly dir: string;
  readonly target?: string;
  readonly vars?: Readonly<Record<string, unknown>>;
  readonly profilesDir?: string;
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reuse renders and formatting from the previous compile (default true). */
  readonly cache?: boolean;
}

export interface CompileOutcome {
  readonly project: LoadedProject;
  readonly graph: ModelGraph;
  /** Selected models in build order. */
  readonly models: readonly CompiledModel[];
  /** Selector items that matched no model, for a warning. */
  readonly unmatched: readonly string[];
  readonly filesWritten: number;
}

export interface SelectedModels {
  readonly project: LoadedProject;
  readonly graph: ModelGraph;
  readonly renders: ReadonlyMap<ModelId, ModelRender>;
  /** In build order. */
  readonly selected: readonly ModelId[];
  readonly unmatched: readonly string[];
  readonly cache: CompileCache;
}

/** Loads, renders every model, builds the DAG and applies the selection: what `pdb ls` shows. */
export async function selectModels(options: ProjectOptions): Promise<SelectedModels> {
  const env = options.env ?? process.env;
  const project = await loadProject({ dir: options.dir, env, target: options.target, vars: options.vars, profilesDir: options.profilesDir });
  const cacheFile = join(project.dir, project.config.targetPath, 'cache', `compile-${project.target.name}.json`);
  const cache = options.cache === false ? CompileCache.disabled() : await CompileCache.load(cacheFile, compileContextHash(project, PDB_VERSION));

  const { renders, errors } = renderModels(project, dialectFor(project.target.type), env, cache);
  throwIfAny(errors);
  const nodes = graphNodes(renders);
  throwIfAny(nodes.errors);
  const graph = buildGraph(nodes.nodes);
  const { ids, unmatched } = select(graph, { select: options.select ?? [], exclude: options.exclude ?? [] });
  return { project, graph, renders, selected: ids, unmatched, cache };
}

/** Selected models, compiled (no database, no network) and written to target/. */
export async function compile(options: ProjectOptions): Promise<CompileOutcome> {
  const { project, graph, renders, selected, unmatched, cache } = await selectModels(options);
  const models = compileModels(project, renders, selected, dialectFor(project.target.type), cache);

  const { targetPath } = project.config;
  const manifest = buildManifest(project, renders, models, (m) => compiledPath(targetPath, project.target.name, m));
  const full = (options.select ?? []).length === 0 && (options.exclude ?? []).length === 0;
  const { written } = await writeCompileArtifacts({ projectDir: project.dir, targetPath, targetName: project.target.name, compiled: models, manifest, full });
  await cache.save();
  return { project, graph, models, unmatched, filesWritten: written };
}
