/**
 * Values as other engines return them: DuckDB's JSON rows give BIGINT as strings, its JS rows
 * give bigint and date objects. Comparison and checks read every value through these.
 */

/** One cell of a row, whatever the row's declared type. */
export function cellOf(row: object, column: string): unknown {
  return (row as Record<string, unknown>)[column];
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number from a number, bigint or numeric string; null for null/undefined; NaN otherwise. */
export function looseNumber(value: unknown): number | null {
  if (value == null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value);
  return Number.NaN;
}

/** Text of a value; a JS Date counts as the calendar date of its UTC midnight. */
export function looseText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** A grain value as a key: numeric grain columns (step, day_n, ...) match 1, 1n and '1'. */
export function looseKey(value: unknown, numeric: boolean): string {
  if (value == null) return '\u0000null';
  if (numeric) {
    const number = looseNumber(value);
    if (number !== null && !Number.isNaN(number)) return String(number);
  }
  return looseText(value);
}

/** How a value is shown in a message. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return looseText(value);
  return JSON.stringify(value);
}
