import type { QueryColumns, QueryResult } from './adapter.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT64|NUMERIC|BIGNUMERIC|DECIMAL(\(\d+,\s*\d+\))?)$/i;

/**
 * Rows with the numbers of numeric columns as JSON numbers. Engines hand big integers and
 * decimals over as strings (they may not fit a double); where the value does fit exactly (an
 * integer within 2^53, a decimal that reads back the same) it becomes a number, so artifacts and
 * machine-readable output keep numbers as numbers. Other values are left as they are.
 */
export function withPlainNumbers(rows: QueryResult['rows'], columns: QueryColumns): Record<string, unknown>[] {
  const numeric = columns.columns.filter((_, i) => NUMERIC.test(columns.columnTypes[i] ?? ''));
  if (numeric.length === 0) return rows.map((row) => ({ ...row }));
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const column of numeric) {
      const value = out[column];
      if (typeof value === 'string' && fitsNumber(value)) out[column] = Number(value);
    }
    return out;
  });
}

function fitsNumber(text: string): boolean {
  const n = Number(text);
  if (!Number.isFinite(n) || text.trim() === '') return false;
  if (/^-?\d+$/.test(text)) return Number.isSafeInteger(n);
  // A decimal: only when the double prints back as the same digits (trailing zeros aside).
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return String(n) === trimmed;
}
