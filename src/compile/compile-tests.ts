import type { Dialect } from '../adapters/dialect.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';
import type { DataTestDecl, ModelId } from '../project/types.js';
import type { CompiledModel } from './compiled-model.js';
import { hasTemplatedArgs, renderTestArgs, type RenderText } from './test-args.js';

export const BUILTIN_TEST_KINDS = ['not_null', 'unique', 'accepted_values', 'relationships', 'accepted_range', 'expression_is_true'] as const;

interface TestContext {
  readonly relation: string;
  readonly column: string | undefined;
  readonly args: Readonly<Record<string, unknown>>;
  readonly dialect: Dialect;
  readonly relationOf: (model: string) => string | undefined;
}

/**
 * The data tests declared in the selected models' YAML, as queries returning failing rows.
 * Mistakes in a test's arguments are reported at the test's line in the YAML.
 */
export function compileTests(
  models: readonly CompiledModel[],
  relationOf: (model: string) => string | undefined,
  dialect: Dialect,
  pluginKinds: ReadonlyMap<string, PluginTestKind> = new Map(),
  /** Test kinds of built-in plugins the project does not enable, with the plugin's name. */
  notEnabled: ReadonlyMap<string, string> = new Map(),
  /** Renders the templated strings of tests' arguments; needed only when some test has one. */
  render?: RenderText,
): { tests: CompiledTest[]; errors: PdbError[] } {
  const tests: CompiledTest[] = [];
  const errors: PdbError[] = [];
  const seen = new Map<string, number>();
  for (const model of models) {
    const declared: DataTestDecl[] = [
      ...model.columns.flatMap((c) => c.tests.map((t) => ({ ...t, column: t.column ?? c.name }))),
      // A model-level test may name its column with `column_name`, as in dbt.
      ...model.tests.map((t) => (t.column === undefined && typeof t.args.column_name === 'string' ? { ...t, column: t.args.column_name } : t)),
    ];
    for (const decl of declared) {
      try {
        // An ephemeral model has no relation: its tests read its query.
        const relation = model.config.materialized === 'ephemeral' ? `(\n${model.sql}\n) as ephemeral_model` : model.relation;
        const args = render !== undefined && hasTemplatedArgs(decl.args) ? renderTestArgs(decl.args, render) : decl.args;
        const context: TestContext = { relation, column: decl.column, args, dialect, relationOf };
        const { sql, reads } = testSql(decl.kind, context, pluginKinds, notEnabled);
        const base = [decl.kind, model.name, decl.column].filter(Boolean).join('__');
        const count = (seen.get(base) ?? 0) + 1;
        seen.set(base, count);
        tests.push({
          id: count === 1 ? base : `${base}__${count}`,
          kind: decl.kind,
          model: model.id,
          ...(decl.column === undefined ? {} : { column: decl.column }),
          severity: decl.severity,
          dependsOn: [model.id, ...reads.filter((r) => r !== model.id)],
          sql,
          location: decl.location,
        });
      } catch (error) {
        if (!(error instanceof PdbError)) throw error;
        errors.push(new PdbError({ code: error.code, message: error.message, hint: error.hint, location: decl.location }));
      }
    }
  }
  return { tests, errors };
}

import type { CompiledTest } from './compiled-test.js';
import { dialectInfo } from '../plugins/dialect-info.js';
import type { ProductCategory, TestKind } from '../plugins/plugin-api.js';

/** A data-test kind a plugin adds, with what its queries may read of the plugin's setup. */
export interface PluginTestKind {
  readonly plugin: string;
  readonly kind: TestKind;
  readonly config: Readonly<Record<string, unknown>>;
  readProjectFile(path: string): string;
  readonly product: { readonly category?: ProductCategory };
}

function testSql(kind: string, c: TestContext, pluginKinds: ReadonlyMap<string, PluginTestKind>, notEnabled: ReadonlyMap<string, string>): { sql: string; reads: ModelId[] } {
  const q = c.dialect.quoteIdentifier;
  const column = (): string => {
    if (c.column === undefined) throw argumentError(kind, 'needs a column: declare it under a column, or give `column_name`.');
    return q(c.column);
  };
  switch (kind) {
    case 'not_null':
      return { sql: `select * from ${c.relation} where ${column()} is null`, reads: [] };
    case 'unique': {
      const columns = stringList(c.args.columns ?? c.args.combination_of_columns) ?? (c.column === undefined ? undefined : [c.column]);
      if (columns === undefined || columns.length === 0) throw argumentError(kind, 'needs a column, or `columns: [a, b]` for a combination.');
      const list = columns.map(q).join(', ');
      return { sql: `select ${list}, count(*) as n_records from ${c.relation} group by ${list} having count(*) > 1`, reads: [] };
    }
    case 'accepted_values': {
      const values = c.args.values;
      if (!Array.isArray(values) || values.length === 0) throw argumentError(kind, 'needs `values: [...]`, the list of accepted values.');
      const literals = values.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : c.dialect.quoteString(String(v)))).join(', ');
      return { sql: `select ${column()} as value, count(*) as n_records from ${c.relation} where ${column()} is not null and ${column()} not in (${literals}) group by ${column()}`, reads: [] };
    }
    case 'relationships': {
      const to = typeof c.args.to === 'string' ? /^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(c.args.to)?.[1] ?? c.args.to : undefined;
      const field = c.args.field;
      if (to === undefined || typeof field !== 'string') throw argumentError(kind, "needs `to: ref('model')` and `field: column`.");
      const parent = c.relationOf(to);
      if (parent === undefined) throw argumentError(kind, `refers to '${to}', which is not a model.`);
      return {
        sql: `select child.${column()} from ${c.relation} as child left join ${parent} as parent on child.${column()} = parent.${q(field)} where child.${column()} is not null and parent.${q(field)} is null`,
        reads: [to as ModelId],
      };
    }
    case 'accepted_range': {
      const { min_value: min, max_value: max, inclusive = true } = c.args;
      if (min === undefined && max === undefined) throw argumentError(kind, 'needs `min_value`, `max_value` or both.');
      const conditions = [
        min === undefined ? undefined : `${column()} ${inclusive ? '<' : '<='} ${literal(min, c.dialect)}`,
        max === undefined ? undefined : `${column()} ${inclusive ? '>' : '>='} ${literal(max, c.dialect)}`,
      ].filter((x): x is string => x !== undefined);
      return { sql: `select * from ${c.relation} where ${conditions.join(' or ')}`, reads: [] };
    }
    case 'expression_is_true': {
      const expression = c.args.expression;
      if (typeof expression !== 'string') throw argumentError(kind, 'needs `expression: <SQL that must be true on every row>`.');
      const condition = c.column === undefined ? expression : `${q(c.column)} ${expression}`;
      return { sql: `select * from ${c.relation} where not (${condition})`, reads: [] };
    }
    default: {
      const fromPlugin = pluginKinds.get(kind);
      if (fromPlugin !== undefined) return pluginTestSql(kind, fromPlugin, c);
      const provider = notEnabled.get(kind);
      if (provider !== undefined) {
        throw new PdbError({
          code: 'E_TEST_UNKNOWN',
          message: `'${kind}' is a data test of the built-in plugin '${provider}', which this project does not enable.`,
          hint: `Enable it in project.yml: \`plugins: [{ name: ${provider} }]\` (the core package enables it for you).`,
        });
      }
      throw new PdbError({
        code: 'E_TEST_UNKNOWN',
        message: `'${kind}' is not a data test.${didYouMean(kind, [...BUILTIN_TEST_KINDS, ...pluginKinds.keys()])}`,
        hint: `Built-in tests: ${BUILTIN_TEST_KINDS.join(', ')}${pluginKinds.size === 0 ? '' : `; from plugins: ${[...pluginKinds.keys()].join(', ')}`}. Plugins can add more.`,
      });
    }
  }
}

/** A plugin's test kind: its SQL, and the models it reads; its errors name the plugin. */
function pluginTestSql(kind: string, fromPlugin: PluginTestKind, c: TestContext): { sql: string; reads: ModelId[] } {
  try {
    const dialect = dialectInfo(c.dialect);
    const column = c.column === undefined ? {} : { column: c.column };
    const sql = fromPlugin.kind.sql({ relation: c.relation, ...column, args: c.args, dialect, relationOf: c.relationOf, config: fromPlugin.config, readProjectFile: fromPlugin.readProjectFile, product: fromPlugin.product });
    const reads = fromPlugin.kind.reads?.({ ...column, args: c.args, config: fromPlugin.config }) ?? [];
    return { sql, reads: reads as ModelId[] };
  } catch (error) {
    throw argumentError(kind, `(plugin '${fromPlugin.plugin}'): ${error instanceof Error ? error.message : String(error)}`);
  }
}

function literal(value: unknown, dialect: Dialect): string {
  return typeof value === 'number' ? String(value) : dialect.quoteString(String(value));
}

const stringList = (value: unknown): string[] | undefined =>
  typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;

function argumentError(kind: string, what: string): PdbError {
  return new PdbError({ code: 'E_TEST_ARGS', message: `test '${kind}' ${what}`, hint: 'See the README section on data tests.' });
}
