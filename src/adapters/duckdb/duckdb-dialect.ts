import type { Dialect } from '../dialect.js';
import type { SourceTable } from '../../project/types.js';
import type { RelationName } from '../relation-name.js';

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

function readerFor(table: SourceTable, path: string): string {
  const format = table.duckdb?.format ?? formatFromExtension(path);
  switch (format) {
    case 'parquet':
      return `read_parquet(${quoteString(path)})`;
    case 'csv':
      return `read_csv_auto(${quoteString(path)})`;
    case 'json':
      return `read_json_auto(${quoteString(path)})`;
  }
}

function formatFromExtension(path: string): 'parquet' | 'csv' | 'json' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.csv.gz') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.json') || lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json.gz')) return 'json';
  return 'parquet';
}

export const duckdbDialect: Dialect = {
  type: 'duckdb',
  formatterLanguage: 'duckdb',
  lexicon: { backslashEscapes: false, hashComments: false, dollarQuotes: true },
  quoteIdentifier: quote,
  quoteString,
  offlineValidator: 'none',
  // A glob of files named by day (GA4 exports: events_YYYYMMDD.parquet) is pruned by file name.
  shardedSources: true,
  relation(name: RelationName): string {
    return `${quote(name.schema)}.${quote(name.name)}`;
  },
  addDays: (date, days) => `cast(${date} + ${days} as date)`,
  percentile: (column, percent) => `quantile_cont(${column}, ${percent / 100})`,
  sourceLocation(table: SourceTable): string | undefined {
    return table.duckdb?.path ?? table.duckdb?.table;
  },
  // File paths stay relative in compiled SQL (the adapter sets DuckDB's file_search_path to the
  // project directory), so compiled output is the same on every machine.
  sourceRelation(table: SourceTable, renderedLocation: string): string {
    if (table.duckdb?.path !== undefined) return readerFor(table, renderedLocation);
    return renderedLocation.split('.').map(quote).join('.');
  },
};
