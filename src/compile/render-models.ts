import { PdbError } from '../errors/pdb-error.js';
import type { CanonicalColumn, LoadedProject, ModelConfig, ModelId, ParsedModel } from '../project/types.js';
import type { RenderedModel, TemplateEnvironment } from '../templating/template-environment.js';
import { sha256 } from './checksum.js';
import { lookbackDaysOf, usesIncrementalReplaced } from './incremental-since.js';
import type { CompileCache } from './compile-cache.js';
import { applyConfigOverrides } from './config-overrides.js';

export interface ModelRender {
  readonly model: ParsedModel;
  readonly rendered: RenderedModel;
  /** Folder, YAML and in-file config merged. */
  readonly config: ModelConfig;
  readonly rawChecksum: string;
  /** Why the model is disabled by its data: a required mapping field is missing, or it reads such a model. */
  readonly disabledReason?: string;
}

/**
 * Renders every model once for the target's dialect (dbt's parse and compile in one pass:
 * refs are recorded and left as tokens). All errors of all models are returned together.
 */
export async function renderModels(project: LoadedProject, templates: () => Promise<TemplateEnvironment>, env: Readonly<Record<string, string | undefined>>, cache: CompileCache): Promise<{ renders: Map<ModelId, ModelRender>; errors: PdbError[] }> {
  const renders = new Map<ModelId, ModelRender>();
  const errors: PdbError[] = [];
  // Nunjucks is loaded (and the macros compiled) only when some model is not in the cache.
  const checksums = project.models.map((m) => sha256(m.rawSql));
  const misses = project.models.filter((m, i) => cache.peekRender(m.path, checksums[i]!, env) === undefined).length;
  const environment = misses > 0 ? await templates() : undefined;
  for (const [index, model] of project.models.entries()) {
    const rawChecksum = checksums[index]!;
    let rendered = cache.render(model.path, rawChecksum, env);
    if (rendered === undefined) {
      try {
        rendered = environment!.render(model.path, model.rawSql, model.name, model.config.requires ?? []);
        cache.storeRender(model.path, rawChecksum, rendered);
      } catch (error) {
        if (!(error instanceof PdbError)) throw error;
        errors.push(error);
        continue;
      }
    }
    const merged = applyConfigOverrides(model.config, rendered.config, () => ({ file: model.path, line: lineOf(model.rawSql, /\bconfig\s*\(/) }));
    errors.push(...merged.errors);
    if (merged.config.materialized === 'incremental' && merged.config.partitionBy === undefined) {
      errors.push(new PdbError({
        code: 'E_CONFIG',
        message: `incremental model ${model.name} has no partition_by: pdb replaces the dates an incremental build touches, so it needs the date column.`,
        hint: "Add config(partition_by='event_date') (or partition_by: {field: event_date} in its YAML config), or make it a table.",
        location: { file: model.path, line: lineOf(model.rawSql, /\bconfig\s*\(/) },
      }));
    }
    // Any other materialization builds in full, where incremental_replaced() is false.
    if (merged.config.materialized === 'incremental' && usesIncrementalReplaced(rendered.sql) && (lookbackDaysOf(rendered.sql) === undefined || (merged.config.uniqueKey ?? []).length === 0)) {
      errors.push(new PdbError({
        code: 'E_CONFIG',
        message: `${model.name} uses incremental_replaced(), which needs an incremental model with incremental_since() and a unique_key: the rows it replaces are those from incremental_since() on and those of the keys it recomputes.`,
        hint: "Make it config(materialized='incremental', partition_by=..., unique_key=['user_id']) and filter its input on incremental_since(), or drop incremental_replaced().",
        location: { file: model.path, line: lineOf(model.rawSql, /\bincremental_replaced\s*\(/) },
      }));
    }
    const missing = [...new Set([...(rendered.missingRequired ?? []), ...unavailable(merged.config.requires ?? [], project)])].sort();
    if (missing.length > 0 && merged.config.enabled) {
      renders.set(model.id, { model, rendered, config: { ...merged.config, enabled: false }, rawChecksum, disabledReason: `the mapping has no ${missing.map((f) => (f === 'funnel' ? 'funnel steps' : f)).join(', ')}` });
    } else {
      renders.set(model.id, { model, rendered, config: merged.config, rawChecksum });
    }
  }
  disableDownstreamOfMissingData(renders);
  return { renders, errors };
}

/** 1-based line of the first match, or 1. */
export function lineOf(text: string, pattern: RegExp): number {
  const index = text.search(pattern);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

/** A model that reads a model disabled for missing data is disabled too, naming the cause. */
function disableDownstreamOfMissingData(renders: Map<ModelId, ModelRender>): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const [id, render] of renders) {
      if (!render.config.enabled) continue;
      const cause = render.rendered.refs.map((ref) => renders.get(ref as ModelId)).find((r) => r?.disabledReason !== undefined);
      if (cause === undefined) continue;
      renders.set(id, { ...render, config: { ...render.config, enabled: false }, disabledReason: `it reads ${cause.model.name}, which is disabled: ${cause.disabledReason}` });
      changed = true;
    }
  }
}

/** Required fields the project's mapping does not provide: a column it does not map, or no funnel steps. */
function unavailable(requires: readonly string[], project: LoadedProject): string[] {
  const mapping = project.mapping;
  return requires.filter((field) => (field === 'funnel' ? (mapping?.funnel.length ?? 0) === 0 : mapping?.columns[field as CanonicalColumn] === undefined));
}
