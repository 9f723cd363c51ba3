import type { TestKind } from '../../../src/plugins/plugin-api.js';
import { columnList, differs, modelName, optionalString, relationOrThrow, tolerance } from './args.js';

/**
 * Every row's column equals another model's column at the same key (e.g. a cohort's size equals
 * the new users of its date). A row with no match in the other model fails too.
 * Failing rows: the key, the value, and the other model's value under its name.
 */
export const equalToModel: TestKind = {
  description: "Each row's column equals another model's column at the same key.",
  sql(context) {
    const q = context.dialect.quoteIdentifier;
    const column = context.column ?? optionalString(context.args, 'column');
    if (column === undefined) throw new Error('needs a column: declare it under a column, or give `column:`.');
    const to = modelName(context.args['to'], 'to');
    const keys = columnList(context.args['key'], 'key');
    const theirKeys = context.args['to_key'] === undefined ? keys : columnList(context.args['to_key'], 'to_key');
    if (theirKeys.length !== keys.length) throw new Error(`\`to_key:\` has ${theirKeys.length} column(s), \`key:\` has ${keys.length}.`);
    const field = optionalString(context.args, 'field') ?? column;
    const filter = optionalString(context.args, 'filter');
    const on = keys.map((k, i) => `t.${q(k)} = o.${q(theirKeys[i]!)}`).join(' and ');
    return [
      `select ${keys.map((k) => `t.${q(k)}`).join(', ')}, t.${q(column)}, o.${q(field)} as ${q(to)}`,
      `from ${filter === undefined ? context.relation : `(select * from ${context.relation} where ${filter})`} as t`,
      `left join ${relationOrThrow(context.relationOf, to)} as o on ${on}`,
      `where o.${q(theirKeys[0]!)} is null or ${differs(`t.${q(column)}`, `o.${q(field)}`, tolerance(context.args))}`,
    ].join('\n');
  },
  reads(context) {
    return [modelName(context.args['to'], 'to')];
  },
};
