/** Cell values as both engines return them, read the same way by the built-in plugins. */

/** A date value of either engine (a Date, BigQuery's `{ value }`, or text) as 'YYYY-MM-DD'. */
export function dateString(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null && 'value' in value) return String((value as { value: unknown }).value).slice(0, 10);
  return String(value).slice(0, 10);
}

/** A number cell (BigQuery sends text), 0 when missing or not a number. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}
