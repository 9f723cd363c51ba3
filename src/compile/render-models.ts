import type { Dialect } from '../adapters/dialect.js';
import { PdbError } from '../errors/pdb-error.js';
import type { LoadedProject, ModelConfig, ModelId, ParsedModel } from '../project/types.js';
import { TemplateEnvironment, type RenderedModel } from '../templating/template-environment.js';
import { sha256 } from './checksum.js';
import type { CompileCache } from './compile-cache.js';
import { applyConfigOverrides } from './config-overrides.js';

export interface ModelRender {
  readonly model: ParsedModel;
  readonly rendered: RenderedModel;
  /** Folder, YAML and in-file config merged. */
  readonly config: ModelConfig;
  readonly rawChecksum: string;
}

/**
 * Renders every model once for the target's dialect (dbt's parse and compile in one pass:
 * refs are recorded and left as tokens). All errors of all models are returned together.
 */
export function renderModels(project: LoadedProject, dialect: Dialect, env: Readonly<Record<string, string | undefined>>, cache: CompileCache): { renders: Map<ModelId, ModelRender>; errors: PdbError[] } {
  const renders = new Map<ModelId, ModelRender>();
  const errors: PdbError[] = [];
  let environment: TemplateEnvironment | undefined;
  for (const model of project.models) {
    const rawChecksum = sha256(model.rawSql);
    let rendered = cache.render(model.path, rawChecksum, env);
    if (rendered === undefined) {
      try {
        environment ??= new TemplateEnvironment({ project, dialect, env });
        rendered = environment.render(model.path, model.rawSql, model.name);
        cache.storeRender(model.path, rawChecksum, rendered);
      } catch (error) {
        if (!(error instanceof PdbError)) throw error;
        errors.push(error);
        continue;
      }
    }
    const merged = applyConfigOverrides(model.config, rendered.config, { file: model.path, line: lineOf(model.rawSql, /\bconfig\s*\(/) });
    errors.push(...merged.errors);
    renders.set(model.id, { model, rendered, config: merged.config, rawChecksum });
  }
  return { renders, errors };
}

/** 1-based line of the first match, or 1. */
export function lineOf(text: string, pattern: RegExp): number {
  const index = text.search(pattern);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}
