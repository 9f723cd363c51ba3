import type { Dialect } from '../dialect.js';
import type { SourceTable, Target } from '../../project/types.js';

const quote = (name: string): string => `\`${name.replaceAll('`', '\\`')}\``;
const quoteString = (value: string): string => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export const bigqueryDialect: Dialect = {
  type: 'bigquery',
  formatterLanguage: 'bigquery',
  quoteIdentifier: quote,
  quoteString,
  relation(target: Target, schema: string | undefined, alias: string): string {
    if (target.type !== 'bigquery') return quote(alias);
    return quote(`${target.project}.${schema ?? target.dataset}.${alias}`);
  },
  sourceLocation(table: SourceTable): string | undefined {
    return table.bigquery?.table;
  },
  // One quoted path, as BigQuery needs for wildcard tables (`project.dataset.events_*`).
  sourceRelation(_table: SourceTable, renderedLocation: string): string {
    return quote(renderedLocation);
  },
};
