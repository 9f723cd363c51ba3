import type { TestKind } from '../../../src/plugins/plugin-api.js';
import { columnList, differs, modelName, optionalString, relationOrThrow, tolerance } from './args.js';

interface Compared {
  readonly model: string;
  readonly column: string | undefined;
  readonly key: unknown;
}

function compared(args: Readonly<Record<string, unknown>>): Compared[] {
  const list = args['compare'];
  if (!Array.isArray(list) || list.length === 0) throw new Error('needs `compare: [{ model, column?, key? }, ...]`, the models whose sums must match.');
  return list.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`compare[${i}] must be a mapping { model, column?, key? }.`);
    const entry = item as Record<string, unknown>;
    return { model: modelName(entry['model'], `compare[${i}].model`), column: optionalString(entry, 'column'), key: entry['key'] };
  });
}

/**
 * The tested column, summed per key, equals the same sum in every compared model (e.g. new users
 * per date overall = by channel = by geo). A key missing on one side counts as 0 there.
 * Failing rows: the key, the tested sum, and each compared model's sum under its name.
 */
export const sumsMatch: TestKind = {
  description: 'Per key, the sum of a column equals the sum of a column in other models (within a relative tolerance).',
  sql(context) {
    const q = context.dialect.quoteIdentifier;
    const column = context.column ?? optionalString(context.args, 'column');
    if (column === undefined) throw new Error('needs a column: declare it under a column, or give `column:`.');
    const keys = columnList(context.args['key'], 'key');
    const filter = optionalString(context.args, 'filter');
    const relative = tolerance(context.args);
    const others = compared(context.args);
    const keyList = (alias: string, names: readonly string[]): string => names.map((k, i) => `${alias}${q(names[i]!)} as ${q(keys[i]!)}`).join(', ');
    const parts = [
      `tested as (select ${keyList('', keys)}, sum(${q(column)}) as total from ${context.relation}${filter === undefined ? '' : ` where ${filter}`} group by ${keys.map(q).join(', ')})`,
      ...others.map((o, i) => {
        const theirKeys = o.key === undefined ? keys : columnList(o.key, `compare[${i}].key`);
        if (theirKeys.length !== keys.length) throw new Error(`compare[${i}].key has ${theirKeys.length} column(s), the test's key has ${keys.length}.`);
        return `compared_${i} as (select ${keyList('', theirKeys)}, sum(${q(o.column ?? column)}) as total from ${relationOrThrow(context.relationOf, o.model)} group by ${theirKeys.map(q).join(', ')})`;
      }),
    ];
    const all = ['tested', ...others.map((_, i) => `compared_${i}`)];
    const join = (alias: string): string => keys.map((k) => `${alias}.${q(k)} = k.${q(k)}`).join(' and ');
    return [
      `with ${parts.join(',\n')},`,
      `k as (${all.map((t) => `select ${keys.map(q).join(', ')} from ${t}`).join(' union distinct ')})`,
      `select ${keys.map((key) => `k.${q(key)}`).join(', ')}, t.total as ${q(column)}, ${others.map((o, i) => `c${i}.total as ${q(o.model)}`).join(', ')}`,
      'from k',
      `left join tested as t on ${join('t')}`,
      ...others.map((_, i) => `left join compared_${i} as c${i} on ${join(`c${i}`)}`),
      `where ${others.map((_, i) => differs('t.total', `c${i}.total`, relative)).join(' or ')}`,
    ].join('\n');
  },
  reads(context) {
    return compared(context.args).map((o) => o.model);
  },
};
