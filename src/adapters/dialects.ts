import type { TargetType } from '../project/types.js';
import type { Dialect } from './dialect.js';
import { bigqueryDialect } from './bigquery/bigquery-dialect.js';
import { duckdbDialect } from './duckdb/duckdb-dialect.js';

export function dialectFor(type: TargetType): Dialect {
  switch (type) {
    case 'duckdb':
      return duckdbDialect;
    case 'bigquery':
      return bigqueryDialect;
  }
}
