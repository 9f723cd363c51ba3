import type { Dialect } from '../adapters/dialect.js';
import type { DialectInfo } from './plugin-api.js';

/** What plugins see of the target's dialect: quoting and the few SQL forms that differ by engine. */
export function dialectInfo(dialect: Dialect): DialectInfo {
  return { type: dialect.type, quoteIdentifier: dialect.quoteIdentifier, quoteString: dialect.quoteString, addDays: dialect.addDays, percentile: dialect.percentile };
}
