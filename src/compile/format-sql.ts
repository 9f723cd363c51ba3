import { format } from 'sql-formatter';
import type { Dialect } from '../adapters/dialect.js';

/** Reviewable SQL: the same formatting for the same input on every machine. */
export function formatSql(sql: string, dialect: Dialect): string {
  try {
    return `${format(sql, { language: dialect.formatterLanguage, tabWidth: 2, keywordCase: 'preserve' }).trimEnd()}\n`;
  } catch {
    // The formatter does not know every construct of every engine; unformatted SQL is still
    // correct SQL, and the engine (or the validator) reports real syntax errors with lines.
    return `${sql.trim()}\n`;
  }
}
