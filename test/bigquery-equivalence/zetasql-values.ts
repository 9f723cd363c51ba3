/**
 * Values between JavaScript (DuckDB's JS rows) and ZetaSQL's ValueProto, typed by a TypeProto.
 * Only the types the GA4 fixture and the core models use; anything else fails loudly.
 */
import { TYPE_KIND, type TypeProto, type ValueProto } from '../../src/validate/zetasql-protocol.js';
import { formatBigQueryType } from '../../src/validate/bigquery-type.js';

const DAY_MS = 86_400_000;

/** A DuckDB JS value (bigint, number, string, array, object for structs) as a ValueProto of `type`. */
export function toValueProto(value: unknown, type: TypeProto): ValueProto {
  if (value === null || value === undefined) return {};
  switch (type.typeKind) {
    case TYPE_KIND.INT64:
      return { int64Value: String(value) };
    case TYPE_KIND.DOUBLE:
      return { doubleValue: Number(value) };
    case TYPE_KIND.STRING:
      return { stringValue: String(value) };
    case TYPE_KIND.BOOL:
      return { boolValue: Boolean(value) };
    case TYPE_KIND.ARRAY: {
      const element = type.arrayType?.elementType ?? {};
      return { arrayValue: { element: (value as unknown[]).map((v) => toValueProto(v, element)) } };
    }
    case TYPE_KIND.STRUCT: {
      const record = value as Record<string, unknown>;
      return { structValue: { field: (type.structType?.field ?? []).map((f) => toValueProto(record[f.fieldName ?? ''], f.fieldType ?? {})) } };
    }
    default:
      throw new Error(`toValueProto: ${formatBigQueryType(type)} is not supported`);
  }
}

/** A ValueProto as a plain value: INT64 as a number, DATE as 'YYYY-MM-DD', TIMESTAMP as an ISO string. */
export function fromValueProto(value: ValueProto, type: TypeProto): unknown {
  if (Object.keys(value).length === 0) return null;
  switch (type.typeKind) {
    case TYPE_KIND.INT64:
      return Number(value.int64Value);
    case TYPE_KIND.DOUBLE:
      return value.doubleValue ?? null;
    case TYPE_KIND.STRING:
      return value.stringValue ?? null;
    case TYPE_KIND.BOOL:
      return value.boolValue ?? null;
    case TYPE_KIND.DATE:
      return new Date((value.dateValue ?? 0) * DAY_MS).toISOString().slice(0, 10);
    case TYPE_KIND.TIMESTAMP: {
      const t = value.timestampValue ?? {};
      return new Date(Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString();
    }
    default:
      throw new Error(`fromValueProto: ${formatBigQueryType(type)} is not supported`);
  }
}
