/**
 * BigQuery type names (`STRING`, `INT64`, `STRUCT<a STRING>`, `ARRAY<STRUCT<...>>`) to and from
 * ZetaSQL's TypeProto: how a source's declared `data_type` enters the catalog, and how a model's
 * analyzed output schema is shown.
 */
import { TYPE_KIND, type TypeProto } from './zetasql-protocol.js';

const SCALARS: Readonly<Record<string, number>> = {
  STRING: TYPE_KIND.STRING,
  BYTES: TYPE_KIND.BYTES,
  INT64: TYPE_KIND.INT64,
  INT: TYPE_KIND.INT64,
  INTEGER: TYPE_KIND.INT64,
  BIGINT: TYPE_KIND.INT64,
  SMALLINT: TYPE_KIND.INT64,
  TINYINT: TYPE_KIND.INT64,
  BYTEINT: TYPE_KIND.INT64,
  FLOAT64: TYPE_KIND.DOUBLE,
  FLOAT: TYPE_KIND.DOUBLE,
  BOOL: TYPE_KIND.BOOL,
  BOOLEAN: TYPE_KIND.BOOL,
  DATE: TYPE_KIND.DATE,
  DATETIME: TYPE_KIND.DATETIME,
  TIME: TYPE_KIND.TIME,
  TIMESTAMP: TYPE_KIND.TIMESTAMP,
  NUMERIC: TYPE_KIND.NUMERIC,
  DECIMAL: TYPE_KIND.NUMERIC,
  BIGNUMERIC: TYPE_KIND.BIGNUMERIC,
  BIGDECIMAL: TYPE_KIND.BIGNUMERIC,
  GEOGRAPHY: TYPE_KIND.GEOGRAPHY,
  JSON: TYPE_KIND.JSON,
  INTERVAL: TYPE_KIND.INTERVAL,
};

/** The canonical BigQuery name of each scalar kind. */
const NAMES = new Map<number, string>([
  [TYPE_KIND.STRING, 'STRING'],
  [TYPE_KIND.BYTES, 'BYTES'],
  [TYPE_KIND.INT64, 'INT64'],
  [TYPE_KIND.DOUBLE, 'FLOAT64'],
  [TYPE_KIND.BOOL, 'BOOL'],
  [TYPE_KIND.DATE, 'DATE'],
  [TYPE_KIND.DATETIME, 'DATETIME'],
  [TYPE_KIND.TIME, 'TIME'],
  [TYPE_KIND.TIMESTAMP, 'TIMESTAMP'],
  [TYPE_KIND.NUMERIC, 'NUMERIC'],
  [TYPE_KIND.BIGNUMERIC, 'BIGNUMERIC'],
  [TYPE_KIND.GEOGRAPHY, 'GEOGRAPHY'],
  [TYPE_KIND.JSON, 'JSON'],
  [TYPE_KIND.INTERVAL, 'INTERVAL'],
]);

export type ParsedType = { readonly ok: true; readonly type: TypeProto } | { readonly ok: false; readonly message: string };

/** Parses a BigQuery type; parameters such as STRING(10) or NUMERIC(10, 2) are accepted and dropped. */
export function parseBigQueryType(text: string): ParsedType {
  const tokens = text.match(/`[^`]*`|[A-Za-z_][A-Za-z0-9_]*|\d+|[<>(),]|\S/g) ?? [];
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const fail = (expected: string): never => {
    throw new TypeSyntaxError(`expected ${expected} ${tokens[at] === undefined ? 'at the end' : `at '${tokens[at]}'`} in '${text}'`);
  };
  const expect = (token: string): void => {
    if (peek() !== token) fail(`'${token}'`);
    at++;
  };
  const type = (): TypeProto => {
    const word = peek();
    if (word === undefined || !/^[A-Za-z_]/.test(word)) return fail('a type');
    at++;
    const upper = word.toUpperCase();
    if (upper === 'ARRAY') {
      expect('<');
      const elementType = type();
      expect('>');
      return { typeKind: TYPE_KIND.ARRAY, arrayType: { elementType } };
    }
    if (upper === 'STRUCT') {
      expect('<');
      const field: { fieldName: string; fieldType: TypeProto }[] = [];
      for (;;) {
        const name = peek();
        if (name === undefined || !/^[A-Za-z_`]/.test(name)) fail('a field name');
        at++;
        field.push({ fieldName: name!.replace(/^`|`$/g, ''), fieldType: type() });
        if (peek() === ',') at++;
        else break;
      }
      expect('>');
      return { typeKind: TYPE_KIND.STRUCT, structType: { field } };
    }
    const kind = SCALARS[upper];
    if (kind === undefined) throw new TypeSyntaxError(`'${word}' is not a BigQuery type`);
    if (peek() === '(') {
      while (peek() !== ')' && peek() !== undefined) at++;
      expect(')');
    }
    return { typeKind: kind };
  };
  try {
    const parsed = type();
    if (at < tokens.length) fail('the end');
    return { ok: true, type: parsed };
  } catch (error) {
    if (error instanceof TypeSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

class TypeSyntaxError extends Error {}

/** The BigQuery spelling of a type, e.g. `ARRAY<STRUCT<key STRING, value INT64>>`. */
export function formatBigQueryType(type: TypeProto): string {
  switch (type.typeKind) {
    case TYPE_KIND.ARRAY:
      return `ARRAY<${formatBigQueryType(type.arrayType?.elementType ?? {})}>`;
    case TYPE_KIND.STRUCT:
      return `STRUCT<${(type.structType?.field ?? []).map((f) => `${f.fieldName ?? ''} ${formatBigQueryType(f.fieldType ?? {})}`.trim()).join(', ')}>`;
    default:
      return NAMES.get(type.typeKind ?? 0) ?? `TYPE_KIND_${type.typeKind ?? 0}`;
  }
}
