import type { Dialect } from '../dialect.js';
import type { SourceTable } from '../../project/types.js';
import type { RelationName } from '../relation-name.js';

const quote = (name: string): string => `\`${name.replaceAll('`', '\\`')}\``;
const quoteString = (value: string): string => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export const bigqueryDialect: Dialect = {
  type: 'bigquery',
  formatterLanguage: 'bigquery',
  lexicon: { backslashEscapes: true, hashComments: true, dollarQuotes: false },
  quoteIdentifier: quote,
  quoteString,
  offlineValidator: 'zetasql',
  shardedSources: true,
  relation(name: RelationName): string {
    return quote([name.database, name.schema, name.name].filter((part) => part !== undefined).join('.'));
  },
  sourceLocation(table: SourceTable): string | undefined {
    return table.bigquery?.table;
  },
  addDays: (date, days) => `date_add(${date}, interval ${days} day)`,
  percentile: (column, percent) => `approx_quantiles(${column}, 100)[offset(${Math.round(percent)})]`,
  // One quoted path, as BigQuery needs for wildcard tables (`project.dataset.events_*`).
  sourceRelation(_table: SourceTable, renderedLocation: string): string {
    return quote(renderedLocation);
  },
};
