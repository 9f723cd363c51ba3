/**
 * How many bytes BigQuery would bill for each leaf column of a table, computed with DuckDB from
 * the table's real values by BigQuery's published size rules: INT64, FLOAT64, DATE, TIMESTAMP
 * 8 bytes, BOOL 1, NUMERIC 16, STRING and BYTES 2 plus the length in bytes, STRUCT and ARRAY the
 * sum of what they hold, NULL 0. A query is billed for every leaf column it references.
 */
import { DuckDBListType, DuckDBStructType, DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

/** One leaf column: its path (`['geo', 'country']`, `['event_params', 'value', 'double_value']`) and billed bytes. */
export interface LeafColumn {
  readonly path: readonly string[];
  /** The BigQuery type of the leaf (INT64, STRING, ...). */
  readonly type: string;
  readonly bytes: number;
}

/** The BigQuery schema field of a column, as tables.get returns it (for the fake server's catalog). */
export interface SchemaField {
  readonly name: string;
  readonly type: string;
  readonly mode?: string;
  readonly fields?: readonly SchemaField[];
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** The BigQuery type and per-value size expression of a scalar DuckDB type, or undefined. */
function scalar(type: DuckDBType, value: string): { type: string; size: string } | undefined {
  const fixed = (bqType: string, bytes: number) => ({ type: bqType, size: `case when ${value} is null then 0 else ${bytes} end` });
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return fixed('BOOL', 1);
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
      return fixed('INT64', 8);
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return fixed('FLOAT64', 8);
    case DuckDBTypeId.DECIMAL:
      return fixed('NUMERIC', 16);
    case DuckDBTypeId.DATE:
      return fixed('DATE', 8);
    case DuckDBTypeId.TIME:
      return fixed('TIME', 8);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return fixed('TIMESTAMP', 8);
    case DuckDBTypeId.VARCHAR:
      // strlen counts bytes (length counts characters).
      return { type: 'STRING', size: `case when ${value} is null then 0 else 2 + strlen(${value}) end` };
    case DuckDBTypeId.BLOB:
      return { type: 'BYTES', size: `case when ${value} is null then 0 else 2 + octet_length(${value}) end` };
    default:
      return undefined;
  }
}

interface Leaf {
  readonly path: readonly string[];
  readonly type: string;
  /** Bytes of this leaf in one row. */
  readonly size: string;
}

/** The leaves under `value` (a SQL expression of `type`), each with its per-row size expression. */
function leavesOf(value: string, type: DuckDBType, path: readonly string[], depth: number): { leaves: Leaf[]; field: Omit<SchemaField, 'name'> } {
  if (type instanceof DuckDBStructType) {
    const leaves: Leaf[] = [];
    const fields: SchemaField[] = [];
    type.entryNames.forEach((name, i) => {
      const inner = leavesOf(`struct_extract(${value}, ${quoteString(name)})`, type.entryTypes[i]!, [...path, name], depth);
      leaves.push(...inner.leaves);
      fields.push({ name, ...inner.field });
    });
    return { leaves, field: { type: 'RECORD', fields } };
  }
  if (type instanceof DuckDBListType) {
    const x = `x${depth}`;
    const inner = leavesOf(x, type.valueType, path, depth + 1);
    return {
      leaves: inner.leaves.map((leaf) => ({ ...leaf, size: `coalesce(list_sum(list_transform(${value}, ${x} -> ${leaf.size})), 0)` })),
      field: { ...inner.field, mode: 'REPEATED' },
    };
  }
  const known = scalar(type, value);
  if (known === undefined) throw new Error(`column ${path.join('.')} has type ${type.toString()}, which has no BigQuery size here`);
  return { leaves: [{ path, type: known.type, size: known.size }], field: { type: known.type } };
}

export interface TableBytes {
  readonly rows: number;
  readonly leaves: readonly LeafColumn[];
  readonly fields: readonly SchemaField[];
}

/** Every leaf column's billed bytes over all rows of `relation` (a table name or `read_parquet(...)`). */
export async function tableBytes(connection: DuckDBConnection, relation: string): Promise<TableBytes> {
  const described = await connection.runAndReadAll(`select * from ${relation} limit 0`);
  const names = described.columnNames();
  const types = described.columnTypes();
  const leaves: Leaf[] = [];
  const fields: SchemaField[] = [];
  names.forEach((name, i) => {
    const column = leavesOf(quoteIdent(name), types[i]!, [name], 0);
    leaves.push(...column.leaves);
    fields.push({ name, ...column.field });
  });
  const sums = leaves.map((leaf, i) => `sum(${leaf.size})::double as s${i}`);
  const reader = await connection.runAndReadAll(`select count(*)::double as n${sums.length === 0 ? '' : `, ${sums.join(', ')}`} from ${relation}`);
  const row = reader.getRows()[0]!;
  return {
    rows: Number(row[0]),
    leaves: leaves.map((leaf, i) => ({ path: leaf.path, type: leaf.type, bytes: Number(row[i + 1] ?? 0) })),
    fields,
  };
}
