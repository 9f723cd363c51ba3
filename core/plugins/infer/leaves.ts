/**
 * The source's columns as "leaves": every scalar column, and every field of a struct column
 * (GA4's `geo.country`), each with its values in the sample. GA4-style key/value lists
 * (`event_params`) are kept apart: each key with its values and the events that carry it.
 */
import type { Row } from '../../../src/plugins/plugin-api.js';

export interface Leaf {
  /** Column path as SQL reads it, e.g. `geo.country`. */
  readonly path: string;
  /** The last part of the path, lower case. */
  readonly name: string;
  /** The engine's type of the column, or of the struct's field (the struct's type when it cannot be read). */
  readonly type: string;
  readonly values: readonly unknown[];
}

export interface ParamKey {
  /** The key/value list column, e.g. `event_params`. */
  readonly column: string;
  readonly key: string;
  /** Numeric values found for the key (any of int/float/double). */
  readonly numbers: readonly number[];
  /** How many times each event name carries the key. */
  readonly events: ReadonlyMap<string, number>;
}

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `a.b` path with each part quoted only when SQL needs it. */
export function sqlPath(parts: readonly string[], quote: (name: string) => string): string {
  return parts.map((p) => (SIMPLE.test(p) ? p : quote(p))).join('.');
}

export function leavesOf(columns: readonly { name: string; type: string }[], sample: readonly Row[], quote: (name: string) => string): Leaf[] {
  const leaves: Leaf[] = [];
  for (const column of columns) {
    const values = sample.map((row) => row[column.name]);
    const objects = values.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (objects.length > 0 && /^struct/i.test(column.type)) {
      const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
      for (const key of keys) {
        const inner = values.map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : null));
        if (inner.some((v) => typeof v === 'object' && v !== null)) continue; // deeper nesting: not a canonical field
        leaves.push({ path: sqlPath([column.name, key], quote), name: key.toLowerCase(), type: structFieldType(column.type, key) ?? column.type, values: inner });
      }
      continue;
    }
    if (values.some((v) => Array.isArray(v))) continue; // lists are read as key/value params, not as fields
    leaves.push({ path: sqlPath([column.name], quote), name: column.name.toLowerCase(), type: column.type, values });
  }
  return leaves;
}

/**
 * A field's type in a struct type as the engine writes it: DuckDB's `STRUCT("time" BIGINT, a VARCHAR)`,
 * BigQuery's `STRUCT<time INT64, a STRING>`. A JSON export's `properties` struct holds the event
 * time and the price, and they must be seen as numbers.
 */
export function structFieldType(structType: string, key: string): string | undefined {
  const body = /^\s*struct\s*[(<]([\s\S]*)[)>]\s*$/i.exec(structType)?.[1];
  if (body === undefined) return undefined;
  let depth = 0;
  let start = 0;
  const fields: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"' || ch === '`') i = body.indexOf(ch, i + 1) < 0 ? body.length : body.indexOf(ch, i + 1);
    else if (ch === '(' || ch === '<') depth++;
    else if (ch === ')' || ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      fields.push(body.slice(start, i));
      start = i + 1;
    }
  }
  fields.push(body.slice(start));
  for (const field of fields) {
    const match = /^\s*(?:"((?:[^"]|"")*)"|`([^`]*)`|(\S+))\s+([\s\S]+?)\s*$/.exec(field);
    const name = match?.[1]?.replaceAll('""', '"') ?? match?.[2] ?? match?.[3];
    if (match !== null && name === key) return match[4];
  }
  return undefined;
}

/** Key/value list columns (`[{key, value: {string_value, int_value, ...}}]`), per key. */
export function paramKeysOf(columns: readonly { name: string; type: string }[], sample: readonly Row[], eventColumn: string | undefined): ParamKey[] {
  const out: ParamKey[] = [];
  for (const column of columns) {
    const byKey = new Map<string, { numbers: number[]; events: Map<string, number> }>();
    for (const row of sample) {
      const list = row[column.name];
      if (!Array.isArray(list)) continue;
      const event = eventColumn === undefined ? undefined : row[eventColumn];
      for (const item of list) {
        if (typeof item !== 'object' || item === null) continue;
        const { key, value } = item as { key?: unknown; value?: unknown };
        if (typeof key !== 'string' || typeof value !== 'object' || value === null) continue;
        const entry = byKey.get(key) ?? { numbers: [], events: new Map<string, number>() };
        byKey.set(key, entry);
        const v = value as Record<string, unknown>;
        const n = [v['double_value'], v['float_value'], v['int_value']].map(Number).find((x, i) => [v['double_value'], v['float_value'], v['int_value']][i] != null && Number.isFinite(x));
        if (n !== undefined) entry.numbers.push(n);
        if (typeof event === 'string') entry.events.set(event, (entry.events.get(event) ?? 0) + 1);
      }
    }
    for (const [key, entry] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out.push({ column: column.name, key, numbers: entry.numbers, events: entry.events });
  }
  return out;
}
