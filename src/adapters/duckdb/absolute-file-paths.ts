import { isAbsolute, resolve } from 'node:path';

// A DuckDB table function that reads files (read_parquet, read_csv_auto, ...) and its first
// argument when that is a string literal: what duckdbDialect.sourceRelation writes for a source file.
const FILE_READER = /\b(read_\w+)(\s*\(\s*)'((?:[^']|'')*)'/gi;
// s3://, https://, gcs:// ...: not a local path.
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The SQL with every relative file path of a reader made absolute against the project directory.
 * Compiled SQL keeps paths relative (the same on every machine; the adapter's connections resolve
 * them against the project), but a view stores its SQL in the database file and is resolved by
 * whoever reads it, from wherever they are: its paths must not depend on a working directory.
 */
export function withAbsoluteFilePaths(sql: string, projectDir: string): string {
  return sql.replace(FILE_READER, (whole, reader: string, open: string, quoted: string) => {
    const path = quoted.replaceAll("''", "'");
    if (isAbsolute(path) || URL.test(path) || path.startsWith('~')) return whole;
    return `${reader}${open}'${resolve(projectDir, path).replaceAll("'", "''")}'`;
  });
}
