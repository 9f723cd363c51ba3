/**
 * Catalog tables for ZetaSQL: a source's declared columns (BigQuery types from `data_type`) or
 * a model's analyzed output, under the name the compiled SQL uses (the quoted path, unquoted).
 */
import { PdbError } from '../errors/pdb-error.js';
import type { SourceTable } from '../project/types.js';
import { parseBigQueryType } from './bigquery-type.js';
import { ERROR_MESSAGE_MULTI_LINE_WITH_CARET, PRODUCT_EXTERNAL, TYPE_KIND, type ColumnProto, type TableProto } from './zetasql-protocol.js';

/** `` `my-project.pdb_core.dau` `` -> `my-project.pdb_core.dau`: one catalog name, as BigQuery reads a quoted path. */
export function catalogName(relation: string): string {
  const trimmed = relation.trim();
  return trimmed.startsWith('`') && trimmed.endsWith('`') ? trimmed.slice(1, -1) : trimmed;
}

/** The source as a catalog table, or the error saying which columns it must declare. */
export function sourceCatalogTable(source: SourceTable, tableName: string): { table: TableProto } | { error: PdbError } {
  const label = `${source.sourceName}.${source.name}`;
  if (source.columns.length === 0) {
    return {
      error: new PdbError({
        code: 'E_BIGQUERY_SOURCE_SCHEMA',
        message: `source '${label}' declares no columns, so the BigQuery SQL that reads it cannot be checked.`,
        location: source.location,
        hint: `Add columns: to the '${source.name}' table of source '${source.sourceName}', each with its BigQuery data_type, e.g. - { name: event_name, data_type: STRING }.`,
      }),
    };
  }
  const column: ColumnProto[] = [];
  const problems: string[] = [];
  for (const c of source.columns) {
    if (c.dataType === undefined) {
      problems.push(`column '${c.name}' has no data_type`);
      continue;
    }
    const parsed = parseBigQueryType(c.dataType);
    if (parsed.ok) column.push({ name: c.name, type: parsed.type });
    else problems.push(`column '${c.name}': ${parsed.message}`);
  }
  if (problems.length > 0) {
    return {
      error: new PdbError({
        code: 'E_BIGQUERY_SOURCE_SCHEMA',
        message: `source '${label}': ${problems.join('; ')}.`,
        location: source.location,
        hint: 'Give every column a BigQuery data_type: STRING, INT64, FLOAT64, BOOL, DATE, TIMESTAMP, NUMERIC, STRUCT<name TYPE, ...> or ARRAY<TYPE>.',
      }),
    };
  }
  // A wildcard table (GA4's daily events_*) has the _TABLE_SUFFIX pseudo-column.
  if (tableName.endsWith('*')) column.push({ name: '_TABLE_SUFFIX', type: { typeKind: TYPE_KIND.STRING }, isPseudoColumn: true });
  return { table: { name: tableName, column } };
}

/** Language options as the analyzer and the catalog's built-in functions need them. */
export interface ZetaSqlLanguage {
  readonly languageOptions: Record<string, unknown>;
}

/** BigQuery's dialect: every feature of this build, external product mode (no internal-only types). */
export function bigQueryLanguage(maximumFeatures: Record<string, unknown>): ZetaSqlLanguage {
  return { languageOptions: { ...maximumFeatures, productMode: PRODUCT_EXTERNAL } };
}

/** Analyzer options: BigQuery's UTC default time zone, and messages with `[at line:col]`. */
export function analyzerOptions(language: ZetaSqlLanguage): Record<string, unknown> {
  return { languageOptions: language.languageOptions, errorMessageMode: ERROR_MESSAGE_MULTI_LINE_WITH_CARET, defaultTimezone: 'UTC' };
}

/** A catalog of `tables` with the built-in functions loaded. */
export function simpleCatalog(language: ZetaSqlLanguage, tables: readonly TableProto[]): Record<string, unknown> {
  return { name: 'pdb', table: tables, builtinFunctionOptions: { languageOptions: language.languageOptions } };
}
