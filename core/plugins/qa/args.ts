import type { DialectInfo } from '../../../src/plugins/plugin-api.js';

/** Argument readers for the QA test kinds: each throws an Error saying what the argument should be. */

export function stringArg(args: Readonly<Record<string, unknown>>, name: string, what: string): string {
  const value = args[name];
  if (typeof value !== 'string' || value === '') throw new Error(`needs \`${name}:\` ${what}.`);
  return value;
}

export function optionalString(args: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new Error(`\`${name}:\` must be a string.`);
  return value;
}

/** One column or a list of them (a composite key). */
export function columnList(value: unknown, name: string): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '')) return value as string[];
  throw new Error(`needs \`${name}:\` a column or a list of columns.`);
}

/** A relative tolerance (0 = exact). */
export function tolerance(args: Readonly<Record<string, unknown>>): number {
  const value = args['tolerance'] ?? 0;
  if (typeof value !== 'number' || !(value >= 0)) throw new Error('`tolerance:` must be a number >= 0 (relative, e.g. 1e-6).');
  return value;
}

/** `ref('x')` or `x`: a model name. */
export function modelName(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`needs \`${name}:\` a model name (or ref('model')).`);
  return /^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(value)?.[1] ?? value;
}

export function relationOrThrow(relationOf: (model: string) => string | undefined, model: string): string {
  const relation = relationOf(model);
  if (relation === undefined) throw new Error(`refers to '${model}', which is not a model.`);
  return relation;
}

/** `a` differs from `b` beyond a relative tolerance (nulls count as 0). */
export function differs(a: string, b: string, relative: number): string {
  const x = `coalesce(${a}, 0)`;
  const y = `coalesce(${b}, 0)`;
  return relative === 0 ? `${x} != ${y}` : `abs(${x} - ${y}) > ${relative} * greatest(abs(${x}), 1e-3)`;
}

export function quoteAll(dialect: DialectInfo, columns: readonly string[]): string[] {
  return columns.map((c) => dialect.quoteIdentifier(c));
}
