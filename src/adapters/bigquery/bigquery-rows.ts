import type { FieldSchema } from './bigquery-rest.js';

/**
 * Query results arrive as `{f: [{v}]}` cells, all strings. They become JSON-safe values like the
 * DuckDB adapter's: INT64, NUMERIC and TIMESTAMP stay strings (no precision lost), FLOAT64
 * becomes a number, BOOL a boolean, and records and arrays nest.
 */
export function rowsFromCells(fields: readonly FieldSchema[], rows: readonly { readonly f: readonly { readonly v: unknown }[] }[]): Record<string, unknown>[] {
  return rows.map((row) => recordOf(fields, row.f));
}

function recordOf(fields: readonly FieldSchema[], cells: readonly { readonly v: unknown }[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  fields.forEach((field, index) => {
    record[field.name] = valueOf(field, cells[index]?.v ?? null);
  });
  return record;
}

function valueOf(field: FieldSchema, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.mode === 'REPEATED') {
    return Array.isArray(value) ? value.map((item: { v?: unknown }) => scalarOf(field, item?.v ?? null)) : [];
  }
  return scalarOf(field, value);
}

function scalarOf(field: FieldSchema, value: unknown): unknown {
  if (value === null) return null;
  switch (field.type) {
    case 'RECORD':
    case 'STRUCT': {
      const cells = (value as { f?: readonly { v: unknown }[] }).f ?? [];
      return recordOf(field.fields ?? [], cells);
    }
    case 'FLOAT':
    case 'FLOAT64': {
      const number = Number(value);
      return Number.isFinite(number) ? number : String(value);
    }
    case 'BOOLEAN':
    case 'BOOL':
      return value === 'true' || value === true;
    case 'TIMESTAMP':
      return timestampText(String(value));
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Microseconds since the epoch (asked for with formatOptions.useInt64Timestamp) as ISO 8601 in UTC. */
export function timestampText(micros: string): string {
  if (!/^-?\d+$/.test(micros)) return micros;
  const total = BigInt(micros);
  const millis = total / 1000n - (total % 1000n < 0n ? 1n : 0n);
  const fraction = ((total % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const iso = new Date(Number(millis)).toISOString();
  return `${iso.slice(0, 19)}.${fraction.toString().padStart(6, '0')}Z`;
}
