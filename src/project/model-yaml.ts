import { PdbError } from '../errors/pdb-error.js';
import type { SourceLocation } from '../errors/pdb-error.js';
import { configLayer } from './model-config.js';
import type { ConfigLayer } from './model-config.js';
import { isRecord } from './project-file.js';
import { compileSchema, validateYaml } from './schema-validation.js';
import { MODEL_YAML_SCHEMA } from './schemas/model-yaml-schema.js';
import type { ColumnDoc, DataTestDecl, SourceTable } from './types.js';
import { locate, parseYamlFile } from './yaml-file.js';
import type { YamlFile, YamlPath } from './yaml-file.js';

const validateModelYaml = compileSchema(MODEL_YAML_SCHEMA);

/** What a YAML file says about one model; attached to the model file of the same name later. */
export interface ModelDoc {
  readonly name: string;
  readonly yamlPath: string;
  readonly description?: string;
  readonly columns: readonly ColumnDoc[];
  readonly tests: readonly DataTestDecl[];
  readonly config: ConfigLayer;
  /** Where `name:` is written, for unknown-model and duplicate errors. */
  readonly nameLocation: SourceLocation;
}

export interface ModelYaml {
  readonly docs: readonly ModelDoc[];
  readonly sources: readonly SourceTable[];
}

/** Reads one `models/**\/*.yml`: model docs and sources, as far as they are valid. */
export function readModelYaml(path: string, text: string): { yaml: ModelYaml; errors: PdbError[] } {
  const parsed = parseYamlFile(path, text);
  const file = parsed.file;
  const errors = [...parsed.errors];
  if (parsed.errors.length > 0 || file.value === undefined) return { yaml: { docs: [], sources: [] }, errors };
  errors.push(...validateYaml(validateModelYaml, file, file.value));
  const root = isRecord(file.value) ? file.value : {};
  const docs: ModelDoc[] = [];
  records(root['models']).forEach(([raw, i]) => {
    if (typeof raw['name'] !== 'string') return;
    const at: YamlPath = ['models', i];
    const description = raw['description'];
    docs.push({
      name: raw['name'],
      yamlPath: path,
      ...(typeof description === 'string' ? { description } : {}),
      columns: records(raw['columns']).flatMap(([col, j]) => {
        if (typeof col['name'] !== 'string') return [];
        const columnDoc: ColumnDoc = {
          name: col['name'],
          ...(typeof col['description'] === 'string' ? { description: col['description'] } : {}),
          ...(typeof col['data_type'] === 'string' ? { dataType: col['data_type'] } : {}),
          tests: testDecls(file, col['tests'], [...at, 'columns', j, 'tests'], col['name']),
        };
        return [columnDoc];
      }),
      tests: testDecls(file, raw['tests'], [...at, 'tests'], undefined),
      config: isRecord(raw['config']) ? configLayer(raw['config'], '') : {},
      nameLocation: locate(file, [...at, 'name']),
    });
  });
  const sources: SourceTable[] = [];
  records(root['sources']).forEach(([source, i]) => {
    const sourceName = source['name'];
    if (typeof sourceName !== 'string') return;
    records(source['tables']).forEach(([table, j]) => {
      if (typeof table['name'] !== 'string') return;
      const at: YamlPath = ['sources', i, 'tables', j];
      const duckdb = isRecord(table['duckdb']) ? duckdbLocation(table['duckdb']) : undefined;
      if (duckdb !== undefined && (duckdb.path === undefined) === (duckdb.table === undefined)) {
        errors.push(
          new PdbError({
            code: 'E_SOURCE_DUCKDB',
            message: `Source table '${sourceName}.${table['name']}' must give exactly one of 'path' or 'table' under 'duckdb'.`,
            location: locate(file, [...at, 'duckdb']),
            hint: "Use 'path:' for files (Parquet, CSV, JSON; globs allowed) or 'table:' for a table in the DuckDB database.",
          }),
        );
      }
      const bigquery = isRecord(table['bigquery']) && typeof table['bigquery']['table'] === 'string' ? { table: table['bigquery']['table'] } : undefined;
      const loc = locate(file, at);
      sources.push({
        sourceName,
        name: table['name'],
        ...(typeof table['description'] === 'string' ? { description: table['description'] } : {}),
        ...(duckdb === undefined ? {} : { duckdb }),
        ...(bigquery === undefined ? {} : { bigquery }),
        columns: records(table['columns']).flatMap(([col]) =>
          typeof col['name'] === 'string'
            ? [
                {
                  name: col['name'],
                  ...(typeof col['data_type'] === 'string' ? { dataType: col['data_type'] } : {}),
                  ...(typeof col['description'] === 'string' ? { description: col['description'] } : {}),
                },
              ]
            : [],
        ),
        location: { file: loc.file, line: loc.line ?? 1, column: loc.column ?? 1 },
      });
    });
  });
  return { yaml: { docs, sources }, errors };
}

/** The mappings in a list, with their indexes (other entries were reported by the schema). */
function records(value: unknown): [Record<string, unknown>, number][] {
  if (!Array.isArray(value)) return [];
  const out: [Record<string, unknown>, number][] = [];
  value.forEach((v, i) => {
    if (isRecord(v)) out.push([v, i]);
  });
  return out;
}

function duckdbLocation(raw: Record<string, unknown>): NonNullable<SourceTable['duckdb']> {
  const format = raw['format'];
  return {
    ...(typeof raw['path'] === 'string' ? { path: raw['path'] } : {}),
    ...(typeof raw['table'] === 'string' ? { table: raw['table'] } : {}),
    ...(format === 'parquet' || format === 'csv' || format === 'json' ? { format } : {}),
  };
}

/** `not_null` or `{ accepted_range: { min_value: 0, severity: warn } }` as DataTestDecl. */
function testDecls(file: YamlFile, value: unknown, at: YamlPath, column: string | undefined): DataTestDecl[] {
  if (!Array.isArray(value)) return [];
  const decls: DataTestDecl[] = [];
  value.forEach((entry: unknown, i) => {
    let kind: string;
    let rawArgs: Record<string, unknown> = {};
    if (typeof entry === 'string' && entry !== '') kind = entry;
    else if (isRecord(entry)) {
      const keys = Object.keys(entry);
      if (keys.length !== 1) return;
      kind = keys[0] as string;
      const args = entry[kind];
      if (args !== null && !isRecord(args)) return;
      rawArgs = args ?? {};
    } else return;
    const { severity, ...args } = rawArgs;
    const loc = locate(file, [...at, i]);
    decls.push({
      kind,
      ...(column === undefined ? {} : { column }),
      args,
      severity: severity === 'warn' ? 'warn' : 'error',
      location: { file: loc.file, line: loc.line ?? 1, column: loc.column ?? 1 },
    });
  });
  return decls;
}
