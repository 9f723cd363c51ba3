import type * as DuckDb from '@duckdb/node-api';

/**
 * DuckDB's JavaScript API, loaded on first use: a command that needs no database never loads
 * it. Bundled (scripts/bundle-cli.mjs), a dynamically imported CommonJS module comes as its
 * default export only; unbundled, Node gives both. Either way, this is the module.
 */
export async function loadDuckDb(): Promise<typeof DuckDb> {
  const module = (await import('@duckdb/node-api')) as typeof DuckDb & { readonly default?: typeof DuckDb };
  return module.default ?? module;
}
