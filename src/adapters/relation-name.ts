import type { Target } from '../project/types.js';

/** Where a model is materialized, before quoting: BigQuery's project, dataset and table; DuckDB's schema and table. */
export interface RelationName {
  /** The BigQuery project; none on DuckDB (the target's database file). */
  readonly database?: string;
  /** The schema (DuckDB) or dataset (BigQuery). */
  readonly schema: string;
  readonly name: string;
}

/**
 * The one place a model's relation is named: its `schema` and `alias` config, else the target's
 * schema (dataset) and the model's name. The compiler quotes it (Dialect.relation); the adapters
 * address the same relation through the engine's API.
 */
export function relationName(target: Target, config: { readonly schema?: string | undefined; readonly alias?: string | undefined }, modelName: string): RelationName {
  const name = config.alias ?? modelName;
  switch (target.type) {
    case 'duckdb':
      return { schema: config.schema ?? target.schema, name };
    case 'bigquery':
      return { database: target.project, schema: config.schema ?? target.dataset, name };
  }
}
