/**
 * Runs BigQuery-compiled models on ZetaSQL's reference evaluator, in build order: the source is
 * given as table content, and each model's result rows become the table of its relation for the
 * models after it, as a BigQuery build would leave them.
 */
import type { CompiledModel } from '../../src/compile/compiled-model.js';
import { fullBuildSql } from '../../src/compile/incremental-since.js';
import { analyzerOptions, bigQueryLanguage, catalogName, simpleCatalog } from '../../src/validate/zetasql-catalog.js';
import type { ColumnProto, TableProto, ValueProto } from '../../src/validate/zetasql-protocol.js';
import type { ZetaSqlServer } from '../../src/validate/zetasql-server.js';
import { fromValueProto } from './zetasql-values.js';

/** A table the evaluator reads or gave back: its columns and rows of ValueProto cells. */
export interface EvaluatedTable {
  readonly table: TableProto;
  readonly rows: readonly { readonly cell: readonly ValueProto[] }[];
}

/** The evaluator's request cap (gRPC's default 4 MiB message size on the server). */
export const REQUEST_CAP_BYTES = 4 * 1024 * 1024;

interface EvaluateResponse {
  readonly content?: { readonly tableData?: { readonly row?: { readonly cell?: ValueProto[] }[] } };
  readonly prepared?: { readonly columns?: ColumnProto[] };
}

/**
 * Evaluates every model, reading `sources` (by dependency key, e.g. `ga4.events`). Returns each
 * model's result by name; throws with the model name and ZetaSQL's message when one fails.
 */
export async function evaluateModels(
  server: ZetaSqlServer,
  models: readonly CompiledModel[],
  sources: ReadonlyMap<string, EvaluatedTable>,
): Promise<Map<string, EvaluatedTable>> {
  const language = bigQueryLanguage(await server.call('GetLanguageOptions', { maximumFeatures: true }));
  const results = new Map<string, EvaluatedTable>();
  for (const model of models) {
    const inputs = [
      ...model.dependsOn.sources.map((s) => sources.get(s)),
      ...model.dependsOn.models.map((m) => results.get(m)),
    ];
    if (inputs.includes(undefined)) throw new Error(`${model.name}: an input was not evaluated`);
    const tables = inputs as EvaluatedTable[];
    let response: EvaluateResponse;
    try {
      response = (await server.call('EvaluateQuery', {
        sql: fullBuildSql(model.sql),
        options: analyzerOptions(language),
        simpleCatalog: simpleCatalog(language, tables.map((t) => t.table)),
        tableContent: Object.fromEntries(tables.map((t) => [t.table.name, { tableData: { row: t.rows } }])),
      })) as EvaluateResponse;
    } catch (error) {
      const tooLarge = (error as { code?: number }).code === 8 ? ` (the request is over the ${REQUEST_CAP_BYTES / 1024 / 1024} MiB cap: use fewer events)` : '';
      throw new Error(`${model.name} failed on the ZetaSQL evaluator${tooLarge}: ${(error as Error).message}`);
    }
    const column = (response.prepared?.columns ?? []).map((c) => ({ name: c.name ?? '', type: c.type ?? {} }));
    const rows = (response.content?.tableData?.row ?? []).map((r) => ({ cell: r.cell ?? [] }));
    results.set(model.id, { table: { name: catalogName(model.relation), column }, rows });
  }
  return results;
}

/** A result as plain rows (column name -> value). */
export function plainRows(result: EvaluatedTable): Record<string, unknown>[] {
  return result.rows.map((row) =>
    Object.fromEntries(result.table.column.map((c, i) => [c.name ?? '', fromValueProto(row.cell[i] ?? {}, c.type ?? {})])),
  );
}
