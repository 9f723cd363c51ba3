/**
 * Compiled SQL keeps the layout its author gave the model (as dbt and Dataform do), with the
 * whitespace the templating left tidied: trailing spaces, blank lines in a row (the lines of
 * `{{ config() }}`, `{% set %}` and `{% if %}` tags), indentation common to every line. This is
 * linear in the SQL's length; sql-formatter's parse (about 1.5 ms per model) is kept for SQL that
 * has no layout to keep: a line longer than LAID_OUT_MAX_LINE, as a macro that builds a query on
 * one line writes it.
 */
import type { SqlLexicon } from '../adapters/dialect.js';

/** The longest line of SQL taken as laid out by a person. */
export const LAID_OUT_MAX_LINE = 200;

/**
 * The SQL with its whitespace tidied, ending with one newline; undefined when it has no layout to
 * keep (a line longer than LAID_OUT_MAX_LINE) or when a string literal or quoted name spans lines
 * (whitespace there is data, so the SQL is left to sql-formatter, which keeps literals whole).
 */
export function tidySql(sql: string, lexicon: SqlLexicon): string | undefined {
  if (literalSpansLines(sql, lexicon)) return undefined;
  const lines = tidyLines(sql);
  if (lines.some((line) => line.length > LAID_OUT_MAX_LINE)) return undefined;
  return `${lines.join('\n')}\n`;
}

/** The tidied lines of SQL whose literals are on one line each, indented by `indent` (no newline at the end). */
export function indentedLines(sql: string, indent: string): string {
  return tidyLines(sql).map((line) => (line === '' ? line : `${indent}${line}`)).join('\n');
}

/** Trailing whitespace, leading, trailing and repeated blank lines and the common indentation removed. */
function tidyLines(sql: string): string[] {
  const kept: string[] = [];
  for (const line of sql.split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(trimmed);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  const indent = commonIndent(kept);
  return indent === 0 ? kept : kept.map((line) => line.slice(indent));
}

/** Leading whitespace every non-blank line shares (as characters, so tabs and spaces are not mixed up). */
function commonIndent(lines: readonly string[]): number {
  let common: string | undefined;
  for (const line of lines) {
    if (line === '') continue;
    const leading = /^[ \t]*/.exec(line)![0];
    if (common === undefined) {
      common = leading;
      continue;
    }
    let same = 0;
    while (same < common.length && same < leading.length && common[same] === leading[same]) same++;
    common = common.slice(0, same);
    if (common === '') return 0;
  }
  return common?.length ?? 0;
}

/**
 * Whether a quoted string or name holds a line break: a scan of quotes and comments, with the
 * engine's escapes (a doubled quote always is one), raw and triple-quoted strings and dollar quotes.
 */
export function literalSpansLines(sql: string, lexicon: SqlLexicon): boolean {
  const { backslashEscapes, hashComments, dollarQuotes } = lexicon;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      if (end < 0) return false;
      i = end + 1;
    } else if (c === '#' && hashComments) {
      const end = sql.indexOf('\n', i);
      if (end < 0) return false;
      i = end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const prefix = /[A-Za-z]*$/.exec(sql.slice(Math.max(0, i - 3), i))![0].toLowerCase();
      const raw = prefix === 'r' || prefix === 'rb' || prefix === 'br';
      const quote = backslashEscapes && c !== '`' && sql.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      // E'...' strings take backslash escapes on engines whose plain strings do not (DuckDB, PostgreSQL).
      const end = closingQuote(sql, i + quote.length, quote, backslashEscapes ? !raw : prefix === 'e' && c === "'");
      if (end < 0) return true;
      if (sql.slice(i, end).includes('\n')) return true;
      i = end + quote.length;
    } else if (c === '$' && dollarQuotes) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (tag === null || /[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
        i++;
        continue;
      }
      const end = sql.indexOf(tag[0], i + tag[0].length);
      if (end < 0 || sql.slice(i, end).includes('\n')) return true;
      i = end + tag[0].length;
    } else {
      i++;
    }
  }
  return false;
}

/** Where `quote` closes from `from` on (-1 if never): a backslash escapes when `escapes`; a doubled single quote is a quote. */
function closingQuote(sql: string, from: number, quote: string, escapes: boolean): number {
  let i = from;
  while (i < sql.length) {
    const c = sql[i]!;
    if (escapes && c === '\\') {
      i += 2;
    } else if (sql.startsWith(quote, i)) {
      if (quote.length === 1 && sql[i + 1] === quote) i += 2;
      else return i;
    } else {
      i++;
    }
  }
  return -1;
}
