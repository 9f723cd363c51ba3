import type { Dialect } from '../adapters/dialect.js';
import type { QueryColumns } from '../adapters/adapter.js';
import type { CompiledModel } from '../compile/compiled-model.js';

/**
 * The columns `pdb show` orders a model's rows by, so the same table always shows the same rows
 * in the same order: first the model's grain (the columns of its `unique` test, or its
 * unique_key), then every other column that can be ordered, left to right. Structs, arrays, maps
 * and JSON cannot be ordered on every engine and are left out.
 */
export function showOrder(model: CompiledModel, result: QueryColumns): string[] {
  const orderable = result.columns.filter((_, i) => isOrderable(result.columnTypes[i] ?? ''));
  const grain = grainOf(model).filter((c) => orderable.includes(c));
  return [...grain, ...orderable.filter((c) => !grain.includes(c))];
}

/** `select * from <from> order by <keys> limit <n>`, with `from` a relation or a parenthesized query. */
export function showSql(from: string, order: readonly string[], limit: number, dialect: Dialect): string {
  const orderBy = order.length === 0 ? '' : `\norder by ${order.map((c) => dialect.quoteIdentifier(c)).join(', ')}`;
  return `select * from ${from}${orderBy}\nlimit ${limit}`;
}

/** A model's grain: the columns of its `unique` test, else its uniquely tested column, else its unique_key. */
export function grainOf(model: CompiledModel): string[] {
  for (const test of model.tests) {
    const columns = test.args['columns'];
    if (test.kind === 'unique' && Array.isArray(columns) && columns.every((c) => typeof c === 'string')) return columns as string[];
  }
  const unique = model.columns.find((c) => c.tests.some((t) => t.kind === 'unique'));
  if (unique !== undefined) return [unique.name];
  return [...(model.config.uniqueKey ?? [])];
}

function isOrderable(type: string): boolean {
  return !/STRUCT|ARRAY|MAP|JSON|UNION|\[\]|GEOGRAPHY/i.test(type);
}
