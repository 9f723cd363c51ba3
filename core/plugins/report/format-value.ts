/**
 * Values as the report shows them: rates as percentages and money rounded, exactly as `pdb show`
 * prints them, counts with thousands separators; a missing value as a dash.
 */
import { formatBytes, formatUsd } from '../../../src/cost/format-bytes.js';
import type { Unit } from './report-data.js';

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'rate':
      return `${ONE_DECIMAL.format(value * 100)}%`;
    case 'money':
      return TWO_DECIMALS.format(value);
    case 'count':
      return Number.isInteger(value) ? INTEGER.format(value) : UP_TO_ONE_DECIMAL.format(value);
  }
}

// The formats of `pdb show` (src/show/format-value.ts), made once: a report formats thousands of cells,
// and toLocaleString builds a new formatter on every call. test/report checks they agree.
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TWO_DECIMALS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INTEGER = new Intl.NumberFormat('en-US');
const UP_TO_ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A change as a signed percentage (`+4.2%`), or for rates in percentage points (`-1.3 pp`). */
export function formatChange(value: number | null, previous: number | null, change: number | null, unit: Unit): string {
  if (unit === 'rate') {
    if (value === null || previous === null) return '–';
    const points = (value - previous) * 100;
    return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp`;
  }
  if (change === null) return '–';
  return `${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)}%`;
}

/** Bytes and dollars as the cost table of `pdb build --dry-run` prints them. */
export function formatBytesOrDash(bytes: number | null): string {
  return bytes === null ? '–' : formatBytes(bytes);
}

export function formatUsdOrDash(amount: number | null): string {
  return amount === null ? '–' : formatUsd(amount);
}
