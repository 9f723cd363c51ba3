/**
 * Runs pdb's BigQuery incremental script on ZetaSQL's reference evaluator, statement by statement
 * as BigQuery would: the script the adapter builds (replacePartitionsScript), split by ZetaSQL's
 * parser; DECLARE and SET evaluate their expressions into variables (catalog constants with
 * values), the temp table holds its query's rows, an IF block runs its statements when its
 * condition is TRUE, the DELETE keeps the rows its condition is not TRUE for, and the INSERT
 * appends the new rows.
 */
import { replacePartitionsScript } from '../../src/adapters/bigquery/bigquery-statements.js';
import type { CompiledModel } from '../../src/compile/compiled-model.js';
import { splitScript, variableStatement } from '../../src/validate/analyze-script.js';
import { parseBigQueryType } from '../../src/validate/bigquery-type.js';
import { analyzerOptions, catalogName, simpleCatalog, type ZetaSqlLanguage } from '../../src/validate/zetasql-catalog.js';
import type { ColumnProto, TypeProto, ValueProto } from '../../src/validate/zetasql-protocol.js';
import type { ZetaSqlServer } from '../../src/validate/zetasql-server.js';
import type { EvaluatedTable } from '../bigquery-equivalence/evaluate-models.js';

interface Variable {
  readonly type: TypeProto;
  readonly value: ValueProto;
}

/** The rows of `sql` on the evaluator, as a table named `name`. */
export async function evaluateTable(
  server: ZetaSqlServer,
  language: ZetaSqlLanguage,
  name: string,
  sql: string,
  tables: readonly EvaluatedTable[] = [],
  variables: ReadonlyMap<string, Variable> = new Map(),
): Promise<EvaluatedTable> {
  const response = (await server.call('EvaluateQuery', {
    sql,
    options: analyzerOptions(language),
    simpleCatalog: { ...simpleCatalog(language, tables.map((t) => t.table)), constant: [...variables].map(([n, v]) => ({ namePath: [n], type: v.type, value: v.value })) },
    tableContent: Object.fromEntries(tables.map((t) => [t.table.name, { tableData: { row: t.rows } }])),
  })) as { content?: { tableData?: { row?: { cell?: ValueProto[] }[] } }; prepared?: { columns?: ColumnProto[] } };
  const column = (response.prepared?.columns ?? []).map((c) => ({ name: c.name ?? '', type: c.type ?? {} }));
  return { table: { name, column }, rows: (response.content?.tableData?.row ?? []).map((r) => ({ cell: r.cell ?? [] })) };
}

/**
 * The model's table after one incremental build over `existing` (its current rows, under the
 * model's relation), reading `inputs` (the tables its SQL names, as they are now).
 */
export async function afterIncrementalScript(
  server: ZetaSqlServer,
  language: ZetaSqlLanguage,
  model: CompiledModel,
  existing: EvaluatedTable,
  inputs: readonly EvaluatedTable[],
): Promise<EvaluatedTable> {
  const relation = catalogName(model.relation);
  const columns = existing.table.column.map((c) => c.name ?? '');
  const script = replacePartitionsScript(model, model.config.partitionBy!, columns).sql;
  let table: EvaluatedTable = { table: { ...existing.table, name: relation }, rows: existing.rows };
  const temp = new Map<string, EvaluatedTable>();
  const variables = new Map<string, Variable>();
  const evaluate = (sql: string): Promise<EvaluatedTable> => evaluateTable(server, language, 'result', sql, [table, ...inputs, ...temp.values()], variables);

  const run = async (statements: readonly { sql: string }[]): Promise<void> => {
    for (const { sql } of statements) {
      const variable = variableStatement(sql);
      const ifBlock = /^if\s+([\s\S]+?)\s+then\s+([\s\S]*?);?\s*end if$/i.exec(sql);
      const createTemp = /^create (?:or replace )?temp table (\w+) as\s+([\s\S]+)$/i.exec(sql);
      const deleteFrom = /^delete from (\S+) where ([\s\S]+)$/i.exec(sql);
      const insertInto = /^insert into (\S+) \(([^)]*)\)\s+(select [\s\S]+)$/i.exec(sql);
      if (ifBlock !== null) {
        // The block's statements run when its condition is TRUE.
        if ((await evaluate(`select (${ifBlock[1]})`)).rows[0]?.cell[0]?.boolValue === true) await run(await splitScript(server, language, `${ifBlock[2]};`));
      } else if (variable?.kind === 'declare') {
        const parsed = parseBigQueryType(variable.type);
        if (!parsed.ok) throw new Error(parsed.message);
        const value = variable.expression === undefined ? {} : ((await evaluate(`select (${variable.expression})`)).rows[0]?.cell[0] ?? {});
        for (const name of variable.names) variables.set(name, { type: parsed.type, value });
      } else if (variable?.kind === 'set') {
        const value = (await evaluate(`select (${variable.expression})`)).rows[0]?.cell[0] ?? {};
        const values = variable.tuple ? (value.structValue?.field ?? []) : [value];
        variable.names.forEach((name, i) => variables.set(name, { type: variables.get(name)!.type, value: values[i] ?? {} }));
      } else if (createTemp !== null) {
        temp.set(createTemp[1]!, await evaluateTable(server, language, createTemp[1]!, createTemp[2]!, [table, ...inputs, ...temp.values()], variables));
      } else if (deleteFrom !== null && catalogName(deleteFrom[1]!) === relation) {
        // A DELETE removes the rows its condition is TRUE for; NULL keeps the row.
        table = { table: table.table, rows: (await evaluate(`select * from ${deleteFrom[1]} where (${deleteFrom[2]}) is not true`)).rows };
      } else if (insertInto !== null && catalogName(insertInto[1]!) === relation && insertInto[2]!.split(',').map((c) => c.trim()).join(', ') === columns.map((c) => `\`${c}\``).join(', ')) {
        table = { table: table.table, rows: [...table.rows, ...(await evaluate(insertInto[3]!)).rows] };
      } else if (!/^(begin|commit) transaction$/i.test(sql)) {
        throw new Error(`a statement the evaluator cannot run: ${sql}`);
      }
    }
  };
  await run(await splitScript(server, language, script));
  return table;
}
