/**
 * Row-by-row comparison of two sets of metric tables, matched on each model's grain, reported as
 * readable lines (model, row key, column, expected, actual). Used by the SQL tests to show
 * exactly where an engine's result leaves the reference.
 */
import { cellOf, looseKey, looseNumber, looseText, showValue } from './loose-values.js';
import {
  CORE_MODEL_NAMES,
  MODEL_GRAIN,
  NUMERIC_GRAIN_COLUMNS,
  type CoreModelName,
  type LooseMetricTables,
  type LooseRow,
} from './types.js';

export interface CompareOptions {
  /** Numbers match when |a - e| <= relTol * max(|a|, |e|) ... */
  readonly relTol?: number;
  /** ... or |a - e| <= absTol (sums that cancel to about 0 differ by summation order). */
  readonly absTol?: number;
  /** Lines per model before the rest is summarized in one line. */
  readonly maxDiffsPerModel?: number;
}

/** Differences of `actual` from `expected`; empty when they match. Models absent from both are skipped. */
export function compareMetricTables(
  expected: LooseMetricTables,
  actual: LooseMetricTables,
  options: CompareOptions = {},
): string[] {
  const relTol = options.relTol ?? 1e-9;
  const absTol = options.absTol ?? 1e-9;
  const maxDiffs = options.maxDiffsPerModel ?? 50;
  const differences: string[] = [];
  for (const model of CORE_MODEL_NAMES) {
    const expectedRows = expected[model];
    const actualRows = actual[model];
    if (expectedRows === undefined && actualRows === undefined) continue;
    if (expectedRows === undefined) {
      differences.push(`${model}: table not expected, actual has ${actualRows!.length} rows`);
      continue;
    }
    if (actualRows === undefined) {
      differences.push(`${model}: table missing in actual (expected ${expectedRows.length} rows)`);
      continue;
    }
    const found = compareTable(model, expectedRows, actualRows, (e, a) => numbersMatch(e, a, relTol, absTol));
    differences.push(...found.slice(0, maxDiffs));
    if (found.length > maxDiffs) differences.push(`${model}: ... and ${found.length - maxDiffs} more differences`);
  }
  return differences;
}

function compareTable(
  model: CoreModelName,
  expectedRows: readonly LooseRow[],
  actualRows: readonly LooseRow[],
  numbersEqual: (expected: number, actual: number) => boolean,
): string[] {
  const grain = MODEL_GRAIN[model];
  const keyOf = (row: LooseRow): string =>
    JSON.stringify(grain.map((column) => looseKey(cellOf(row, column), NUMERIC_GRAIN_COLUMNS.has(column))));
  const showKey = (row: LooseRow): string =>
    `[${grain.map((column) => `${column}=${looseText(cellOf(row, column))}`).join(', ')}]`;
  const differences: string[] = [];

  // column sets are reported once per table, then only shared columns are compared
  const expectedColumns = columnsOf(expectedRows);
  const actualColumns = columnsOf(actualRows);
  for (const column of expectedColumns) {
    if (!actualColumns.has(column) && actualRows.length > 0) differences.push(`${model}: column ${column} missing in actual`);
  }
  for (const column of actualColumns) {
    if (!expectedColumns.has(column) && expectedRows.length > 0) differences.push(`${model}: unexpected column ${column} in actual`);
  }

  const actualByKey = new Map<string, LooseRow>();
  for (const row of actualRows) {
    const key = keyOf(row);
    if (actualByKey.has(key)) differences.push(`${model} ${showKey(row)}: duplicate row in actual`);
    else actualByKey.set(key, row);
  }
  const expectedKeys = new Set<string>();
  for (const row of expectedRows) {
    const key = keyOf(row);
    expectedKeys.add(key);
    const other = actualByKey.get(key);
    if (other === undefined) {
      differences.push(`${model} ${showKey(row)}: missing row, expected ${showRow(row)}`);
      continue;
    }
    for (const column of Object.keys(row)) {
      if (!actualColumns.has(column)) continue;
      const want = cellOf(row, column);
      const got = cellOf(other, column);
      if (!valuesMatch(want, got, numbersEqual)) {
        differences.push(`${model} ${showKey(row)}: ${column} expected ${showValue(want)}, actual ${showValue(got)}`);
      }
    }
  }
  for (const row of actualRows) {
    if (!expectedKeys.has(keyOf(row))) differences.push(`${model} ${showKey(row)}: extra row ${showRow(row)}`);
  }
  return differences;
}

function columnsOf(rows: readonly LooseRow[]): Set<string> {
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) columns.add(column);
  return columns;
}

function valuesMatch(
  expected: unknown,
  actual: unknown,
  numbersEqual: (expected: number, actual: number) => boolean,
): boolean {
  if (expected == null || actual == null) return expected == null && actual == null;
  if (typeof expected === 'number') {
    const number = looseNumber(actual);
    return number !== null && numbersEqual(expected, number);
  }
  return looseText(expected) === looseText(actual);
}

function numbersMatch(expected: number, actual: number, relTol: number, absTol: number): boolean {
  if (expected === actual) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
  const difference = Math.abs(expected - actual);
  return difference <= absTol || difference <= relTol * Math.max(Math.abs(expected), Math.abs(actual));
}

function showRow(row: LooseRow): string {
  return `{${Object.entries(row)
    .map(([column, value]) => `${column}: ${showValue(value)}`)
    .join(', ')}}`;
}
