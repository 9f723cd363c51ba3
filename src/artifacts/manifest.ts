import type { CompiledModel } from '../compile/compiled-model.js';
import type { ModelRender } from '../compile/render-models.js';
import type { LoadedProject, ModelConfig, ModelId } from '../project/types.js';

export const MANIFEST_SCHEMA_VERSION = 'pdb.manifest.v1';

/**
 * target/manifest.json: every enabled model with its configuration, dependencies, documentation,
 * tests and checksums. No timestamps, absolute paths or ids that change between runs.
 */
export function buildManifest(project: LoadedProject, renders: ReadonlyMap<ModelId, ModelRender>, compiled: readonly CompiledModel[], compiledPathOf: (model: CompiledModel) => string): object {
  const compiledById = new Map(compiled.map((m) => [m.id, m]));
  const models: Record<string, unknown> = {};
  for (const [id, render] of renders) {
    if (!render.config.enabled) continue;
    const { model, rendered, config } = render;
    const done = compiledById.get(id);
    models[model.name] = {
      package: model.package ?? project.config.name,
      path: model.path,
      yaml_path: model.yamlPath,
      description: model.description ?? '',
      config: configJson(config),
      tags: config.tags,
      depends_on: {
        models: [...new Set(rendered.refs)].sort(),
        sources: [...new Set(rendered.sources.map((s) => `${s.sourceName}.${s.table}`))].sort(),
      },
      columns: model.columns.map((c) => ({ name: c.name, description: c.description ?? '', data_type: c.dataType, tests: c.tests.map(testJson) })),
      tests: model.tests.map(testJson),
      relation: done?.relation,
      compiled_path: done === undefined ? undefined : compiledPathOf(done),
      checksums: { raw_sql: render.rawChecksum, compiled_sql: done?.compiledChecksum ?? null },
    };
  }
  const sources: Record<string, unknown> = {};
  for (const s of project.sources) {
    sources[`${s.sourceName}.${s.name}`] = { source: s.sourceName, table: s.name, description: s.description ?? '', duckdb: s.duckdb, bigquery: s.bigquery, columns: s.columns, path: s.location.file };
  }
  return {
    metadata: { schema_version: MANIFEST_SCHEMA_VERSION, project: project.config.name, target: { name: project.target.name, type: project.target.type } },
    models,
    sources,
  };
}

export function configJson(config: ModelConfig): object {
  return {
    enabled: config.enabled,
    materialized: config.materialized,
    tags: config.tags,
    schema: config.schema,
    alias: config.alias,
    partition_by: config.partitionBy === undefined ? undefined : { field: config.partitionBy.field, data_type: config.partitionBy.dataType, granularity: config.partitionBy.granularity },
    cluster_by: config.clusterBy,
    unique_key: config.uniqueKey,
    requires: config.requires,
  };
}

function testJson(test: { kind: string; column?: string; args: Readonly<Record<string, unknown>>; severity: string }): object {
  return { kind: test.kind, column: test.column, args: test.args, severity: test.severity };
}
