import { CONFIG_KEYS } from '../project/config-keys.js';
import type { CompiledModel } from '../compile/compiled-model.js';
import type { ModelRender } from '../compile/render-models.js';
import type { LoadedProject, ModelConfig, ModelId } from '../project/types.js';

export const MANIFEST_SCHEMA_VERSION = 'pdb.manifest.v1';

/** What the manifest needs besides the project: which invocation writes it, and the one it replaces. */
export interface ManifestContext {
  readonly invocationId: string;
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
  /** The previous target/manifest.json, parsed, if there was one. */
  readonly previous?: unknown;
  /** A source location as the engine reads it (var() and env_var() rendered); undefined when it cannot be rendered. */
  readonly renderLocation: (text: string, file: string) => string | undefined;
}

/**
 * target/manifest.json: every enabled model with its configuration, dependencies, documentation,
 * tests and checksums, and every source with its locations rendered. Which invocation wrote it
 * and when are in `metadata` (as dbt's); no absolute paths. A model left out of a selected
 * compile keeps the compiled checksum and path of the previous manifest while its raw SQL is
 * unchanged, so a partial compile never drops what a full one recorded.
 */
export function buildManifest(project: LoadedProject, renders: ReadonlyMap<ModelId, ModelRender>, compiled: readonly CompiledModel[], compiledPathOf: (model: CompiledModel) => string, context: ManifestContext): object {
  const compiledById = new Map(compiled.map((m) => [m.id, m]));
  const previousModels = previousModelsOf(context.previous);
  const models: Record<string, unknown> = {};
  for (const [id, render] of renders) {
    if (!render.config.enabled) continue;
    const { model, rendered, config } = render;
    const done = compiledById.get(id);
    const kept = done === undefined ? previousModels[model.name] : undefined;
    const carried = kept !== undefined && kept.checksums?.raw_sql === render.rawChecksum && typeof kept.checksums.compiled_sql === 'string' ? kept : undefined;
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
      relation: done?.relation ?? carried?.relation,
      compiled_path: done === undefined ? carried?.compiled_path : compiledPathOf(done),
      checksums: { raw_sql: render.rawChecksum, compiled_sql: done?.compiledChecksum ?? carried?.checksums?.compiled_sql ?? null },
    };
  }
  const sources: Record<string, unknown> = {};
  for (const s of project.sources) {
    const render = (text: string | undefined): string | undefined => (text === undefined ? undefined : (context.renderLocation(text, s.location.file) ?? text));
    const duckdb = s.duckdb === undefined ? undefined : { ...s.duckdb, path: render(s.duckdb.path), table: render(s.duckdb.table) };
    const bigquery = s.bigquery === undefined ? undefined : { table: render(s.bigquery.table) };
    sources[`${s.sourceName}.${s.name}`] = { source: s.sourceName, table: s.name, description: s.description ?? '', duckdb, bigquery, columns: s.columns, path: s.location.file };
  }
  return {
    metadata: {
      schema_version: MANIFEST_SCHEMA_VERSION,
      project: project.config.name,
      target: { name: project.target.name, type: project.target.type },
      invocation_id: context.invocationId,
      generated_at: context.generatedAt,
    },
    models,
    sources,
  };
}

export function configJson(config: ModelConfig): object {
  const json: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = config[key.field];
    json[key.name] = value === undefined ? undefined : key.write(value);
  }
  return json;
}

function testJson(test: { kind: string; column?: string; args: Readonly<Record<string, unknown>>; severity: string }): object {
  return { kind: test.kind, column: test.column, args: test.args, severity: test.severity };
}

interface PreviousModel {
  readonly relation?: string;
  readonly compiled_path?: string;
  readonly checksums?: { readonly raw_sql?: string; readonly compiled_sql?: string | null };
}

function previousModelsOf(previous: unknown): Readonly<Record<string, PreviousModel | undefined>> {
  const models = (previous as { models?: unknown } | undefined)?.models;
  return models !== null && typeof models === 'object' ? (models as Record<string, PreviousModel>) : {};
}
